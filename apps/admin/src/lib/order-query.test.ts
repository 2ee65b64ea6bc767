import { describe, expect, it } from "vitest";
import { csvExportHref, parseOrderQuery, toListInput, toSearchParams } from "./order-query";

describe("order list query in the URL", () => {
  it("round-trips every filter and drops unknown values", () => {
    const params = new URLSearchParams(
      "status=shipped,bogus,delivered,shipped&carrier=maystro&account=acc_1&from=2026-03-01&to=2026-03-31&q=+asha@example.com+&sort=oldest&size=100",
    );
    const query = parseOrderQuery(params);
    expect(query).toEqual({
      status: ["shipped", "delivered"],
      carrier: "maystro",
      accountId: "acc_1",
      from: "2026-03-01",
      to: "2026-03-31",
      search: "asha@example.com",
      sort: "oldest",
      pageSize: 100,
    });
    expect(parseOrderQuery(toSearchParams(query))).toEqual(query);
  });

  it("gives a plain list a plain URL", () => {
    const query = parseOrderQuery(new URLSearchParams("carrier=dhl&size=7&from=yesterday"));
    expect(toSearchParams(query).toString()).toBe("");
    expect(toListInput(query, null)).toEqual({ sort: "newest", limit: 50, cursor: null });
  });

  it("turns local days into the instants the api filters on, inclusive", () => {
    const query = parseOrderQuery(new URLSearchParams("from=2026-03-01&to=2026-03-01"));
    const input = toListInput(query, "c1") as { from: string; to: string; cursor: string };
    expect(new Date(input.from).getTime()).toBe(new Date(2026, 2, 1, 0, 0, 0, 0).getTime());
    expect(new Date(input.to).getTime()).toBe(new Date(2026, 2, 1, 23, 59, 59, 999).getTime());
    expect(input.cursor).toBe("c1");
  });

  it("links the CSV export to the same filters", () => {
    const query = parseOrderQuery(
      new URLSearchParams("status=shipped,delivered&carrier=maystro&q=WB-2026"),
    );
    const href = csvExportHref(query);
    const url = new URL(href, "https://shop.example");
    expect(url.pathname).toBe("/exports/orders.csv");
    expect(url.searchParams.get("status")).toBe("shipped,delivered");
    expect(url.searchParams.get("carrier")).toBe("maystro");
    expect(url.searchParams.get("search")).toBe("WB-2026");
    expect(csvExportHref(parseOrderQuery(new URLSearchParams()))).toBe("/exports/orders.csv");
  });
});
