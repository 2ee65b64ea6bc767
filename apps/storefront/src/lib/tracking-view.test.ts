import { DEFAULT_SHOP_LOCALE } from "@waybill/ui";
import { describe, expect, it } from "vitest";
import type { OrderStatus, ShipmentStatus } from "./api-types";
import {
  badgeStatus,
  effectiveStatus,
  freshnessLine,
  milestonesFor,
  statusHeadline,
  timelineGroups,
} from "./tracking-view";

const shop = DEFAULT_SHOP_LOCALE;
const MINUTE = 60_000;
// 2026-11-24 12:00 in Kolkata.
const NOW = Date.parse("2026-11-24T06:30:00Z");

function track(orderStatus: OrderStatus, shipmentStatus: ShipmentStatus | null) {
  return milestonesFor({ orderStatus, shipmentStatus, shop })
    .map((step) => `${step.label}:${step.state}`)
    .join(" → ");
}

describe("milestonesFor", () => {
  it.each([
    [
      "pending",
      null,
      "Confirmed:current → Shipped:upcoming → Out for delivery:upcoming → Delivered:upcoming",
    ],
    [
      "confirmed",
      null,
      "Confirmed:current → Shipped:upcoming → Out for delivery:upcoming → Delivered:upcoming",
    ],
    [
      "processing",
      null,
      "Confirmed:done → Shipped:current → Out for delivery:upcoming → Delivered:upcoming",
    ],
    [
      "processing",
      "pending",
      "Confirmed:done → Shipped:current → Out for delivery:upcoming → Delivered:upcoming",
    ],
    [
      "shipped",
      "in_transit",
      "Confirmed:done → Shipped:current → Out for delivery:upcoming → Delivered:upcoming",
    ],
    [
      "shipped",
      "exception",
      "Confirmed:done → Shipped:problem → Out for delivery:upcoming → Delivered:upcoming",
    ],
    [
      "out_for_delivery",
      "out_for_delivery",
      "Confirmed:done → Shipped:done → Out for delivery:current → Delivered:upcoming",
    ],
    [
      "out_for_delivery",
      "failed_attempt",
      "Confirmed:done → Shipped:done → Out for delivery:problem → Delivered:upcoming",
    ],
    [
      "out_for_delivery",
      "available_for_pickup",
      "Confirmed:done → Shipped:done → Ready for pickup:current → Delivered:upcoming",
    ],
    [
      "delivered",
      "delivered",
      "Confirmed:done → Shipped:done → Out for delivery:done → Delivered:done",
    ],
    [
      "shipped",
      "return_to_sender",
      "Confirmed:done → Shipped:done → Returning:problem → Returned:upcoming",
    ],
    ["returned", "returned", "Confirmed:done → Shipped:done → Returning:done → Returned:problem"],
    ["cancelled", "cancelled", "Confirmed:done → Cancelled:problem"],
    // The shop cancelled the order after it was handed over: the order's word wins over the last scan.
    ["cancelled", "in_transit", "Confirmed:done → Cancelled:problem"],
    // Set by an admin without any shipment: the order speaks for the parcel.
    ["delivered", null, "Confirmed:done → Shipped:done → Out for delivery:done → Delivered:done"],
  ] as const)("order %s, shipment %s", (order, shipment, expected) => {
    expect(track(order, shipment)).toBe(expected);
  });

  it("marks an exception as danger and a failed attempt as a warning", () => {
    const exception = milestonesFor({ orderStatus: "shipped", shipmentStatus: "exception", shop });
    expect(exception.find((s) => s.state === "problem")?.tone).toBe("danger");
    const failed = milestonesFor({
      orderStatus: "out_for_delivery",
      shipmentStatus: "failed_attempt",
      shop,
    });
    expect(failed.find((s) => s.state === "problem")?.tone).toBeUndefined();
  });

  it("dates the delivered step in the shop's zone", () => {
    const steps = milestonesFor({
      orderStatus: "delivered",
      shipmentStatus: "delivered",
      // 23:00 UTC on the 23rd is already the 24th in Kolkata.
      deliveredAt: "2026-11-23T23:00:00Z",
      shop,
    });
    expect(steps.at(-1)?.detail).toBe("Tue, 24 Nov");
  });
});

describe("statusHeadline and badgeStatus", () => {
  it("speak plainly before the first scan", () => {
    expect(statusHeadline("confirmed", null).title).toBe("Order confirmed");
    expect(statusHeadline("processing", null).title).toBe("Preparing your order");
    expect(statusHeadline("processing", "pending").title).toBe("Handed to the carrier");
    expect(statusHeadline("processing", "info_received").title).toBe("Packed, awaiting pickup");
    expect(statusHeadline("out_for_delivery", "failed_attempt")).toEqual({
      title: "Delivery attempt failed",
      tone: "warning",
    });
  });

  it("badges the shipment once it says more than the order", () => {
    expect(badgeStatus("processing", "pending")).toEqual({ kind: "order", status: "processing" });
    expect(badgeStatus("shipped", "in_transit")).toEqual({
      kind: "shipment",
      status: "in_transit",
    });
    expect(badgeStatus("confirmed", null)).toEqual({ kind: "order", status: "confirmed" });
  });

  it("keeps the shipment's status when the order agrees or says less", () => {
    expect(effectiveStatus("out_for_delivery", "failed_attempt")).toBe("failed_attempt");
    expect(effectiveStatus("returned", "return_to_sender")).toBe("returned");
  });
});

describe("timelineGroups", () => {
  const scan = (id: string, iso: string, status: ShipmentStatus, extra = {}) => ({
    id,
    occurredAt: iso,
    status,
    rawLabel: status.toUpperCase(),
    location: null,
    description: null,
    ...extra,
  });

  it("groups by the shop's calendar day, naming today and yesterday", () => {
    const groups = timelineGroups(
      [
        scan("c", "2026-11-24T05:00:00Z", "out_for_delivery"),
        // 20:00 UTC on the 23rd is 01:30 on the 24th in Kolkata: still today there.
        scan("b", "2026-11-23T20:00:00Z", "in_transit"),
        scan("a", "2026-11-23T10:00:00Z", "in_transit"),
        scan("z", "2026-11-20T10:00:00Z", "info_received"),
      ],
      { shop, now: NOW },
    );
    expect(groups.map((g) => [g.heading, g.entries.map((e) => e.id)])).toEqual([
      ["Today", ["c", "b"]],
      ["Yesterday", ["a"]],
      ["Fri, 20 Nov", ["z"]],
    ]);
    expect(groups[0]?.entries[1]?.time).toBe("1:30 am");
  });

  it("titles scans by status, keeps the carrier's words, and never hides an unknown code", () => {
    const [group] = timelineGroups(
      [
        scan("u", "2026-11-24T05:00:00Z", "unknown", { rawLabel: "PENDING MANIFEST DATA" }),
        scan("d", "2026-11-24T04:00:00Z", "in_transit", {
          description: "In Transit - Bag added to Trip",
          location: "Nagpur",
        }),
        scan("s", "2026-11-24T03:00:00Z", "delivered", { source: "admin", rawLabel: "Set by Ana" }),
      ],
      { shop, now: NOW },
    );
    const [unknown, described, admin] = group?.entries ?? [];
    expect(unknown?.title).toBe("Pending manifest data");
    expect(unknown?.tone).toBe("neutral");
    expect(described).toMatchObject({
      title: "In transit",
      description: "In Transit - Bag added to Trip",
      place: "Nagpur",
      tone: "info",
    });
    expect(admin).toMatchObject({ title: "Delivered", description: "Updated by the shop" });
  });

  it("marks rows named fresh", () => {
    const [group] = timelineGroups([scan("n", "2026-11-24T05:00:00Z", "in_transit")], {
      shop,
      now: NOW,
      fresh: new Set(["n"]),
    });
    expect(group?.entries[0]?.fresh).toBe(true);
  });
});

describe("freshnessLine", () => {
  const base = {
    lastCheckedAt: new Date(NOW - 3 * MINUTE),
    lastCheckSource: "webhook" as const,
    nextCheckAt: new Date(NOW + 40 * MINUTE),
    status: "in_transit" as const,
    now: NOW,
    shop,
  };

  it("says when and how it was last checked, and when it will be next", () => {
    expect(freshnessLine(base)).toBe(
      "Last checked 3 min ago by webhook · next automatic check in 40 min",
    );
    expect(freshnessLine({ ...base, lastCheckSource: "poll" })).toContain("by scheduled check");
  });

  it("promises no next check for a finished shipment", () => {
    expect(freshnessLine({ ...base, status: "delivered", nextCheckAt: null })).toBe(
      "Last checked 3 min ago by webhook · tracking complete",
    );
  });

  it("is honest about a shipment nobody has checked and a check that is due", () => {
    expect(
      freshnessLine({
        ...base,
        lastCheckedAt: null,
        lastCheckSource: null,
        nextCheckAt: new Date(NOW - MINUTE),
      }),
    ).toBe("Not checked with the carrier yet · next automatic check due now");
  });
});
