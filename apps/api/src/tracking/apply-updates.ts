import {
  type CarrierUpdate,
  deriveOrderStatus,
  type StatusMapping,
  shouldAdvance,
  type TrackingScan,
} from "@waybill/carriers";
import type { OrderStatus, ShipmentStatus, TrackingSource } from "@waybill/carriers/statuses";
import { createId, type Db, schema, type Tx } from "@waybill/db";
import { eq, sql } from "drizzle-orm";
import { preparedQueries, preparedQuery, setPlaceholder } from "../lib/prepared";
import { announceMilestone } from "../notifications/announce";
import { loadOverrides, type OverrideMap, overrideFor } from "../status-mapping/overrides";
import { recordUnmappedStatus } from "../status-mapping/unmapped";
import { nextCheckAt } from "../sync/next-check";
import { type Milestone, milestoneForStatus } from "./milestones";
import { appendOrderEvent } from "./order-events";

const { orderItems, orders, shipments, trackingEvents } = schema;

export type ShipmentUpdate = { shipmentId: string; update: CarrierUpdate };
export type ApplyOptions = { source: TrackingSource; now: Date; publicUrl: string };

export type AppliedChange = {
  shipmentId: string;
  orderId: string;
  userId: string;
  newEvents: number;
  previousStatus: ShipmentStatus;
  status: ShipmentStatus;
  previousOrderStatus: OrderStatus;
  orderStatus: OrderStatus;
  /** Reference fields the carrier gave for the first time (or changed). */
  fieldsChanged: string[];
  /** The `events` row written for this change, null when nothing visible changed. */
  eventId: number | null;
  milestones: Milestone[];
};

/**
 * The one path every carrier update takes (webhook, poll, manual check). All items are applied in ONE
 * synchronous transaction: a throw anywhere leaves the database as it was.
 *
 * Invariants held here: the same scan from any source is stored once (dedupe key); the current status
 * is recomputed from the stored scans in carrier-time order through the forward-only guard, so arrival
 * order never matters; reference fields are only ever filled from carrier data, never cleared or
 * invented; notifications and e-mails carry dedupe keys so a milestone is announced once.
 */
export function applyCarrierUpdates(
  db: Db | Tx,
  items: readonly ShipmentUpdate[],
  options: ApplyOptions,
): AppliedChange[] {
  return applyEachCarrierUpdate(db, items, options).filter((c) => c !== null);
}

/**
 * `applyCarrierUpdates`, answering for each item in turn: its change, or null when it changed nothing (a
 * duplicate). For callers that tell their sources apart, e.g. one webhook delivery from the next in a batch.
 *
 * Called inside the caller's transaction, it opens no savepoint of its own: SQLite copies every page a
 * savepoint changes into a sub-journal (a temporary file past 64 KB), which cost the webhook applier's
 * batches about a tenth of their time. A throw then leaves its writes in the caller's transaction, so the
 * caller must let it end that transaction (as `db.transaction` does when the throw passes through it).
 */
export function applyEachCarrierUpdate(
  db: Db | Tx,
  items: readonly ShipmentUpdate[],
  options: ApplyOptions,
): Array<AppliedChange | null> {
  const applyAll = () => {
    // Statements are prepared on the caller's handle, which outlives this transaction: hot paths reuse them.
    const overrides = loadOverrides(db);
    return items.map((item) => applyOne(db, item, options, overrides));
  };
  return inTransaction(db) ? applyAll() : db.transaction(applyAll);
}

/** A transaction handle always is; a database handle is while its connection has one open. */
function inTransaction(db: Db | Tx): boolean {
  return "$client" in db ? db.$client.inTransaction : true;
}

const p = sql.placeholder;
const epochMs = (date: Date | null) => date?.getTime() ?? null;

// Two lookups by key, not one join: SQLite 3.54 runs this join an order of magnitude slower than both.
const selectShipment = preparedQuery((db) =>
  db
    .select()
    .from(shipments)
    .where(eq(shipments.id, p("shipmentId")))
    .prepare(),
);

const selectOrder = preparedQuery((db) =>
  db
    // Only what the apply path reads: an order row is wide, and every column read costs a conversion.
    .select({
      id: orders.id,
      number: orders.number,
      userId: orders.userId,
      status: orders.status,
      emailOptOut: orders.emailOptOut,
      contactEmail: orders.contactEmail,
    })
    .from(orders)
    .where(eq(orders.id, p("orderId")))
    .prepare(),
);

/** What the fold and the dedupe read of a stored scan: not its id, text or row times. */
const timelineColumns = {
  dedupeKey: trackingEvents.dedupeKey,
  occurredAt: trackingEvents.occurredAt,
  status: trackingEvents.status,
  substatus: trackingEvents.substatus,
  rawCode: trackingEvents.rawCode,
  rawLabel: trackingEvents.rawLabel,
  location: trackingEvents.location,
  source: trackingEvents.source,
};

// Unordered: sorted in memory (`byCarrierTime`), where a few rows cost less than SQLite's sorter for ties.
const selectTimeline = preparedQuery((db) =>
  db
    .select(timelineColumns)
    .from(trackingEvents)
    .where(eq(trackingEvents.shipmentId, p("shipmentId")))
    .prepare(),
);

const insertScan = preparedQuery((db) =>
  db
    .insert(trackingEvents)
    .values({
      id: p("id"),
      shipmentId: p("shipmentId"),
      occurredAt: p("occurredAt"),
      status: p("status"),
      substatus: p("substatus"),
      rawCode: p("rawCode"),
      rawLabel: p("rawLabel"),
      location: p("location"),
      description: p("description"),
      source: p("source"),
      dedupeKey: p("dedupeKey"),
      createdAt: p("createdAt"),
    })
    .onConflictDoNothing({
      target: [trackingEvents.shipmentId, trackingEvents.occurredAt, trackingEvents.dedupeKey],
    })
    .prepare(),
);

type ShipmentChanges = Partial<typeof shipments.$inferInsert>;

/**
 * An UPDATE rewrites the entry of every index on a column it sets, even to the same value: writing every
 * column each time rewrote four index entries per delivery (status, due time, tracking number twice) and
 * tripled the statement's cost. So only the changed columns are written, by one statement per set of
 * columns (the apply path produces a handful), prepared once per handle.
 */
const updateShipment = preparedQueries((db, columns) =>
  db
    .update(shipments)
    .set(Object.fromEntries(columns.split(",").map((column) => [column, setPlaceholder(column)])))
    .where(eq(shipments.id, p("id")))
    .prepare(),
);

function updateShipmentColumns(db: Db | Tx, id: string, changes: ShipmentChanges): void {
  const columns = (Object.keys(changes) as Array<keyof ShipmentChanges>).sort();
  const values: Record<string, unknown> = { id };
  for (const column of columns) {
    const value = changes[column];
    values[column] = value instanceof Date ? value.getTime() : value;
  }
  updateShipment(db, columns.join(",")).run(values);
}

const updateOrderStatus = preparedQuery((db) =>
  db
    .update(orders)
    .set({ status: setPlaceholder("status"), updatedAt: setPlaceholder("updatedAt") })
    .where(eq(orders.id, p("id")))
    .prepare(),
);

const selectOrderItems = preparedQuery((db) =>
  db
    .select({ name: orderItems.name, quantity: orderItems.quantity })
    .from(orderItems)
    .where(eq(orderItems.orderId, p("orderId")))
    .prepare(),
);

/** Carrier-time order of a timeline, the one the status fold reads. */
function byCarrierTime(
  a: { occurredAt: Date; rawCode: string },
  b: { occurredAt: Date; rawCode: string },
): number {
  const time = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (time !== 0) return time;
  return a.rawCode < b.rawCode ? -1 : a.rawCode > b.rawCode ? 1 : 0;
}

function scanDedupeKey(carrier: string, shipmentId: string, scan: TrackingScan): string {
  return `${carrier}|${shipmentId}|${scan.rawCode}|${scan.occurredAt.getTime()}`;
}

type StoredScan = StatusMapping & {
  occurredAt: Date;
  source: TrackingSource;
  rawCode: string;
  rawLabel: string | null;
  location: string | null;
};

/** Folds a shipment's whole timeline: carrier scans through the guard; admin events set the status outright. */
export function currentStatusOf(timeline: readonly StoredScan[]): {
  current: StatusMapping;
  setBy: StoredScan | null;
} {
  let current: StatusMapping = { status: "pending", substatus: null };
  let setBy: StoredScan | null = null;
  for (const scan of timeline) {
    if (scan.source === "admin" ? scan.status !== "unknown" : shouldAdvance(current, scan)) {
      current = { status: scan.status, substatus: scan.substatus };
      setBy = scan;
    }
  }
  return { current, setBy };
}

/** `db` is the caller's handle, inside the open transaction: statements prepared on it are reused. */
function applyOne(
  db: Db | Tx,
  { shipmentId, update }: ShipmentUpdate,
  options: ApplyOptions,
  overrides: OverrideMap,
): AppliedChange | null {
  const shipment = selectShipment(db).get({ shipmentId });
  if (!shipment) throw new Error(`Shipment ${shipmentId} does not exist`);
  const order = selectOrder(db).get({ orderId: shipment.orderId });
  if (!order) throw new Error(`Order ${shipment.orderId} of shipment ${shipmentId} does not exist`);

  // The stored timeline, read once: it tells which scans are known (so a cumulative payload of ten scans
  // costs no ten inserts), and new scans join it in memory for the fold below.
  const timeline: Array<StoredScan & { dedupeKey: string }> = selectTimeline(db)
    .all({ shipmentId })
    .sort(byCarrierTime);
  const known = new Set(timeline.map((stored) => stored.dedupeKey));
  let newEvents = 0;
  for (const scan of update.scans) {
    // A scan dated by its arrival (the carrier sent no time) repeats on every duplicate delivery
    // with a new time: it is the same scan when the shipment's latest one has its code.
    if (scan.timeSource === "received" && timeline.at(-1)?.rawCode === scan.rawCode) continue;
    const dedupeKey = scanDedupeKey(shipment.carrier, shipmentId, scan);
    if (known.has(dedupeKey)) continue;
    // An admin's override of this code wins over the carrier table it was mapped with.
    const mapped = overrideFor(overrides, shipment.carrier, scan.rawCode) ?? scan;
    const stored = {
      id: createId(),
      shipmentId,
      occurredAt: scan.occurredAt,
      status: mapped.status,
      substatus: mapped.substatus,
      rawCode: scan.rawCode,
      rawLabel: scan.rawLabel,
      location: scan.location,
      description: scan.description,
      source: options.source,
      dedupeKey,
      createdAt: options.now,
    };
    const inserted = insertScan(db).run(stored);
    if (inserted.changes === 0) continue;
    known.add(dedupeKey);
    timeline.push(stored);
    timeline.sort(byCarrierTime);
    newEvents += 1;
    if (mapped.status === "unknown") {
      recordUnmappedStatus(db, {
        accountId: shipment.accountId,
        carrier: shipment.carrier,
        rawCode: scan.rawCode,
        rawLabel: scan.rawLabel,
        shipmentId,
        now: options.now,
      });
    }
  }

  // Only carrier-given values, and never a null over a known value.
  const refs = {
    trackingNumber: update.trackingNumber,
    courierName: update.courierName,
    trackingUrl: update.trackingUrl,
    estimatedDeliveryAt: update.estimatedDelivery,
  };
  const fieldsChanged = (Object.keys(refs) as Array<keyof typeof refs>).filter((key) => {
    const value = refs[key];
    if (value === null) return false;
    const stored = shipment[key];
    return value instanceof Date ? stored?.valueOf() !== value.valueOf() : stored !== value;
  });

  const { current, setBy } = currentStatusOf(timeline);
  const statusChanged =
    current.status !== shipment.status || current.substatus !== shipment.substatus;
  const lastEventAt = timeline.at(-1)?.occurredAt ?? shipment.lastEventAt;
  // An unchanged shipment leaves the order alone (an admin may have set it).
  const orderStatus = statusChanged ? deriveOrderStatus(current.status) : order.status;

  const changes: ShipmentChanges = {
    lastCheckedAt: options.now,
    lastCheckSource: options.source,
    updatedAt: options.now,
  };
  for (const key of fieldsChanged) Object.assign(changes, { [key]: refs[key] });
  if (statusChanged) {
    Object.assign(changes, {
      status: current.status,
      substatus: current.substatus,
      rawStatus: setBy?.rawCode ?? null,
      rawStatusLabel: setBy?.rawLabel ?? null,
      statusAt: setBy?.occurredAt ?? null,
      deliveredAt:
        current.status === "delivered" ? (setBy?.occurredAt ?? null) : shipment.deliveredAt,
      version: shipment.version + 1,
    });
  }
  if (newEvents > 0) changes.lastEventAt = lastEventAt;
  // A new status or a first tracking number changes how soon the carrier is asked again (never, once terminal).
  if (statusChanged || fieldsChanged.includes("trackingNumber"))
    changes.nextCheckAt = nextCheckAt({ ...shipment, ...changes }, options.now);
  const after = { ...shipment, ...changes } as typeof shipment;
  updateShipmentColumns(db, shipmentId, changes);

  const orderChanged = orderStatus !== order.status;
  if (orderChanged) {
    updateOrderStatus(db).run({
      id: order.id,
      status: orderStatus,
      updatedAt: epochMs(options.now),
    });
  }

  const visible = newEvents > 0 || statusChanged || fieldsChanged.length > 0 || orderChanged;
  if (!visible) return null;

  const milestones: Milestone[] = [];
  if (fieldsChanged.includes("trackingNumber") && !shipment.trackingNumber)
    milestones.push("tracking_available");
  const statusMilestone = statusChanged ? milestoneForStatus(current.status) : null;
  if (statusMilestone) milestones.push(statusMilestone);

  const context = {
    orderNumber: order.number,
    courierName: after.courierName,
    trackingNumber: after.trackingNumber,
    trackingUrl: after.trackingUrl,
    estimatedDelivery: after.estimatedDeliveryAt,
    location: setBy?.location ?? null,
    orderUrl: `${options.publicUrl}/orders/${order.id}`,
    items:
      milestones.length > 0 && !order.emailOptOut
        ? selectOrderItems(db).all({ orderId: order.id })
        : [],
  };
  for (const milestone of milestones) {
    // Keyed by the fact announced, so webhook + poll + replay of one scan announce it once.
    const fact =
      milestone === "tracking_available" ? after.trackingNumber : setBy?.occurredAt.getTime();
    announceMilestone(db, {
      milestone,
      context,
      order,
      dedupeKey: `${order.id}:${milestone}:${fact}`,
      now: options.now,
    });
  }

  const eventId = appendOrderEvent(db, {
    orderId: order.id,
    userId: order.userId,
    payload: {
      type: "shipment.updated",
      orderId: order.id,
      orderNumber: order.number,
      shipmentId,
      source: options.source,
      status: current.status,
      substatus: current.substatus,
      orderStatus,
      trackingNumber: after.trackingNumber,
      courierName: after.courierName,
      newEvents,
      milestones,
    },
    now: options.now,
  });

  return {
    shipmentId,
    orderId: order.id,
    userId: order.userId,
    newEvents,
    previousStatus: shipment.status,
    status: current.status,
    previousOrderStatus: order.status,
    orderStatus,
    fieldsChanged,
    eventId,
    milestones,
  };
}
