/**
 * The shared vocabulary. Each list is the single source for db enum columns, zod schemas and the UI.
 */

export const CARRIERS = ["shiprocket", "sequel247", "maystro"] as const;
export type CarrierId = (typeof CARRIERS)[number];

/** Normalized shipment status (ARCHITECTURE.md "Status model", carriers.md §4). */
export const SHIPMENT_STATUSES = [
  "pending",
  "info_received",
  "in_transit",
  "out_for_delivery",
  "failed_attempt",
  "available_for_pickup",
  "delivered",
  "exception",
  "return_to_sender",
  "returned",
  "cancelled",
  "unknown",
] as const;
export type ShipmentStatus = (typeof SHIPMENT_STATUSES)[number];

/** Commerce lifecycle of an order, derived from its shipment status. */
export const ORDER_STATUSES = [
  "pending",
  "confirmed",
  "processing",
  "shipped",
  "out_for_delivery",
  "delivered",
  "cancelled",
  "returned",
] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** Where a tracking event came from. */
export const TRACKING_SOURCES = ["webhook", "poll", "manual", "admin"] as const;
export type TrackingSource = (typeof TRACKING_SOURCES)[number];
