import { mapRawStatus, type StatusMapping } from "../status-model";
import type { CarrierLogger } from "../types";

/**
 * Sequel247 `shipment_status` / `tracking[].code` values with the integrators' wording (carriers.md
 * §2.5). The list is known to be incomplete: live integrations have met codes no table had.
 */
export const SEQUEL247_STATUS_LABELS = {
  SCREATED: "Shipment created",
  SPU: "Picked up",
  SCHECKIN: "Picked up by Sequel staff / checked in",
  SCHKINORIGN: "Checked in at origin hub",
  SLINREC: "Received at hub",
  SLINORIN: "Departed origin hub",
  SLINDEST: "Arrived at destination hub",
  SDELASN: "Out for delivery",
  SDELVD: "Delivered",
  SCANCELLED: "Cancelled",
  SINEXCP: "Exception",
  SRTOPKP: "RTO pickup",
  SRTODLV: "RTO delivered",
} as const;
export type Sequel247StatusCode = keyof typeof SEQUEL247_STATUS_LABELS;

/** Normalized status per Sequel247 code (carriers.md §4.3). */
export const SEQUEL247_STATUS_MAP = {
  SCREATED: { status: "info_received", substatus: "booked" },
  SPU: { status: "in_transit", substatus: "picked_up" },
  // Integrators disagree on whether this is the pickup or the hub check-in; either way it moves.
  SCHECKIN: { status: "in_transit", substatus: "picked_up" },
  SCHKINORIGN: { status: "in_transit", substatus: "origin_hub" },
  SLINREC: { status: "in_transit", substatus: "hub_received" },
  SLINORIN: { status: "in_transit", substatus: "departed_origin" },
  SLINDEST: { status: "in_transit", substatus: "at_destination_hub" },
  SDELASN: { status: "out_for_delivery", substatus: null },
  SDELVD: { status: "delivered", substatus: null },
  SCANCELLED: { status: "cancelled", substatus: null },
  // Sequel has one exception code for everything (consignee away, held, lost); the scan's own
  // description is the only detail, so no substatus is claimed.
  SINEXCP: { status: "exception", substatus: null },
  SRTOPKP: { status: "return_to_sender", substatus: "rto_picked_up" },
  SRTODLV: { status: "returned", substatus: "rto_delivered" },
} as const satisfies Record<Sequel247StatusCode, StatusMapping>;

export function isKnownSequel247Status(code: string): code is Sequel247StatusCode {
  return Object.hasOwn(SEQUEL247_STATUS_MAP, code);
}

/**
 * Map a Sequel247 code to the normalized status, by exact code (never by the scan's wording). An
 * unknown code gives `unknown` and a warning, never a throw; the caller keeps the raw code.
 */
export function mapSequel247Status(
  code: string,
  options: { logger?: CarrierLogger | undefined; description?: string | null } = {},
): StatusMapping {
  return mapRawStatus(SEQUEL247_STATUS_MAP, code, {
    carrier: "sequel247",
    logger: options.logger,
    rawLabel: options.description ?? null,
  });
}
