import {
  CARRIERS,
  type CarrierId,
  ORDER_STATUSES,
  type OrderStatus,
} from "@waybill/carriers/statuses";
import { type Db, schema } from "@waybill/db";
import { and, gte, isNotNull, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import { countNewUnmapped } from "../status-mapping/unmapped";

const { orders, shipments } = schema;

/** A shipment without a carrier scan for this long is "stuck". */
export const STUCK_AFTER_MS = 5 * 86_400_000;
const DELIVERY_WINDOW_MS = 30 * 86_400_000;
const CLOSED = ["delivered", "returned", "cancelled"] as const;

export type StatsOverview = {
  generatedAt: Date;
  ordersByStatus: Record<OrderStatus, number>;
  shipmentsByCarrier: Record<CarrierId, { total: number; active: number; delivered: number }>;
  awaitingTrackingNumber: number;
  late: number;
  stuck: number;
  failedAttempts: number;
  returns: number;
  /** Carrier codes first seen in the last 7 days that no table or override maps yet. */
  newUnmappedStatuses: number;
  /** The carrier's first scan → delivery, over shipments delivered in the last 30 days. */
  deliveryTimes: Array<{
    carrier: CarrierId;
    delivered: number;
    averageHours: number | null;
    p90Hours: number | null;
  }>;
};

function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? null;
}

export function getStatsOverview(db: Db, now: Date): StatsOverview {
  const ordersByStatus = Object.fromEntries(ORDER_STATUSES.map((s) => [s, 0])) as Record<
    OrderStatus,
    number
  >;
  for (const row of db
    .select({ status: orders.status, n: sql<number>`count(*)` })
    .from(orders)
    .groupBy(orders.status)
    .all()) {
    ordersByStatus[row.status] = row.n;
  }

  const shipmentsByCarrier = Object.fromEntries(
    CARRIERS.map((c) => [c, { total: 0, active: 0, delivered: 0 }]),
  ) as StatsOverview["shipmentsByCarrier"];
  // Counted from the same pass as the carriers' totals: shipments have no index by status (each status
  // change would rewrite two entries of it on the ingest path), so a count of its own would read every row.
  let failedAttempts = 0;
  let returns = 0;
  for (const row of db
    .select({ carrier: shipments.carrier, status: shipments.status, n: sql<number>`count(*)` })
    .from(shipments)
    .groupBy(shipments.carrier, shipments.status)
    .all()) {
    const bucket = shipmentsByCarrier[row.carrier];
    bucket.total += row.n;
    if (row.status === "delivered") bucket.delivered += row.n;
    if (!(CLOSED as readonly string[]).includes(row.status)) bucket.active += row.n;
    if (row.status === "failed_attempt") failedAttempts += row.n;
    if (row.status === "return_to_sender" || row.status === "returned") returns += row.n;
  }

  const count = (where: ReturnType<typeof and>) =>
    db.select({ n: sql<number>`count(*)` }).from(shipments).where(where).get()?.n ?? 0;
  const open = notInArray(shipments.status, [...CLOSED]);
  const stuckBefore = new Date(now.getTime() - STUCK_AFTER_MS);

  // From the carrier's first scan (booking or pickup) to delivery: our own booking time says nothing about the courier.
  const firstScan = sql<
    number | null
  >`(select min(first_scan.occurred_at) from tracking_events first_scan where first_scan.shipment_id = "shipments"."id")`;
  const deliveredRows = db
    .select({
      carrier: shipments.carrier,
      createdAt: shipments.createdAt,
      firstScanAt: firstScan,
      deliveredAt: shipments.deliveredAt,
    })
    .from(shipments)
    .where(
      and(
        isNotNull(shipments.deliveredAt),
        gte(shipments.deliveredAt, new Date(now.getTime() - DELIVERY_WINDOW_MS)),
      ),
    )
    .all();
  const hoursByCarrier = new Map<CarrierId, number[]>();
  for (const row of deliveredRows) {
    if (!row.deliveredAt) continue;
    const start = row.firstScanAt ?? row.createdAt.getTime();
    const hours = Math.max(0, row.deliveredAt.getTime() - start) / 3_600_000;
    hoursByCarrier.set(row.carrier, [...(hoursByCarrier.get(row.carrier) ?? []), hours]);
  }

  return {
    generatedAt: now,
    ordersByStatus,
    shipmentsByCarrier,
    awaitingTrackingNumber: count(and(isNull(shipments.trackingNumber), open)),
    late: count(
      and(open, isNotNull(shipments.estimatedDeliveryAt), lt(shipments.estimatedDeliveryAt, now)),
    ),
    stuck: count(
      and(
        open,
        isNotNull(shipments.trackingNumber),
        or(
          lt(shipments.lastEventAt, stuckBefore),
          and(isNull(shipments.lastEventAt), lt(shipments.createdAt, stuckBefore)),
        ),
      ),
    ),
    failedAttempts,
    returns,
    newUnmappedStatuses: countNewUnmapped(db, new Date(now.getTime() - 7 * 86_400_000)),
    deliveryTimes: CARRIERS.map((carrier) => {
      const hours = (hoursByCarrier.get(carrier) ?? []).sort((a, b) => a - b);
      return {
        carrier,
        delivered: hours.length,
        averageHours: hours.length ? hours.reduce((a, b) => a + b, 0) / hours.length : null,
        p90Hours: percentile(hours, 0.9),
      };
    }),
  };
}
