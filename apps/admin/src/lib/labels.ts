import { type BadgeTone, ORDER_STATUS_LOOK, SHIPMENT_STATUS_LOOK } from "@waybill/ui";
import type {
  BreakerState,
  CarrierId,
  OrderStatus,
  ShipmentStatus,
  TrackingSource,
} from "./api-types";

/** Carriers by the names shops know them. */
export const CARRIER_LABEL = {
  shiprocket: "Shiprocket",
  sequel247: "Sequel247",
  maystro: "Maystro Delivery",
} as const satisfies Record<CarrierId, string>;

export const CARRIER_IDS = Object.keys(CARRIER_LABEL) as CarrierId[];

/** In the order the lifecycle runs, from the shared badge vocabulary. */
export const ORDER_STATUS_IDS = Object.keys(ORDER_STATUS_LOOK) as OrderStatus[];
export const SHIPMENT_STATUS_IDS = Object.keys(SHIPMENT_STATUS_LOOK) as ShipmentStatus[];

export function orderStatusLabel(status: OrderStatus): string {
  return ORDER_STATUS_LOOK[status].label;
}

export function shipmentStatusLabel(status: ShipmentStatus): string {
  return SHIPMENT_STATUS_LOOK[status].label;
}

/** Where a timeline event came from, in an admin's words. */
export const SOURCE_LABEL = {
  webhook: "Webhook",
  poll: "Scheduled sync",
  manual: "Manual check",
  admin: "Admin",
} as const satisfies Record<TrackingSource, string>;

export const BREAKER_LOOK = {
  closed: { label: "Healthy", tone: "success" },
  half_open: { label: "Trying again", tone: "warning" },
  open: { label: "Paused", tone: "danger" },
  disabled: { label: "Disabled", tone: "neutral" },
} as const satisfies Record<BreakerState, { label: string; tone: BadgeTone }>;

/** A look for a value the api may grow (verdicts, run states): unknown ones still render. */
export function lookOf<K extends string>(
  table: Partial<Record<K, { label: string; tone: BadgeTone }>>,
  key: K,
): { label: string; tone: BadgeTone } {
  return table[key] ?? { label: key.replaceAll("_", " "), tone: "neutral" };
}
