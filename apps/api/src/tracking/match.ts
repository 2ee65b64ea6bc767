import type { CarrierUpdate } from "@waybill/carriers";
import { type Db, schema } from "@waybill/db";
import { and, eq } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
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

function findShipmentId(db: Db, accountId: string, update: CarrierUpdate): string | null {
  const byColumn = (column: SQLiteColumn, value: string | null | undefined) =>
    value
      ? (db
          .select({ id: shipments.id })
          .from(shipments)
          .where(and(eq(shipments.accountId, accountId), eq(column, value)))
          .get()?.id ?? null)
      : null;

  const { ref } = update;
  const byOrderNumber = () =>
    ref.orderNumber
      ? (db
          .select({ id: shipments.id })
          .from(shipments)
          .innerJoin(orders, eq(orders.id, shipments.orderId))
          .where(and(eq(shipments.accountId, accountId), eq(orders.number, ref.orderNumber)))
          .get()?.id ?? null)
      : null;

  return (
    byColumn(shipments.trackingNumber, update.trackingNumber ?? ref.trackingNumber) ??
    byColumn(shipments.carrierOrderId, ref.carrierOrderId) ??
    byColumn(shipments.carrierShipmentId, ref.carrierShipmentId) ??
    byOrderNumber()
  );
}
