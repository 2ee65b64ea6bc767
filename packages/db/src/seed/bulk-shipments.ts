import type { CarrierId, OrderStatus, ShipmentStatus } from "@waybill/carriers/statuses";
import type { Db } from "../client";
import { createSequentialIds } from "../ids";
import { createRandom, dropIndexes, insertRows } from "./bulk";

/** One carrier scan of a bulk shipment, dated from the shipment's creation. */
export type BulkScan = {
  afterMs: number;
  rawCode: string;
  rawLabel: string;
  status: ShipmentStatus;
  substatus: string | null;
  location: string | null;
  description: string | null;
};

/** Where a bulk shipment stands: the scans it has had, and the statuses they fold to (the caller folds them). */
export type BulkShipmentState = {
  scans: readonly BulkScan[];
  status: ShipmentStatus;
  substatus: string | null;
  orderStatus: OrderStatus;
};

export type BulkShipmentsOptions = {
  /** Shipments are spread over these accounts in turn. */
  accounts: ReadonlyArray<{ id: string; carrier: CarrierId }>;
  /** Share of the eligible orders (not cancelled, no shipment yet) that get a shipment; default 1. */
  share?: number;
  /** Per carrier, the states a shipment is drawn from; none: a booked shipment without scans yet. */
  states?: Partial<Record<CarrierId, readonly BulkShipmentState[]>>;
  /** When the scheduler should ask the carrier next; default null (no automatic checks). */
  nextCheckAt?: Date | null;
  now: Date;
  seed?: number;
  onProgress?: (done: number) => void;
};

const BATCH_ORDERS = 10_000;
const HOUR = 3_600_000;

/** Distinct, carrier-shaped tracking numbers: Sequel247 dockets are exactly 10 digits. */
export function bulkTrackingNumber(carrier: CarrierId, n: number): string {
  switch (carrier) {
    case "shiprocket":
      return `19${String(n).padStart(12, "0")}`;
    case "sequel247":
      return String(1_000_000_000 + n);
    case "maystro":
      return String(100_000 + n);
  }
}

/**
 * Hands bulk orders to carriers for benchmarks: a shipment per eligible order, with the scans of a state drawn
 * from `states`, the shipment and order statuses that state gives, and carrier-shaped tracking numbers
 * (`bulkTrackingNumber`, counted per carrier from the carrier's existing shipments). Raw multi-row statements
 * in big transactions, indexes rebuilt once at the end, as in `seedBulk`.
 */
export function seedBulkShipments(
  db: Db,
  options: BulkShipmentsOptions,
): { shipments: number; scans: number } {
  if (options.accounts.length === 0) throw new RangeError("seedBulkShipments needs an account");
  const client = db.$client;
  const random = createRandom(options.seed ?? 7);
  const share = options.share ?? 1;
  const nowMs = options.now.getTime();
  const nextCheckAt = options.nextCheckAt?.getTime() ?? null;
  const nextId = createSequentialIds();
  const counters = new Map<CarrierId, number>();
  for (const { carrier } of options.accounts) {
    const row = client
      .prepare("select count(*) as n from shipments where carrier = ?")
      .get(carrier) as { n: number };
    counters.set(carrier, row.n);
  }

  // Read before the indexes go: without them, a per-order "has a shipment" probe would scan the table.
  const alreadyShipped = new Set(
    (
      client.prepare("select distinct order_id as id from shipments").all() as Array<{ id: string }>
    ).map((row) => row.id),
  );
  const eligible = client.prepare(
    `select rowid as r, id, created_at as createdAt from orders
     where rowid > ? and status <> 'cancelled' order by rowid limit ?`,
  );
  const setOrderStatus = client.prepare(
    "update orders set status = ?, updated_at = ? where id = ?",
  );

  const previousSync = client.pragma("synchronous", { simple: true });
  const previousCache = client.pragma("cache_size", { simple: true });
  client.pragma("synchronous = OFF");
  client.pragma("cache_size = -262144");
  const deferredIndexes = dropIndexes(db, ["shipments", "tracking_events"]);
  const shipmentColumns =
    "id, order_id, account_id, carrier, tracking_number, status, substatus, raw_status, raw_status_label, status_at, delivered_at, last_event_at, next_check_at, version, created_at, updated_at";
  const scanColumns =
    "id, shipment_id, occurred_at, status, substatus, raw_code, raw_label, location, description, source, dedupe_key, created_at";
  let shipmentsDone = 0;
  let scansDone = 0;
  let afterRowid = 0;
  try {
    for (;;) {
      const orders = eligible.all(afterRowid, BATCH_ORDERS) as Array<{
        r: number;
        id: string;
        createdAt: number;
      }>;
      if (orders.length === 0) break;
      afterRowid = (orders.at(-1) as { r: number }).r;
      client.transaction(() => {
        const shipmentValues: unknown[] = [];
        const scanValues: unknown[] = [];
        for (const order of orders) {
          if (alreadyShipped.has(order.id) || random() >= share) continue;
          const account = options.accounts[shipmentsDone % options.accounts.length] as {
            id: string;
            carrier: CarrierId;
          };
          const n = (counters.get(account.carrier) ?? 0) + 1;
          counters.set(account.carrier, n);
          const states = options.states?.[account.carrier] ?? [];
          const state = states[Math.floor(random() * states.length)];
          const scans = state?.scans ?? [];
          const span = scans.at(-1)?.afterMs ?? 0;
          // Booked an hour after the order, but never so late that a scan would lie in the future.
          const createdAt = Math.min(order.createdAt + HOUR, nowMs - span - HOUR);
          const shipmentId = nextId();
          const last = scans.at(-1);
          const setBy = last && [...scans].reverse().find((scan) => scan.status === state?.status);
          const statusAt = setBy ? createdAt + setBy.afterMs : null;
          const lastEventAt = last ? createdAt + last.afterMs : null;
          shipmentValues.push(
            shipmentId,
            order.id,
            account.id,
            account.carrier,
            bulkTrackingNumber(account.carrier, n),
            state?.status ?? "pending",
            state?.substatus ?? null,
            setBy?.rawCode ?? null,
            setBy?.rawLabel ?? null,
            statusAt,
            state?.status === "delivered" ? statusAt : null,
            lastEventAt,
            nextCheckAt,
            scans.length,
            createdAt,
            lastEventAt ?? createdAt,
          );
          for (const scan of scans) {
            const occurredAt = createdAt + scan.afterMs;
            scanValues.push(
              nextId(),
              shipmentId,
              occurredAt,
              scan.status,
              scan.substatus,
              scan.rawCode,
              scan.rawLabel,
              scan.location,
              scan.description,
              "poll",
              `${account.carrier}|${shipmentId}|${scan.rawCode}|${occurredAt}`,
              occurredAt,
            );
          }
          setOrderStatus.run(
            state?.orderStatus ?? "processing",
            lastEventAt ?? createdAt,
            order.id,
          );
          shipmentsDone += 1;
          scansDone += scans.length;
        }
        insertRows(client, "shipments", shipmentColumns, 16, shipmentValues);
        insertRows(client, "tracking_events", scanColumns, 12, scanValues);
      })();
      options.onProgress?.(shipmentsDone);
    }
    return { shipments: shipmentsDone, scans: scansDone };
  } finally {
    for (const sql of deferredIndexes) client.exec(sql);
    client.pragma(`cache_size = ${Number(previousCache)}`);
    client.pragma(`synchronous = ${Number(previousSync)}`);
  }
}
