import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MilestoneTrack } from "./milestone-track";

describe("MilestoneTrack", () => {
  it("marks the current or troubled step for assistive tech and says each step's state", () => {
    render(
      <MilestoneTrack
        steps={[
          { id: "a", label: "Confirmed", state: "done" },
          { id: "b", label: "Shipped", state: "done" },
          { id: "c", label: "Out for delivery", state: "problem", detail: "Attempt failed" },
          { id: "d", label: "Delivered", state: "upcoming" },
        ]}
      />,
    );
    const list = screen.getByRole("list", { name: "Delivery progress" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((item) => item.getAttribute("aria-current"))).toEqual([
      null,
      null,
      "step",
      null,
    ]);
    // The "!" is drawn, hidden from assistive tech; the words say it.
    expect(items[2]?.textContent).toBe("!Out for delivery: needs attentionAttempt failed");
    expect(items[2]?.querySelector("[aria-hidden]")?.textContent).toBe("!");
    expect(items[0]?.textContent).toBe("Confirmed: done");
    expect(items[3]?.textContent).toBe("Delivered: not yet");
  });

  it("draws a danger problem differently from a warning", () => {
    render(
      <MilestoneTrack
        steps={[
          { id: "a", label: "Confirmed", state: "done" },
          { id: "b", label: "Shipped", state: "problem", tone: "danger" },
        ]}
      />,
    );
    const items = screen.getAllByRole("listitem");
    expect(items[1]?.className).toContain("wb-milestone--danger");
    expect(items[0]?.className).not.toContain("wb-milestone--danger");
  });
});
