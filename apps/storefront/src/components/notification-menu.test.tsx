import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";
import { isoAgo, order, sessionHandlers } from "../testing/fixtures";

type Notice = {
  id: string;
  orderId: string | null;
  category: "order_update" | "delivery" | "account";
  title: string;
  body: string;
  readAt: string | null;
  createdAt: string;
};

function notice(id: string, extra: Partial<Notice> = {}): Notice {
  return {
    id,
    orderId: "o_1",
    category: "delivery",
    title: "Out for delivery",
    body: "Order WB-2026-000123 is out for delivery today.",
    readAt: null,
    createdAt: isoAgo(60_000),
    ...extra,
  };
}

function setup(initial: Notice[]) {
  let notices = initial;
  const api = createFakeApi({
    ...sessionHandlers(),
    "notifications.unreadCount": () => ({ count: notices.filter((n) => !n.readAt).length }),
    "notifications.list": (input) => {
      const category = (input as { category?: string }).category;
      return {
        items: notices.filter((n) => !category || n.category === category),
        nextCursor: null,
      };
    },
    "notifications.markRead": (input) => {
      const { ids } = input as { ids: string[] };
      notices = notices.map((n) => (ids.includes(n.id) ? { ...n, readAt: isoAgo(0) } : n));
      return { updated: ids.length };
    },
    "notifications.markAllRead": () => {
      notices = notices.map((n) => ({ ...n, readAt: n.readAt ?? isoAgo(0) }));
      return { updated: 1 };
    },
    "orders.byId": () => order(),
    "orders.onUpdate": () => new Promise(() => {}),
  });
  const view = renderRoutes(routes, "/", api);
  return { api, ...view };
}

async function openPanel() {
  const banner = await screen.findByRole("banner");
  const bell = await within(banner).findByRole("button", { name: /^Notifications/ });
  fireEvent.click(bell);
  return { bell, panel: screen.getByRole("region", { name: "Your notifications", hidden: true }) };
}

describe("notification bell", () => {
  it("shows the unread count, filters by category, and marks one and all read", async () => {
    const { api } = setup([
      notice("n3", { category: "order_update", title: "Your order has a tracking number" }),
      notice("n2"),
      notice("n1", { category: "order_update", title: "Order confirmed", readAt: isoAgo(1) }),
    ]);
    await screen.findByRole("button", { name: "Notifications, 2 unread" });
    const { panel } = await openPanel();
    await within(panel).findByText("Your order has a tracking number");
    expect(within(panel).getAllByRole("listitem")).toHaveLength(3);

    fireEvent.click(within(panel).getByRole("button", { name: "Delivery" }));
    await waitFor(() => expect(within(panel).getAllByRole("listitem")).toHaveLength(1));
    expect(
      api.calls.some(
        (c) =>
          c.path === "notifications.list" &&
          (c.input as { category?: string }).category === "delivery",
      ),
    ).toBe(true);

    fireEvent.click(within(panel).getByRole("button", { name: 'Mark "Out for delivery" as read' }));
    await screen.findByRole("button", { name: "Notifications, 1 unread" });

    fireEvent.click(within(panel).getByRole("button", { name: "Mark all as read" }));
    await screen.findByRole("button", { name: "Notifications" });
  });

  it("opens the order a notification is about, marking it read", async () => {
    const { router, api } = setup([notice("n2")]);
    const { panel } = await openPanel();
    fireEvent.click(
      await within(panel).findByRole("button", { name: /^Unread:\s*Out for delivery/ }),
    );
    await waitFor(() => expect(router.state.location.pathname).toBe("/orders/o_1"));
    expect(api.calls.find((c) => c.path === "notifications.markRead")?.input).toEqual({
      ids: ["n2"],
    });
  });

  it("closes on Escape and gives focus back to the bell", async () => {
    setup([notice("n2")]);
    const { bell, panel } = await openPanel();
    expect(bell.getAttribute("aria-expanded")).toBe("true");
    fireEvent.keyDown(document, { key: "Escape" });
    expect(bell.getAttribute("aria-expanded")).toBe("false");
    expect(panel.hidden).toBe(true);
    expect(document.activeElement).toBe(bell);
  });
});
