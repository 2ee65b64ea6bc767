import { CARRIERS, SHIPMENT_STATUSES, TRACKING_SOURCES } from "@waybill/carriers/statuses";
import { relations, sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { carrierAccounts } from "./carriers";
import { createdAt, timestamp, updatedAt } from "./columns";
import { orders } from "./orders";

export const shipments = sqliteTable(
  "shipments",
  {
    id: text("id").primaryKey(),
    orderId: text("order_id")
      .notNull()
      .references(() => orders.id, { onDelete: "cascade" }),
    accountId: text("account_id")
      .notNull()
      .references(() => carrierAccounts.id),
    carrier: text("carrier", { enum: CARRIERS }).notNull(),
    // Carrier references: only what the carrier returned, null until it does.
    carrierOrderId: text("carrier_order_id"),
    carrierShipmentId: text("carrier_shipment_id"),
    trackingNumber: text("tracking_number"),
    courierName: text("courier_name"),
    trackingUrl: text("tracking_url"),
    status: text("status", { enum: SHIPMENT_STATUSES }).notNull().default("pending"),
    substatus: text("substatus"),
    rawStatus: text("raw_status"),
    rawStatusLabel: text("raw_status_label"),
    /** Carrier time of the event that set the current status (the ordering guard compares to it). */
    statusAt: timestamp("status_at"),
    estimatedDeliveryAt: timestamp("estimated_delivery_at"),
    deliveredAt: timestamp("delivered_at"),
    lastEventAt: timestamp("last_event_at"),
    lastCheckedAt: timestamp("last_checked_at"),
    lastCheckSource: text("last_check_source", { enum: TRACKING_SOURCES }),
    /** Null = no automatic checks (terminal, or expired). */
    nextCheckAt: timestamp("next_check_at"),
    lastManualCheckAt: timestamp("last_manual_check_at"),
    version: integer("version").notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("shipments_order_idx").on(t.orderId),
    index("shipments_tracking_idx").on(t.trackingNumber),
    uniqueIndex("shipments_account_tracking_uq")
      .on(t.accountId, t.trackingNumber)
      .where(sql`${t.trackingNumber} is not null`),
    index("shipments_account_carrier_order_idx").on(t.accountId, t.carrierOrderId),
    // The admin list's carrier and account filters: their totals count these entries without touching rows.
    index("shipments_carrier_order_idx").on(t.carrier, t.orderId),
    index("shipments_account_order_idx").on(t.accountId, t.orderId),
    // A sync run pages through due shipments by (next check, id): with the id in the index a page is a seek
    // that stops at its limit, even when thousands of shipments share one due time.
    index("shipments_due_idx")
      .on(t.accountId, t.nextCheckAt, t.id)
      .where(sql`${t.nextCheckAt} is not null`),
    // No index by status: every status change would move its entry (two random page writes per carrier
    // update), and the one reader, the stats overview, counts statuses in a pass it makes anyway.
  ],
);

export const trackingEvents = sqliteTable(
  "tracking_events",
  {
    id: text("id").primaryKey(),
    shipmentId: text("shipment_id")
      .notNull()
      .references(() => shipments.id, { onDelete: "cascade" }),
    /** The carrier's time of the scan, as a UTC instant. */
    occurredAt: timestamp("occurred_at").notNull(),
    status: text("status", { enum: SHIPMENT_STATUSES }).notNull(),
    substatus: text("substatus"),
    rawCode: text("raw_code").notNull(),
    rawLabel: text("raw_label"),
    location: text("location"),
    description: text("description"),
    source: text("source", { enum: TRACKING_SOURCES }).notNull(),
    /** carrier + shipment + raw code + carrier time: the same scan from any source is stored once. */
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    // One index both reads a shipment's timeline in carrier time and keeps each scan once: the key holds
    // the shipment and the time, so it is unique within them. A second index on the key alone cost every
    // new scan another random index write.
    uniqueIndex("tracking_events_shipment_scan_uq").on(t.shipmentId, t.occurredAt, t.dedupeKey),
    // Re-applying a status override finds every stored scan of one raw code.
    index("tracking_events_raw_code_idx").on(t.rawCode),
  ],
);

export const shipmentsRelations = relations(shipments, ({ one, many }) => ({
  order: one(orders, { fields: [shipments.orderId], references: [orders.id] }),
  account: one(carrierAccounts, {
    fields: [shipments.accountId],
    references: [carrierAccounts.id],
  }),
  events: many(trackingEvents),
}));
export const trackingEventsRelations = relations(trackingEvents, ({ one }) => ({
  shipment: one(shipments, { fields: [trackingEvents.shipmentId], references: [shipments.id] }),
}));
