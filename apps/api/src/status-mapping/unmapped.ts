import type { CarrierId } from "@waybill/carriers/statuses";
import { createId, type Db, schema, type Tx } from "@waybill/db";
import { and, count, desc, eq, gte, sql } from "drizzle-orm";
import { afterCursor, encodeCursor } from "../lib/cursor";
import { preparedQuery, setPlaceholder } from "../lib/prepared";
import { timelineOf } from "../orders/queries";

const { carrierAccounts, orders, shipments, statusOverrides, unmappedStatuses } = schema;

const p = sql.placeholder;
// Prepared once per handle: a carrier that invents codes sends them on every scan of a sync pass.
const upsertUnmapped = preparedQuery((db) =>
  db
    .insert(unmappedStatuses)
    .values({
      id: p("id"),
      accountId: p("accountId"),
      carrier: p("carrier"),
      rawCode: p("rawCode"),
      rawLabel: p("rawLabel"),
      firstSeenAt: setPlaceholder("nowMs"),
      lastSeenAt: setPlaceholder("nowMs"),
      occurrences: 1,
      exampleShipmentId: p("shipmentId"),
    })
    .onConflictDoUpdate({
      target: [unmappedStatuses.accountId, unmappedStatuses.rawCode],
      set: {
        lastSeenAt: setPlaceholder("nowMs"),
        occurrences: sql`${unmappedStatuses.occurrences} + 1`,
        rawLabel: sql`coalesce(${p("rawLabel")}, ${unmappedStatuses.rawLabel})`,
      },
    })
    .prepare(),
);

/** Counts one stored scan whose code no table (and no override) knows. Same transaction as the scan. */
export function recordUnmappedStatus(
  db: Db | Tx,
  input: {
    accountId: string;
    carrier: CarrierId;
    rawCode: string;
    rawLabel: string | null;
    shipmentId: string;
    now: Date;
  },
): void {
  upsertUnmapped(db).run({
    id: createId(),
    accountId: input.accountId,
    carrier: input.carrier,
    rawCode: input.rawCode,
    rawLabel: input.rawLabel,
    nowMs: input.now.getTime(),
    shipmentId: input.shipmentId,
  });
}

export type UnmappedStatusRow = {
  id: string;
  accountId: string;
  accountName: string;
  carrier: CarrierId;
  rawCode: string;
  rawLabel: string | null;
  firstSeenAt: Date;
  lastSeenAt: Date;
  occurrences: number;
  exampleShipmentId: string | null;
  exampleOrderNumber: string | null;
  override: { status: string; substatus: string | null; setByName: string; updatedAt: Date } | null;
};

/** Newest codes first (by first sighting), with the override each one has, if any. */
export function listUnmappedStatuses(
  db: Db,
  options: { cursor?: string | null; limit: number },
): { items: UnmappedStatusRow[]; nextCursor: string | null } {
  const rows = db
    .select({
      row: unmappedStatuses,
      accountName: carrierAccounts.name,
      exampleOrderNumber: orders.number,
      override: statusOverrides,
    })
    .from(unmappedStatuses)
    .innerJoin(carrierAccounts, eq(carrierAccounts.id, unmappedStatuses.accountId))
    .leftJoin(shipments, eq(shipments.id, unmappedStatuses.exampleShipmentId))
    .leftJoin(orders, eq(orders.id, shipments.orderId))
    .leftJoin(
      statusOverrides,
      and(
        eq(statusOverrides.carrier, unmappedStatuses.carrier),
        eq(statusOverrides.rawCode, unmappedStatuses.rawCode),
      ),
    )
    .where(
      afterCursor(options.cursor, { time: unmappedStatuses.firstSeenAt, id: unmappedStatuses.id }),
    )
    .orderBy(desc(unmappedStatuses.firstSeenAt), desc(unmappedStatuses.id))
    .limit(options.limit + 1)
    .all();
  const page = rows.slice(0, options.limit);
  const last = page.at(-1)?.row;
  return {
    items: page.map(({ row, accountName, exampleOrderNumber, override }) => ({
      id: row.id,
      accountId: row.accountId,
      accountName,
      carrier: row.carrier,
      rawCode: row.rawCode,
      rawLabel: row.rawLabel,
      firstSeenAt: row.firstSeenAt,
      lastSeenAt: row.lastSeenAt,
      occurrences: row.occurrences,
      exampleShipmentId: row.exampleShipmentId,
      exampleOrderNumber: exampleOrderNumber ?? null,
      override: override
        ? {
            status: override.status,
            substatus: override.substatus,
            setByName: override.setByName,
            updatedAt: override.updatedAt,
          }
        : null,
    })),
    nextCursor:
      rows.length > options.limit && last ? encodeCursor(last.firstSeenAt, last.id) : null,
  };
}

/** The example shipment's timeline, so the admin sees the code among the scans around it. */
export function exampleTimeline(db: Db, unmappedId: string) {
  const row = db.select().from(unmappedStatuses).where(eq(unmappedStatuses.id, unmappedId)).get();
  return row?.exampleShipmentId ? timelineOf(db, row.exampleShipmentId) : [];
}

/** Codes first seen since `since` and not yet given an override: the dashboard's badge. */
export function countNewUnmapped(db: Db, since: Date): number {
  return (
    db
      .select({ n: count() })
      .from(unmappedStatuses)
      .leftJoin(
        statusOverrides,
        and(
          eq(statusOverrides.carrier, unmappedStatuses.carrier),
          eq(statusOverrides.rawCode, unmappedStatuses.rawCode),
        ),
      )
      .where(and(gte(unmappedStatuses.firstSeenAt, since), sql`${statusOverrides.id} is null`))
      .get()?.n ?? 0
  );
}
