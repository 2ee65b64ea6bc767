import { act, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { type ToastOptions, ToastProvider, useToast } from "./toast";

function Trigger({ toast }: { toast: ToastOptions }) {
  const { show } = useToast();
  return (
    <button type="button" onClick={() => show(toast)}>
      Notify
    </button>
  );
}

function region() {
  return screen.getByRole("region", { name: "Notifications" });
}

describe("ToastProvider", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps an empty live region mounted before any toast appears", () => {
    render(<ToastProvider />);
    expect(within(region()).queryAllByRole("listitem")).toHaveLength(0);
    expect(region().querySelector("[aria-live='polite']")).not.toBeNull();
  });

  it("shows a toast and removes it when dismissed", () => {
    render(
      <ToastProvider>
        <Trigger
          toast={{ title: "Order shipped", description: "WB-2026-000123", duration: null }}
        />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Notify" }));
    const item = within(region()).getByRole("listitem");
    expect(item.textContent).toContain("Order shipped");
    expect(item.textContent).toContain("WB-2026-000123");

    fireEvent.click(within(item).getByRole("button", { name: "Dismiss notification" }));
    expect(within(region()).queryAllByRole("listitem")).toHaveLength(0);
  });

  it("hides a timed toast once its duration passes, unless it is hovered", () => {
    vi.useFakeTimers();
    render(
      <ToastProvider>
        <Trigger toast={{ title: "Saved", duration: 1000 }} />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Notify" }));
    const item = within(region()).getByRole("listitem");

    fireEvent.mouseEnter(item);
    act(() => vi.advanceTimersByTime(5000));
    expect(within(region()).queryAllByRole("listitem")).toHaveLength(1);

    fireEvent.mouseLeave(item);
    act(() => vi.advanceTimersByTime(1000));
    expect(within(region()).queryAllByRole("listitem")).toHaveLength(0);
  });

  it("keeps only the newest four toasts", () => {
    render(
      <ToastProvider>
        <Trigger toast={{ title: "Update", duration: null }} />
      </ToastProvider>,
    );
    const button = screen.getByRole("button", { name: "Notify" });
    for (let i = 0; i < 6; i++) fireEvent.click(button);
    expect(within(region()).getAllByRole("listitem")).toHaveLength(4);
  });

  it("refuses to be used outside the provider", () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    expect(() => render(<Trigger toast={{ title: "x" }} />)).toThrow(/ToastProvider/);
    vi.restoreAllMocks();
  });
});
