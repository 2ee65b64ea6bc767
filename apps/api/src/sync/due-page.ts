import { type Db, schema } from "@waybill/db";
import { and, asc, eq, lte, type SQL, sql } from "drizzle-orm";
import type { ShipmentToCheck } from "./check-shipments";

const { orders, shipments } = schema;

export type DueShipment = ShipmentToCheck & { nextCheckAt: Date };
/** Where the previous page ended: pages follow (next_check_at, id), so ties on the due time still move on. */
export type PageCursor = { nextCheckAt: Date; id: string };

export type DuePageInput = {
  accountId: string;
  dueBy: Date;
  after: PageCursor | null;
  limit: number;
};

/** The query of one page, unrun: its plan is tested (`due-page.test.ts`). */
export function duePageQuery(db: Db, input: DuePageInput) {
  const conditions: SQL[] = [
    eq(shipments.accountId, input.accountId),
    lte(shipments.nextCheckAt, input.dueBy),
  ];
  if (input.after) {
    // A row value, so SQLite seeks shipments_due_idx to the cursor instead of reading and sorting every
    // due shipment again for each page (quadratic when thousands share one due time).
    conditions.push(
      sql`(${shipments.nextCheckAt}, ${shipments.id}) > (${input.after.nextCheckAt.getTime()}, ${input.after.id})`,
    );
  }
  return db
    .select({
      id: shipments.id,
      orderNumber: orders.number,
      trackingNumber: shipments.trackingNumber,
      carrierOrderId: shipments.carrierOrderId,
      carrierShipmentId: shipments.carrierShipmentId,
      nextCheckAt: shipments.nextCheckAt,
    })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(and(...conditions))
    .orderBy(asc(shipments.nextCheckAt), asc(shipments.id))
    .limit(input.limit);
}

/** One page of the account's due shipments, in (next_check_at, id) order after the cursor. */
export function selectDuePage(db: Db, input: DuePageInput): DueShipment[] {
  // The where clause excludes null next_check_at.
  return duePageQuery(db, input).all() as DueShipment[];
}
