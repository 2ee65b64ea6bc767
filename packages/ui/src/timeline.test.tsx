import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Timeline } from "./timeline";

describe("Timeline", () => {
  it("renders groups and rows in the order given, the first row as the latest", () => {
    render(
      <Timeline
        label="History"
        groups={[
          {
            id: "d2",
            heading: "Today",
            entries: [
              {
                id: "e2",
                title: "Out for delivery",
                description: "Dispatched",
                place: "Koramangala",
                time: "8:27 am",
                dateTime: "2026-11-24T02:57:00.000Z",
                tone: "accent",
              },
            ],
          },
          {
            id: "d1",
            heading: "Yesterday",
            entries: [
              {
                id: "e1",
                title: "In transit",
                time: "5:27 pm",
                dateTime: "2026-11-23T11:57:00.000Z",
              },
            ],
          },
        ]}
      />,
    );
    const timeline = screen.getByRole("region", { name: "History" });
    expect(
      within(timeline)
        .getAllByRole("heading")
        .map((h) => h.textContent),
    ).toEqual(["Today", "Yesterday"]);
    const rows = within(timeline).getAllByRole("listitem");
    expect(rows.map((row) => row.getAttribute("data-entry-id"))).toEqual(["e2", "e1"]);
    expect(rows[0]?.textContent).toContain("Out for delivery (latest)");
    expect(rows[0]?.textContent).toContain("8:27 am · Koramangala");
    expect(rows[0]?.querySelector("time")?.getAttribute("dateTime")).toBe(
      "2026-11-24T02:57:00.000Z",
    );
    expect(rows[1]?.textContent).not.toContain("(latest)");
  });

  it("says so when there is nothing", () => {
    render(<Timeline label="History" groups={[]} empty="No scans yet." />);
    expect(screen.getByText("No scans yet.")).toBeTruthy();
    expect(screen.queryByRole("region")).toBeNull();
  });
});
