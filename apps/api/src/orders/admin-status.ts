import type { OrderStatus, ShipmentStatus } from "@waybill/carriers/statuses";
import { ORDER_STATUSES } from "@waybill/carriers/statuses";
import { createRandomId, type Db, schema, type Tx } from "@waybill/db";
import { desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import type { EventBus } from "../live/bus";
import { insertNotification } from "../notifications/notify";
import { applyCarrierUpdates } from "../tracking/apply-updates";
import { appendOrderEvent } from "../tracking/order-events";

const { events, orders, shipments } = schema;

export const MAX_BULK_ORDERS = 500;

export const statusChangeSchema = z.object({
  status: z.enum(ORDER_STATUSES),
  note: z.string().trim().max(500).default(""),
});
export const updateStatusSchema = statusChangeSchema.extend({ orderId: z.string().min(1) });
export const bulkUpdateStatusSchema = statusChangeSchema.extend({
  orderIds: z
    .array(z.string().min(1))
    .min(1, "Select at least one order.")
    .max(MAX_BULK_ORDERS, `At most ${MAX_BULK_ORDERS} orders at once.`),
});

/**
 * An admin's order status that speaks about the parcel becomes an admin event on the shipment, so the
 * timeline, the forward-only fold and the customer's notifications follow the same rules as carrier scans.
 */
const SHIPMENT_STATUS_FOR: Partial<Record<OrderStatus, ShipmentStatus>> = {
  shipped: "in_transit",
  out_for_delivery: "out_for_delivery",
  delivered: "delivered",
  cancelled: "cancelled",
  returned: "returned",
};

export type StatusChangeOutcome = {
  orderId: string;
  outcome: "updated" | "unchanged" | "not_found";
  status: OrderStatus | null;
};

export type StatusChangeSummary = {
  updated: number;
  unchanged: number;
  notFound: number;
  results: StatusChangeOutcome[];
};

/** One or many orders, one transaction: all of them change or none does. */
export function changeOrderStatuses(
  deps: { db: Db; bus: EventBus; now: () => Date; publicUrl: string },
  input: { orderIds: string[]; status: OrderStatus; note: string; adminName: string },
): StatusChangeSummary {
  const now = deps.now();
  const results = deps.db.transaction((tx) => {
    const found = new Map(
      tx
        .select()
        .from(orders)
        .where(inArray(orders.id, input.orderIds))
        .all()
        .map((o) => [o.id, o]),
    );
    return [...new Set(input.orderIds)].map((orderId): StatusChangeOutcome => {
      const order = found.get(orderId);
      if (!order) return { orderId, outcome: "not_found", status: null };
      const status = changeOne(tx, order, input, { now, publicUrl: deps.publicUrl });
      return { orderId, outcome: status === order.status ? "unchanged" : "updated", status };
    });
  });
  if (results.some((r) => r.outcome === "updated")) deps.bus.wake();
  return {
    updated: results.filter((r) => r.outcome === "updated").length,
    unchanged: results.filter((r) => r.outcome === "unchanged").length,
    notFound: results.filter((r) => r.outcome === "not_found").length,
    results,
  };
}

function changeOne(
  tx: Tx,
  order: typeof orders.$inferSelect,
  input: { status: OrderStatus; note: string; adminName: string },
  options: { now: Date; publicUrl: string },
): OrderStatus {
  if (order.status === input.status) return order.status;
  const shipment = tx
    .select()
    .from(shipments)
    .where(eq(shipments.orderId, order.id))
    .orderBy(desc(shipments.createdAt))
    .get();
  const shipmentStatus = SHIPMENT_STATUS_FOR[input.status];
  const note = input.note || null;

  if (shipment && shipmentStatus) {
    applyCarrierUpdates(
      tx,
      [
        {
          shipmentId: shipment.id,
          update: {
            carrier: shipment.carrier,
            ref: {},
            trackingNumber: null,
            courierName: null,
            trackingUrl: null,
            estimatedDelivery: null,
            scans: [
              {
                occurredAt: options.now,
                status: shipmentStatus,
                substatus: null,
                rawCode: `admin:${shipmentStatus}`,
                rawLabel: `Set by ${input.adminName}`,
                location: null,
                description: note,
              },
            ],
          },
        },
      ],
      { source: "admin", now: options.now, publicUrl: options.publicUrl },
    );
  }
  // The shipment fold may already have moved the order; the admin's word is final either way.
  tx.update(orders)
    .set({ status: input.status, updatedAt: options.now })
    .where(eq(orders.id, order.id))
    .run();
  appendOrderEvent(tx, {
    orderId: order.id,
    userId: order.userId,
    payload: {
      type: "order.status_changed",
      orderId: order.id,
      orderNumber: order.number,
      source: "admin",
      previousOrderStatus: order.status,
      orderStatus: input.status,
      note,
    },
    now: options.now,
  });
  if (note) {
    insertNotification(tx, {
      userId: order.userId,
      orderId: order.id,
      category: "order_update",
      title: `Order ${order.number}: ${input.status.replaceAll("_", " ")}`,
      body: note,
      dedupeKey: `${order.id}:admin-note:${createRandomId(10)}`,
      now: options.now,
    });
  }
  return input.status;
}
