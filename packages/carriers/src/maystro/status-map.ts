import { mapRawStatus, type StatusMapping } from "../status-model";
import type { CarrierLogger } from "../types";

/** Maystro's numeric status codes with their English enum names (carriers.md §3.5). */
export const MAYSTRO_STATUS_LABELS = {
  4: "CREATED",
  5: "PICK_UP_REQUESTED",
  6: "IN_PROCESS",
  8: "WAITING_TRANSIT",
  9: "IN_TRANSIT_TO_BE_SHIPPED",
  10: "IN_TRANSIT_TO_BE_RETURNED",
  11: "PENDING",
  12: "OUT_OF_STOCK",
  15: "READY_TO_SHIP",
  22: "ASSIGNED",
  31: "SHIPPED",
  32: "ALERTED",
  41: "DELIVERED",
  42: "POSTPONED",
  50: "ABORTED",
  51: "READY_TO_RETURN",
  52: "TAKEN_BY_STORE",
  53: "NOT_RECEIVED",
} as const;
export type MaystroStatusCode = keyof typeof MAYSTRO_STATUS_LABELS;

/** Normalized status per Maystro code (carriers.md §4.4). */
export const MAYSTRO_STATUS_MAP = {
  4: { status: "pending", substatus: null },
  11: { status: "pending", substatus: "on_hold" },
  5: { status: "info_received", substatus: "pickup_scheduled" },
  // [I] in carriers.md: received/prepared at Maystro, not yet moving.
  6: { status: "info_received", substatus: "processing_at_carrier" },
  8: { status: "in_transit", substatus: "picked_up" },
  9: { status: "in_transit", substatus: null },
  15: { status: "in_transit", substatus: "at_destination_hub" },
  // courier-dz maps ASSIGNED the same way; the driver has the parcel for today's round.
  22: { status: "out_for_delivery", substatus: "driver_assigned" },
  31: { status: "out_for_delivery", substatus: null },
  32: { status: "failed_attempt", substatus: "alerted" },
  42: { status: "failed_attempt", substatus: "postponed" },
  41: { status: "delivered", substatus: null },
  12: { status: "exception", substatus: "out_of_stock" },
  53: { status: "exception", substatus: "not_received" },
  // 50 covers merchant cancellation and refusal at the door; when 51/52 follow, the later scans
  // carry the return leg, so nothing here needs to look ahead.
  50: { status: "cancelled", substatus: "aborted" },
  10: { status: "return_to_sender", substatus: "rto_in_transit" },
  51: { status: "return_to_sender", substatus: "ready_to_return" },
  52: { status: "returned", substatus: "taken_by_store" },
} as const satisfies Record<MaystroStatusCode, StatusMapping>;

/** `delivery_type` of a stop-desk order in current clients (1 = home). */
export const MAYSTRO_STOP_DESK_DELIVERY_TYPE = 2;

/** Codes at which a stop-desk parcel waits at the desk rather than moving to a door. */
const STOP_DESK_WAITING_CODES: ReadonlySet<number> = new Set([15, 31]);

export function isKnownMaystroStatus(code: number): code is MaystroStatusCode {
  return Object.hasOwn(MAYSTRO_STATUS_MAP, code);
}

/** English enum name of a code, or null for a code no table knows. */
export function maystroStatusLabel(code: number): string | null {
  return isKnownMaystroStatus(code) ? MAYSTRO_STATUS_LABELS[code] : null;
}

/**
 * Map a Maystro status code to the normalized status. Stop-desk orders (`delivery_type` 2) at 15
 * or 31 become `available_for_pickup`: Maystro has no dedicated code for "waiting at the desk",
 * so this is inferred (carriers.md §4.4 [I]). Unknown codes give `unknown` and a warning, never a throw.
 */
export function mapMaystroStatus(
  code: number,
  options: { deliveryType?: number | null; logger?: CarrierLogger } = {},
): StatusMapping {
  if (
    options.deliveryType === MAYSTRO_STOP_DESK_DELIVERY_TYPE &&
    STOP_DESK_WAITING_CODES.has(code)
  ) {
    return { status: "available_for_pickup", substatus: "stop_desk" };
  }
  return mapRawStatus(MAYSTRO_STATUS_MAP, code, {
    carrier: "maystro",
    logger: options.logger,
    rawLabel: maystroStatusLabel(code),
  });
}
