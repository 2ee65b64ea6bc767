import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { NotificationBell } from "./notification-bell";
import { NotificationPanel, type NotificationPanelProps } from "./notification-panel";

const CATEGORIES = [
  { id: "all", label: "All" },
  { id: "delivery", label: "Delivery" },
];

function panel(props: Partial<NotificationPanelProps> = {}) {
  const handlers = {
    onCategoryChange: vi.fn(),
    onOpen: vi.fn(),
    onMarkRead: vi.fn(),
    onMarkAllRead: vi.fn(),
  };
  render(
    <NotificationPanel
      id="panel"
      categories={CATEGORIES}
      category="all"
      items={[
        { id: "n2", title: "Out for delivery", body: "Today", createdAt: new Date(), unread: true },
        {
          id: "n1",
          title: "Order confirmed",
          body: "Thanks",
          createdAt: new Date(),
          unread: false,
        },
      ]}
      status="ready"
      unread={1}
      {...handlers}
      {...props}
    />,
  );
  return handlers;
}

describe("NotificationBell", () => {
  it("names the unread count and caps the badge at 99+", () => {
    const { rerender } = render(
      <NotificationBell unread={3} expanded={false} controls="p" onToggle={() => {}} />,
    );
    expect(screen.getByRole("button", { name: "Notifications, 3 unread" })).toBeTruthy();
    rerender(<NotificationBell unread={120} expanded controls="p" onToggle={() => {}} />);
    const bell = screen.getByRole("button", { name: "Notifications, 120 unread" });
    expect(bell.textContent).toBe("99+");
    expect(bell.getAttribute("aria-expanded")).toBe("true");
    rerender(<NotificationBell unread={0} expanded={false} controls="p" onToggle={() => {}} />);
    expect(screen.getByRole("button", { name: "Notifications" }).textContent).toBe("");
  });
});

describe("NotificationPanel", () => {
  it("lists newest first with unread marked, and reports clicks", () => {
    const handlers = panel();
    const region = screen.getByRole("region", { name: "Your notifications" });
    const items = within(region).getAllByRole("listitem");
    expect(items.map((item) => item.getAttribute("data-notification-id"))).toEqual(["n2", "n1"]);
    expect(items[0]?.textContent).toContain("Unread: Out for delivery");

    fireEvent.click(
      within(region).getByRole("button", { name: 'Mark "Out for delivery" as read' }),
    );
    expect(handlers.onMarkRead).toHaveBeenCalledWith(expect.objectContaining({ id: "n2" }));
    expect(within(items[1] as HTMLElement).queryByRole("button", { name: /Mark/ })).toBeNull();

    fireEvent.click(within(region).getByRole("button", { name: /Order confirmed/ }));
    expect(handlers.onOpen).toHaveBeenCalledWith(expect.objectContaining({ id: "n1" }));

    fireEvent.click(within(region).getByRole("button", { name: "Delivery" }));
    expect(handlers.onCategoryChange).toHaveBeenCalledWith("delivery");
    expect(within(region).getByRole("button", { name: "All" }).getAttribute("aria-pressed")).toBe(
      "true",
    );

    fireEvent.click(within(region).getByRole("button", { name: "Mark all as read" }));
    expect(handlers.onMarkAllRead).toHaveBeenCalled();
  });

  it("disables 'mark all' with nothing unread and shows the empty text", () => {
    panel({ items: [], unread: 0, empty: "No delivery news yet." });
    expect(screen.getByText("No delivery news yet.")).toBeTruthy();
    expect(
      (screen.getByRole("button", { name: "Mark all as read" }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it("offers a retry when the list failed", () => {
    const onRetry = vi.fn();
    panel({ status: "error", onRetry });
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(onRetry).toHaveBeenCalled();
  });
});
