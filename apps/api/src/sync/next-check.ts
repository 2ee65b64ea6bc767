import { isTerminal } from "@waybill/carriers";
import type { schema } from "@waybill/db";

type ShipmentRow = typeof schema.shipments.$inferSelect;

/** What the schedule looks at: the shipment's state and how long the carrier has been quiet about it. */
export type CheckInput = Pick<
  ShipmentRow,
  "carrier" | "status" | "substatus" | "trackingNumber" | "statusAt" | "lastEventAt" | "createdAt"
>;

export type CheckReason =
  | "awaiting_tracking_number"
  | "out_for_delivery"
  | "last_mile"
  | "moving"
  | "cancelled_may_return"
  | "terminal"
  | "expired";

/** `at` null: no more automatic checks (webhooks, a manual check or an admin can still move it). */
export type CheckPlan = { at: Date | null; reason: CheckReason };

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A shipment the carrier has said nothing about for this long is given up on (issue 4: "expiry after 30 days"). */
export const EXPIRY_AFTER_MS = 30 * DAY;
/** Maystro's cancelled (50) may still become a return (51, 52) without a webhook set up: look daily for a month. */
const CANCELLED_RECHECK_MS = DAY;

/**
 * Interval right after a change, and the cap it doubles towards for each whole day the carrier stays quiet.
 * The last mile changes within hours and matters most to the customer; a parcel in a hub for days does not.
 */
const INTERVALS = {
  // A label is printed within hours of shipping; polling for it must not cost a list walk every 5 minutes for weeks.
  awaiting_tracking_number: { baseMs: 5 * MINUTE, capMs: HOUR },
  out_for_delivery: { baseMs: 15 * MINUTE, capMs: HOUR },
  last_mile: { baseMs: 30 * MINUTE, capMs: 2 * HOUR },
  moving: { baseMs: HOUR, capMs: 12 * HOUR },
} as const satisfies Record<string, { baseMs: number; capMs: number }>;

/**
 * When the scheduled sync should next ask the carrier about a shipment, and why. Pure: the same input
 * always gives the same plan, so the apply path and the sync agree.
 */
export function planNextCheck(shipment: CheckInput, now: Date): CheckPlan {
  const { status, substatus } = shipment;
  if (isTerminal(status, substatus)) {
    if (shipment.carrier === "maystro" && status === "cancelled") {
      const cancelledAt = shipment.statusAt ?? shipment.lastEventAt ?? shipment.createdAt;
      if (now.getTime() - cancelledAt.getTime() < EXPIRY_AFTER_MS)
        return {
          at: new Date(now.getTime() + CANCELLED_RECHECK_MS),
          reason: "cancelled_may_return",
        };
    }
    return { at: null, reason: "terminal" };
  }

  // Carrier time can run ahead of ours (time zones, skewed clocks): never a negative quiet spell.
  const quietMs = Math.max(
    0,
    now.getTime() - (shipment.lastEventAt ?? shipment.createdAt).getTime(),
  );
  if (quietMs >= EXPIRY_AFTER_MS) return { at: null, reason: "expired" };

  const reason: CheckReason =
    shipment.trackingNumber === null
      ? "awaiting_tracking_number"
      : status === "out_for_delivery"
        ? "out_for_delivery"
        : status === "failed_attempt" || status === "available_for_pickup"
          ? "last_mile"
          : "moving";
  const { baseMs, capMs } = INTERVALS[reason];
  const intervalMs = Math.min(capMs, baseMs * 2 ** Math.floor(quietMs / DAY));
  return { at: new Date(now.getTime() + intervalMs), reason };
}

/** The instant of the next automatic check, or null when checks stop. */
export function nextCheckAt(shipment: CheckInput, now: Date): Date | null {
  return planNextCheck(shipment, now).at;
}
