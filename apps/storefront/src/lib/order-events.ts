import { ORDER_STATUS_LOOK, SHIPMENT_STATUS_LOOK, type ToastTone } from "@waybill/ui";
import type { OrderStatus, ShipmentStatus } from "./api-types";
import { CARRIER_NAMES } from "./shop";

/**
 * A change to one of the customer's orders as `orders.onMine` / `orders.onUpdate` deliver it: the
 * `events` row's payload. Writers add fields over time, so everything but `type` and `orderId` is optional
 * and read defensively.
 */
export type OrderEvent = {
  type: string;
  orderId: string;
  orderNumber?: string;
  status?: ShipmentStatus;
  orderStatus?: OrderStatus;
  trackingNumber?: string | null;
  courierName?: string | null;
  carrier?: string;
  newEvents?: number;
  milestones?: string[];
  note?: string | null;
};

function isShipmentStatus(value: unknown): value is ShipmentStatus {
  return typeof value === "string" && value in SHIPMENT_STATUS_LOOK;
}

function isOrderStatus(value: unknown): value is OrderStatus {
  return typeof value === "string" && value in ORDER_STATUS_LOOK;
}

const optionalString = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Reads a pushed payload; null for anything that is not an order event. */
export function readOrderEvent(data: unknown): OrderEvent | null {
  if (typeof data !== "object" || data === null) return null;
  const record = data as Record<string, unknown>;
  if (typeof record.type !== "string" || typeof record.orderId !== "string") return null;
  const event: OrderEvent = { type: record.type, orderId: record.orderId };
  const orderNumber = optionalString(record.orderNumber);
  if (orderNumber) event.orderNumber = orderNumber;
  if (isShipmentStatus(record.status)) event.status = record.status;
  if (isOrderStatus(record.orderStatus)) event.orderStatus = record.orderStatus;
  if (typeof record.trackingNumber === "string") event.trackingNumber = record.trackingNumber;
  if (typeof record.courierName === "string") event.courierName = record.courierName;
  const carrier = optionalString(record.carrier);
  if (carrier) event.carrier = carrier;
  if (typeof record.newEvents === "number") event.newEvents = record.newEvents;
  if (Array.isArray(record.milestones)) {
    event.milestones = record.milestones.filter((m): m is string => typeof m === "string");
  }
  if (typeof record.note === "string") event.note = record.note;
  return event;
}

export type EventNotice = { title: string; description: string; tone: ToastTone };

const TONE_FOR: Partial<Record<ShipmentStatus, ToastTone>> = {
  delivered: "success",
  failed_attempt: "warning",
  return_to_sender: "warning",
  exception: "danger",
};

/**
 * What a toast says about an order event, or null for events the person caused themselves (placing an
 * order) and ones without news for them.
 */
export function describeOrderEvent(event: OrderEvent): EventNotice | null {
  const order = event.orderNumber ? `Order ${event.orderNumber}` : "Your order";
  switch (event.type) {
    case "shipment.updated": {
      const milestones = event.milestones ?? [];
      const status = event.status;
      if (status && milestones.some((m) => m !== "tracking_available")) {
        return {
          title: `${order}: ${SHIPMENT_STATUS_LOOK[status].label.toLowerCase()}`,
          description: whereItIs(event),
          tone: TONE_FOR[status] ?? "info",
        };
      }
      if (milestones.includes("tracking_available") && event.trackingNumber) {
        return {
          title: `${order} has a tracking number`,
          description: event.courierName
            ? `${event.courierName} · ${event.trackingNumber}`
            : event.trackingNumber,
          tone: "info",
        };
      }
      if (status && (event.newEvents ?? 0) > 0) {
        return {
          title: `${order}: new tracking update`,
          description: `Now ${SHIPMENT_STATUS_LOOK[status].label.toLowerCase()}.`,
          tone: TONE_FOR[status] ?? "info",
        };
      }
      return null;
    }
    case "shipment.created": {
      const carrier =
        event.carrier && event.carrier in CARRIER_NAMES
          ? CARRIER_NAMES[event.carrier as keyof typeof CARRIER_NAMES]
          : "the carrier";
      return {
        title: `${order} is on its way`,
        description: `Handed to ${carrier}. Tracking follows as soon as they scan it.`,
        tone: "info",
      };
    }
    case "order.status_changed":
      if (!event.orderStatus) return null;
      return {
        title: `${order}: ${ORDER_STATUS_LOOK[event.orderStatus].label.toLowerCase()}`,
        description: event.note ?? "Updated by the shop.",
        tone: event.orderStatus === "delivered" ? "success" : "info",
      };
    default:
      return null;
  }
}

function whereItIs(event: OrderEvent): string {
  if (event.status === "delivered") return "Delivered. Enjoy!";
  if (event.status === "out_for_delivery") return "The courier is on the way to you today.";
  if (event.status === "failed_attempt")
    return "The courier could not deliver. They usually try again.";
  return event.courierName ? `With ${event.courierName}.` : "See the tracking page for details.";
}
