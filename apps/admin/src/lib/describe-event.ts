import { CARRIER_LABEL, orderStatusLabel, SOURCE_LABEL, shipmentStatusLabel } from "./labels";
import type { OrderEvent } from "./live-event";

/** One line saying what happened to an order, for the events feed. */
export function describeOrderEvent(event: OrderEvent): string {
  switch (event.type) {
    case "order.placed":
      return "Order placed";
    case "shipment.created": {
      const carrier = event.carrier as keyof typeof CARRIER_LABEL | null;
      return carrier && carrier in CARRIER_LABEL
        ? `Handed to ${CARRIER_LABEL[carrier]}`
        : "Shipment created";
    }
    case "order.status_changed":
      return event.orderStatus
        ? `Set to ${orderStatusLabel(event.orderStatus)} by an admin`
        : "Status changed by an admin";
    case "shipment.updated": {
      const status = event.status ? shipmentStatusLabel(event.status) : "Shipment updated";
      const via = event.source ? ` · ${SOURCE_LABEL[event.source] ?? event.source}` : "";
      return `${status}${via}`;
    }
    default:
      return event.type.replaceAll(/[._]/g, " ");
  }
}
