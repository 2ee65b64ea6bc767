import type { CarrierId, ShipmentStatus } from "@waybill/carriers/statuses";
import { createTestDb, schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { applyCarrierUpdates } from "../tracking/apply-updates";
import { type CheckInput, type CheckReason, EXPIRY_AFTER_MS, planNextCheck } from "./next-check";

const NOW = new Date("2026-03-10T12:00:00Z");
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const ago = (ms: number) => new Date(NOW.getTime() - ms);

function shipment(
  overrides: Partial<Omit<CheckInput, "lastEventAt">> & {
    quietFor?: number;
    status?: ShipmentStatus;
    carrier?: CarrierId;
  },
): CheckInput {
  const { quietFor, ...rest } = overrides;
  return {
    carrier: "shiprocket",
    status: "in_transit",
    substatus: null,
    trackingNumber: "AWB123",
    statusAt: quietFor === undefined ? null : ago(quietFor),
    lastEventAt: quietFor === undefined ? null : ago(quietFor),
    createdAt: ago(40 * DAY),
    ...rest,
  };
}

type Row = [label: string, input: CheckInput, inMs: number | null, reason: CheckReason];

const TABLE: Row[] = [
  [
    "no tracking number yet, just shipped",
    shipment({ trackingNumber: null, status: "pending", createdAt: ago(10 * MINUTE) }),
    5 * MINUTE,
    "awaiting_tracking_number",
  ],
  [
    "no tracking number after two days: backs off",
    shipment({ trackingNumber: null, status: "pending", createdAt: ago(2 * DAY + HOUR) }),
    20 * MINUTE,
    "awaiting_tracking_number",
  ],
  [
    "no tracking number for a week: hourly",
    shipment({ trackingNumber: null, status: "pending", createdAt: ago(7 * DAY) }),
    HOUR,
    "awaiting_tracking_number",
  ],
  [
    "out for delivery this morning",
    shipment({ status: "out_for_delivery", quietFor: 3 * HOUR }),
    15 * MINUTE,
    "out_for_delivery",
  ],
  [
    "failed attempt today",
    shipment({ status: "failed_attempt", quietFor: HOUR }),
    30 * MINUTE,
    "last_mile",
  ],
  [
    "waiting at the stop desk for three days",
    shipment({ status: "available_for_pickup", quietFor: 3 * DAY }),
    2 * HOUR,
    "last_mile",
  ],
  ["in transit, moved an hour ago", shipment({ quietFor: HOUR }), HOUR, "moving"],
  ["in transit, quiet for a day", shipment({ quietFor: DAY + HOUR }), 2 * HOUR, "moving"],
  ["in transit, quiet for three days", shipment({ quietFor: 3 * DAY }), 8 * HOUR, "moving"],
  ["in transit, quiet for ten days: capped", shipment({ quietFor: 10 * DAY }), 12 * HOUR, "moving"],
  [
    "docket known, carrier has no scan yet",
    shipment({ status: "pending", createdAt: ago(HOUR) }),
    HOUR,
    "moving",
  ],
  [
    "carrier time ahead of ours counts as just moved",
    shipment({ quietFor: -2 * HOUR }),
    HOUR,
    "moving",
  ],
  ["delivered: stop", shipment({ status: "delivered", quietFor: HOUR }), null, "terminal"],
  ["returned: stop", shipment({ status: "returned", quietFor: HOUR }), null, "terminal"],
  [
    "lost: stop",
    shipment({ status: "exception", substatus: "lost", quietFor: HOUR }),
    null,
    "terminal",
  ],
  [
    "a non-terminal exception keeps being checked",
    shipment({ status: "exception", substatus: "damaged", quietFor: HOUR }),
    HOUR,
    "moving",
  ],
  [
    "Shiprocket cancelled: stop",
    shipment({ status: "cancelled", quietFor: HOUR }),
    null,
    "terminal",
  ],
  [
    "Maystro cancelled (50) may still turn into a return: daily",
    shipment({ carrier: "maystro", status: "cancelled", quietFor: 2 * DAY }),
    DAY,
    "cancelled_may_return",
  ],
  [
    "Maystro cancelled a month ago: stop",
    shipment({ carrier: "maystro", status: "cancelled", quietFor: 31 * DAY }),
    null,
    "terminal",
  ],
  ["no scan for 30 days: expired", shipment({ quietFor: EXPIRY_AFTER_MS }), null, "expired"],
  [
    "never a tracking number in 30 days: expired",
    shipment({ trackingNumber: null, status: "pending", createdAt: ago(EXPIRY_AFTER_MS + HOUR) }),
    null,
    "expired",
  ],
];

describe("planNextCheck", () => {
  it.each(TABLE)("%s", (_label, input, inMs, reason) => {
    const plan = planNextCheck(input, NOW);
    expect(plan.reason).toBe(reason);
    expect(plan.at === null ? null : plan.at.getTime() - NOW.getTime()).toBe(inMs);
  });
});

describe("the apply path keeps next_check_at", () => {
  const apply = (
    carrier: CarrierId,
    status: ShipmentStatus,
    rawCode: string,
    extra: { trackingNumber?: string | null; from?: string | null } = {},
  ) => {
    const db = createTestDb();
    const { shipmentId } = createShippedOrder(db, {
      carrier,
      trackingNumber: extra.from === undefined ? "AWB1" : extra.from,
    });
    db.update(schema.shipments)
      .set({ nextCheckAt: NOW })
      .where(eq(schema.shipments.id, shipmentId))
      .run();
    const update = carrierUpdate(carrier, [scan(status, rawCode, ago(HOUR).toISOString())], {
      trackingNumber: extra.trackingNumber ?? null,
    });
    applyCarrierUpdates(db, [{ shipmentId, update }], {
      source: "webhook",
      now: NOW,
      publicUrl: "x",
    });
    const row = db
      .select()
      .from(schema.shipments)
      .where(eq(schema.shipments.id, shipmentId))
      .get()!;
    return row.nextCheckAt === null ? null : row.nextCheckAt.getTime() - NOW.getTime();
  };

  it.each([
    ["delivered stops the checks", "shiprocket", "delivered", "7", null],
    ["out for delivery checks soon", "shiprocket", "out_for_delivery", "17", 15 * MINUTE],
    ["Maystro cancelled keeps a daily check", "maystro", "cancelled", "50", DAY],
  ] as const)("%s", (_label, carrier, status, rawCode, inMs) => {
    expect(apply(carrier, status, rawCode)).toBe(inMs);
  });

  it("moves from the tracking-number poll to the regular one when the number arrives", () => {
    expect(apply("shiprocket", "info_received", "6", { from: null, trackingNumber: "AWB9" })).toBe(
      HOUR,
    );
  });
});
