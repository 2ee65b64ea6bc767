import { describe, expect, it } from "vitest";
import { formatClock, formatDate, formatMoney, formatRelative } from "./format";
import { DEFAULT_SHOP_LOCALE } from "./shop-locale";

const shop = DEFAULT_SHOP_LOCALE;
const NOW = Date.parse("2026-11-24T06:30:00Z");
const MINUTE = 60_000;

describe("formatRelative", () => {
  it.each([
    [-10_000, "just now"],
    [10_000, "in under a minute"],
    [-3 * MINUTE, "3 min ago"],
    [40 * MINUTE, "in 40 min"],
    [-2 * 60 * MINUTE, "2 hr ago"],
    [-24 * 60 * MINUTE, "yesterday"],
    [3 * 24 * 60 * MINUTE, "in 3 days"],
    [-60 * 24 * 60 * MINUTE, "2 mo ago"],
  ])("%d ms from now reads %s", (offset, expected) => {
    expect(formatRelative(new Date(NOW + offset), NOW, shop)).toBe(expected);
  });

  it("accepts the ISO strings tRPC delivers", () => {
    expect(formatRelative(new Date(NOW - 5 * MINUTE).toISOString(), NOW, shop)).toBe("5 min ago");
  });
});

describe("formatDate", () => {
  it("shows the shop's clock, whatever the browser's zone", () => {
    // 20:00 UTC is 01:30 the next day in Kolkata.
    const instant = "2026-11-23T20:00:00Z";
    expect(formatDate(instant, shop)).toBe("24 Nov 2026, 1:30 am");
    expect(formatDate(instant, shop, "day")).toBe("Tue, 24 Nov");
    expect(formatDate(instant, shop, "time")).toBe("1:30 am");
    expect(formatDate(instant, { ...shop, timeZone: "UTC" }, "time")).toBe("8:00 pm");
  });
});

describe("formatMoney", () => {
  it("groups the Indian way and drops .00 on whole amounts", () => {
    expect(formatMoney(1_29_900, shop)).toBe("₹1,299");
    expect(formatMoney(12_34_56_700, shop)).toBe("₹12,34,567");
    expect(formatMoney(64_950, shop)).toBe("₹649.50");
  });
});

describe("formatClock", () => {
  it.each([
    [42_000, "0:42"],
    [41_001, "0:42"],
    [245_000, "4:05"],
    [3_723_000, "1:02:03"],
    [0, "0:00"],
    [-5_000, "0:00"],
  ])("%d ms shows %s", (ms, expected) => {
    expect(formatClock(ms)).toBe(expected);
  });
});
