import type { OrderStatus, ShipmentStatus } from "@waybill/carriers/statuses";
import { Badge, type BadgeTone } from "./badge";

type StatusLook = { label: string; tone: BadgeTone };

/** How each normalized shipment status reads to a person. */
export const SHIPMENT_STATUS_LOOK = {
  pending: { label: "Pending", tone: "neutral" },
  info_received: { label: "Info received", tone: "info" },
  in_transit: { label: "In transit", tone: "info" },
  out_for_delivery: { label: "Out for delivery", tone: "accent" },
  failed_attempt: { label: "Delivery attempt failed", tone: "warning" },
  available_for_pickup: { label: "Ready for pickup", tone: "accent" },
  delivered: { label: "Delivered", tone: "success" },
  exception: { label: "Exception", tone: "danger" },
  return_to_sender: { label: "Returning to sender", tone: "warning" },
  returned: { label: "Returned", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  unknown: { label: "Unknown status", tone: "neutral" },
} as const satisfies Record<ShipmentStatus, StatusLook>;

/** How each order status reads to a person. */
export const ORDER_STATUS_LOOK = {
  pending: { label: "Pending", tone: "neutral" },
  confirmed: { label: "Confirmed", tone: "info" },
  processing: { label: "Processing", tone: "info" },
  shipped: { label: "Shipped", tone: "info" },
  out_for_delivery: { label: "Out for delivery", tone: "accent" },
  delivered: { label: "Delivered", tone: "success" },
  cancelled: { label: "Cancelled", tone: "neutral" },
  returned: { label: "Returned", tone: "neutral" },
} as const satisfies Record<OrderStatus, StatusLook>;

export type StatusBadgeProps =
  | { kind: "shipment"; status: ShipmentStatus; className?: string }
  | { kind: "order"; status: OrderStatus; className?: string };

/** A badge for a normalized shipment status or an order status, with a consistent label and tone. */
export function StatusBadge(props: StatusBadgeProps) {
  const look: StatusLook =
    props.kind === "shipment"
      ? SHIPMENT_STATUS_LOOK[props.status]
      : ORDER_STATUS_LOOK[props.status];
  return (
    <Badge tone={look.tone} dot data-status={props.status} className={props.className}>
      {look.label}
    </Badge>
  );
}
