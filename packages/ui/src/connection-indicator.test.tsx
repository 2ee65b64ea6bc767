import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ConnectionIndicator, type ConnectionState } from "./connection-indicator";

describe("ConnectionIndicator", () => {
  it.each<[ConnectionState, string, string]>([
    ["live", "Live", "Updates arrive as they happen."],
    ["reconnecting", "Reconnecting", "Trying to restore live updates…"],
    ["offline", "Offline", "Live updates are paused until the connection returns."],
  ])("shows the %s state with a visible label and a spoken explanation", (state, label, detail) => {
    render(<ConnectionIndicator state={state} />);
    const status = screen.getByRole("status");
    expect(status.getAttribute("data-state")).toBe(state);
    expect(status.classList.contains(`wb-connection--${state}`)).toBe(true);
    expect(status.textContent).toBe(`${label}: ${detail}`);
    expect(status.getAttribute("title")).toBe(detail);
  });

  it("announces a change of state in the same live region", () => {
    const { rerender } = render(<ConnectionIndicator state="live" />);
    const status = screen.getByRole("status");
    rerender(<ConnectionIndicator state="offline" />);
    expect(screen.getByRole("status")).toBe(status);
    expect(status.textContent).toContain("Offline");
  });
});
