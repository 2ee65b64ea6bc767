import { act, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Countdown } from "./countdown";

describe("Countdown", () => {
  beforeEach(() => vi.useFakeTimers({ now: Date.parse("2026-11-24T06:30:00Z") }));
  afterEach(() => vi.useRealTimers());

  it("ticks down to the deadline and calls onDone once", () => {
    const onDone = vi.fn();
    render(<Countdown until={new Date(Date.now() + 3_000)} onDone={onDone} />);
    expect(screen.getByRole("timer").textContent).toBe("0:03");
    act(() => vi.advanceTimersByTime(1_000));
    expect(screen.getByRole("timer").textContent).toBe("0:02");
    act(() => vi.advanceTimersByTime(5_000));
    expect(screen.getByRole("timer").textContent).toBe("0:00");
    expect(onDone).toHaveBeenCalledTimes(1);
  });
});
