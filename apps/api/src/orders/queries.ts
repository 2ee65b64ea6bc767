import type { ShipmentStatus, TrackingSource } from "@waybill/carriers/statuses";
import { type Db, schema } from "@waybill/db";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { afterCursor, encodeCursor } from "../lib/cursor";
import { DomainError } from "../lib/errors";
import { MANUAL_CHECK_COOLDOWN_MS } from "../sync/manual-check";

const { carrierAccounts, orderItems, orders, shipments, trackingEvents } = schema;

export type Viewer = { id: string; role: "customer" | "admin" };
export type OrderRow = typeof orders.$inferSelect;
export type ShipmentRow = typeof shipments.$inferSelect;

const NOT_FOUND_MESSAGE = "No such order.";

/** Another customer's order is indistinguishable from one that does not exist. */
export function findVisibleOrder(db: Db, orderId: string, viewer: Viewer): OrderRow {
  const order = db.select().from(orders).where(eq(orders.id, orderId)).get();
  if (!order || (viewer.role !== "admin" && order.userId !== viewer.id)) {
    throw new DomainError("NOT_FOUND", NOT_FOUND_MESSAGE);
  }
  return order;
}

export type ShipmentSummary = {
  id: string;
  carrier: ShipmentRow["carrier"];
  status: ShipmentStatus;
  substatus: string | null;
  trackingNumber: string | null;
  courierName: string | null;
  trackingUrl: string | null;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
  latestEvent: {
    occurredAt: Date;
    status: ShipmentStatus;
    label: string | null;
    location: string | null;
  } | null;
};

function latestEventOf(db: Db, shipmentId: string): ShipmentSummary["latestEvent"] {
  const row = db
    .select({
      occurredAt: trackingEvents.occurredAt,
      status: trackingEvents.status,
      label: trackingEvents.rawLabel,
      description: trackingEvents.description,
      location: trackingEvents.location,
    })
    .from(trackingEvents)
    .where(eq(trackingEvents.shipmentId, shipmentId))
    .orderBy(desc(trackingEvents.occurredAt))
    .limit(1)
    .get();
  if (!row) return null;
  return {
    occurredAt: row.occurredAt,
    status: row.status,
    label: row.description ?? row.label,
    location: row.location,
  };
}

export function summarizeShipment(db: Db, shipment: ShipmentRow): ShipmentSummary {
  return {
    id: shipment.id,
    carrier: shipment.carrier,
    status: shipment.status,
    substatus: shipment.substatus,
    trackingNumber: shipment.trackingNumber,
    courierName: shipment.courierName,
    trackingUrl: shipment.trackingUrl,
    estimatedDeliveryAt: shipment.estimatedDeliveryAt,
    deliveredAt: shipment.deliveredAt,
    lastEventAt: shipment.lastEventAt,
    latestEvent: latestEventOf(db, shipment.id),
  };
}

function shipmentsByOrder(db: Db, orderIds: string[]): Map<string, ShipmentRow[]> {
  const byOrder = new Map<string, ShipmentRow[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = db
    .select()
    .from(shipments)
    .where(inArray(shipments.orderId, orderIds))
    .orderBy(shipments.createdAt)
    .all();
  for (const row of rows) byOrder.set(row.orderId, [...(byOrder.get(row.orderId) ?? []), row]);
  return byOrder;
}

export type MyOrdersPage = {
  items: Array<{
    id: string;
    number: string;
    status: OrderRow["status"];
    totalCents: number;
    currency: string;
    itemCount: number;
    createdAt: Date;
    updatedAt: Date;
    shipment: ShipmentSummary | null;
  }>;
  nextCursor: string | null;
};

/** The caller's orders, newest first, each with its (latest) shipment and that shipment's latest scan. */
export function listMyOrders(
  db: Db,
  userId: string,
  options: { cursor?: string | null; limit: number },
): MyOrdersPage {
  const rows = db
    .select()
    .from(orders)
    .where(
      and(
        eq(orders.userId, userId),
        afterCursor(options.cursor, { time: orders.createdAt, id: orders.id }),
      ),
    )
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(options.limit + 1)
    .all();
  const page = rows.slice(0, options.limit);
  const ids = page.map((o) => o.id);
  const shipmentRows = shipmentsByOrder(db, ids);
  const counts = new Map(
    ids.length === 0
      ? []
      : db
          .select({ orderId: orderItems.orderId, n: sql<number>`sum(${orderItems.quantity})` })
          .from(orderItems)
          .where(inArray(orderItems.orderId, ids))
          .groupBy(orderItems.orderId)
          .all()
          .map((r) => [r.orderId, r.n] as const),
  );
  const last = page.at(-1);
  return {
    items: page.map((order) => {
      const shipment = shipmentRows.get(order.id)?.at(-1);
      return {
        id: order.id,
        number: order.number,
        status: order.status,
        totalCents: order.totalCents,
        currency: order.currency,
        itemCount: counts.get(order.id) ?? 0,
        createdAt: order.createdAt,
        updatedAt: order.updatedAt,
        shipment: shipment ? summarizeShipment(db, shipment) : null,
      };
    }),
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export type TimelineEntry = {
  id: string;
  occurredAt: Date;
  status: ShipmentStatus;
  substatus: string | null;
  rawCode: string;
  rawLabel: string | null;
  location: string | null;
  description: string | null;
  source: TrackingSource;
};

/** Newest first, ties broken the way the status fold breaks them (reversed). */
export function timelineOf(db: Db, shipmentId: string): TimelineEntry[] {
  return db
    .select({
      id: trackingEvents.id,
      occurredAt: trackingEvents.occurredAt,
      status: trackingEvents.status,
      substatus: trackingEvents.substatus,
      rawCode: trackingEvents.rawCode,
      rawLabel: trackingEvents.rawLabel,
      location: trackingEvents.location,
      description: trackingEvents.description,
      source: trackingEvents.source,
    })
    .from(trackingEvents)
    .where(eq(trackingEvents.shipmentId, shipmentId))
    .orderBy(desc(trackingEvents.occurredAt), desc(trackingEvents.rawCode))
    .all();
}

export type ShipmentDetail = ShipmentSummary & {
  accountId: string;
  accountName: string;
  carrierOrderId: string | null;
  carrierShipmentId: string | null;
  rawStatus: string | null;
  rawStatusLabel: string | null;
  createdAt: Date;
  freshness: {
    lastCheckedAt: Date | null;
    lastCheckSource: ShipmentRow["lastCheckSource"];
    nextCheckAt: Date | null;
    /** When "Check for updates" may be pressed again. */
    manualCheckAllowedAt: Date | null;
  };
  timeline: TimelineEntry[];
};

export function shipmentDetail(db: Db, shipment: ShipmentRow, accountName: string): ShipmentDetail {
  return {
    ...summarizeShipment(db, shipment),
    accountId: shipment.accountId,
    accountName,
    carrierOrderId: shipment.carrierOrderId,
    carrierShipmentId: shipment.carrierShipmentId,
    rawStatus: shipment.rawStatus,
    rawStatusLabel: shipment.rawStatusLabel,
    createdAt: shipment.createdAt,
    freshness: {
      lastCheckedAt: shipment.lastCheckedAt,
      lastCheckSource: shipment.lastCheckSource,
      nextCheckAt: shipment.nextCheckAt,
      manualCheckAllowedAt: shipment.lastManualCheckAt
        ? new Date(shipment.lastManualCheckAt.getTime() + MANUAL_CHECK_COOLDOWN_MS)
        : null,
    },
    timeline: timelineOf(db, shipment.id),
  };
}

export type OrderDetail = {
  id: string;
  number: string;
  status: OrderRow["status"];
  currency: string;
  subtotalCents: number;
  shippingCents: number;
  totalCents: number;
  paymentMethod: OrderRow["paymentMethod"];
  contactEmail: string;
  contactPhone: string;
  emailOptOut: boolean;
  address: {
    name: string;
    line1: string;
    line2: string | null;
    city: string;
    state: string;
    postalCode: string;
    country: string;
  };
  items: Array<{ id: string; sku: string; name: string; unitPriceCents: number; quantity: number }>;
  shipments: ShipmentDetail[];
  createdAt: Date;
  updatedAt: Date;
};

/** Everything about one order the owner (or an admin) may see; authorization is the caller's job. */
export function getOrderDetail(db: Db, order: OrderRow): OrderDetail {
  const items = db
    .select({
      id: orderItems.id,
      sku: orderItems.sku,
      name: orderItems.name,
      unitPriceCents: orderItems.unitPriceCents,
      quantity: orderItems.quantity,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .all();
  const shipmentRows = db
    .select({ shipment: shipments, accountName: carrierAccounts.name })
    .from(shipments)
    .innerJoin(carrierAccounts, eq(carrierAccounts.id, shipments.accountId))
    .where(eq(shipments.orderId, order.id))
    .orderBy(desc(shipments.createdAt))
    .all();
  return {
    id: order.id,
    number: order.number,
    status: order.status,
    currency: order.currency,
    subtotalCents: order.subtotalCents,
    shippingCents: order.shippingCents,
    totalCents: order.totalCents,
    paymentMethod: order.paymentMethod,
    contactEmail: order.contactEmail,
    contactPhone: order.contactPhone,
    emailOptOut: order.emailOptOut,
    address: {
      name: order.shipName,
      line1: order.shipLine1,
      line2: order.shipLine2,
      city: order.shipCity,
      state: order.shipState,
      postalCode: order.shipPostalCode,
      country: order.shipCountry,
    },
    items,
    shipments: shipmentRows.map((r) => shipmentDetail(db, r.shipment, r.accountName)),
    createdAt: order.createdAt,
    updatedAt: order.updatedAt,
  };
}
