import type { CarrierUpdate } from "@waybill/carriers";
import { type Db, schema } from "@waybill/db";
import { and, eq, sql } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { preparedQuery } from "../lib/prepared";
import type { ShipmentUpdate } from "./apply-updates";

const { orders, shipments } = schema;

/**
 * Finds our shipment for each carrier update within one account, by the strongest reference the carrier
 * gave: tracking number, then its order or shipment id, then our order number. Shiprocket webhooks are
 * account-wide, so updates for shipments we do not know are normal: they come back as `unmatched`.
 */
export function matchUpdatesToShipments(
  db: Db,
  accountId: string,
  updates: readonly CarrierUpdate[],
): { matched: ShipmentUpdate[]; unmatched: CarrierUpdate[] } {
  const matched: ShipmentUpdate[] = [];
  const unmatched: CarrierUpdate[] = [];
  for (const update of updates) {
    const shipmentId = findShipmentId(db, accountId, update);
    if (shipmentId) matched.push({ shipmentId, update });
    else unmatched.push(update);
  }
  return { matched, unmatched };
}

// Prepared once per database: every webhook and every poll result goes through here.
const byColumn = (column: SQLiteColumn) =>
  preparedQuery((db) =>
    db
      .select({ id: shipments.id })
      .from(shipments)
      .where(
        and(
          eq(shipments.accountId, sql.placeholder("accountId")),
          eq(column, sql.placeholder("value")),
        ),
      )
      .prepare(),
  );
const byTrackingNumber = byColumn(shipments.trackingNumber);
const byCarrierOrderId = byColumn(shipments.carrierOrderId);
const byCarrierShipmentId = byColumn(shipments.carrierShipmentId);
const byOrderNumber = preparedQuery((db) =>
  db
    .select({ id: shipments.id })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(
      and(
        eq(shipments.accountId, sql.placeholder("accountId")),
        eq(orders.number, sql.placeholder("value")),
      ),
    )
    .prepare(),
);

function findShipmentId(db: Db, accountId: string, update: CarrierUpdate): string | null {
  const lookup = (query: typeof byTrackingNumber, value: string | null | undefined) =>
    value ? (query(db).get({ accountId, value })?.id ?? null) : null;
  const { ref } = update;
  return (
    lookup(byTrackingNumber, update.trackingNumber ?? ref.trackingNumber) ??
    lookup(byCarrierOrderId, ref.carrierOrderId) ??
    lookup(byCarrierShipmentId, ref.carrierShipmentId) ??
    lookup(byOrderNumber, ref.orderNumber)
  );
}
