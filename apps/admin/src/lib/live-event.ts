import type { OrderStatus, ShipmentStatus, TrackingSource } from "./api-types";

/**
 * An order event as `admin.onEvents` delivers it (`OrderLiveEvent` in the api): the writer's
 * `type`, the order, and whatever that writer adds. Read defensively: the payload is a log row.
 */
export type OrderEvent = {
  id: string;
  type: string;
  orderId: string;
  orderNumber: string | null;
  status: ShipmentStatus | null;
  orderStatus: OrderStatus | null;
  previousOrderStatus: OrderStatus | null;
  source: TrackingSource | null;
  trackingNumber: string | null;
  carrier: string | null;
  note: string | null;
  newEvents: number;
  at: string;
};

function text(record: Record<string, unknown>, key: string): string | null {
  const value = record[key];
  return typeof value === "string" && value !== "" ? value : null;
}

/** A tracked item (`{ id, data }`) from the subscription, as the app uses it. */
export function toOrderEvent(item: { id: string; data: Record<string, unknown> }): OrderEvent {
  const data = item.data;
  const newEvents = data.newEvents;
  return {
    id: item.id,
    type: text(data, "type") ?? "order.changed",
    orderId: text(data, "orderId") ?? "",
    orderNumber: text(data, "orderNumber"),
    status: text(data, "status") as ShipmentStatus | null,
    orderStatus: text(data, "orderStatus") as OrderStatus | null,
    previousOrderStatus: text(data, "previousOrderStatus") as OrderStatus | null,
    source: text(data, "source") as TrackingSource | null,
    trackingNumber: text(data, "trackingNumber"),
    carrier: text(data, "carrier"),
    note: text(data, "note"),
    newEvents: Array.isArray(newEvents)
      ? newEvents.length
      : typeof newEvents === "number"
        ? newEvents
        : 0,
    at: text(data, "at") ?? new Date().toISOString(),
  };
}
