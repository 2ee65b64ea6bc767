import type { Db } from "../client";
import { createId, createRandomId, createSequentialIds, formatOrderNumber } from "../ids";
import { DEMO_ADDRESSES, DEMO_PRODUCTS } from "./catalog";

export type BulkSeedOptions = {
  orders: number;
  /** Defaults to one customer per ten orders. */
  customers?: number;
  /** One hash for every bulk customer: hashing a million passwords would measure scrypt, not us. */
  passwordHash: string;
  now: Date;
  /** Orders are spread over this many days before `now`. */
  spreadDays?: number;
  seed?: number;
  onProgress?: (done: number, total: number) => void;
};

/** Small deterministic PRNG (mulberry32): the same seed gives the same data set. */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Only states a shop owns: shipped states come from carriers, never from a seed.
const BULK_ORDER_STATUSES = [
  "pending",
  "confirmed",
  "confirmed",
  "processing",
  "cancelled",
] as const;
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts a large synthetic data set for benchmarks with raw multi-row statements in a few big
 * transactions (drizzle's builder would dominate the run time at this size).
 */
export function seedBulk(db: Db, options: BulkSeedOptions): { orders: number; customers: number } {
  const client = db.$client;
  const random = createRandom(options.seed ?? 42);
  const customerCount = Math.max(1, options.customers ?? Math.ceil(options.orders / 10));
  const spreadMs = (options.spreadDays ?? 365) * 86_400_000;
  const nowMs = options.now.getTime();
  const year = options.now.getUTCFullYear();

  const previousSync = client.pragma("synchronous", { simple: true });
  const previousCache = client.pragma("cache_size", { simple: true });
  client.pragma("synchronous = OFF");
  client.pragma("cache_size = -262144");
  // Random ids scatter inserts across every index: building the indexes once afterwards, by sorting,
  // is several times faster than maintaining them row by row.
  const deferredIndexes = dropIndexes(db, ["orders", "order_items", "users"]);
  try {
    const productIds = ensureProducts(db);
    const runId = createRandomId(6);
    const nextId = createSequentialIds();
    const customerIds = insertCustomers(
      db,
      customerCount,
      runId,
      options.passwordHash,
      nowMs,
      nextId,
    );
    const firstSequence = nextOrderSequence(db, year);

    const orderColumns =
      "id, number, user_id, status, currency, subtotal_cents, shipping_cents, total_cents, payment_method, contact_email, contact_phone, ship_name, ship_line1, ship_line2, ship_city, ship_state, ship_postal_code, ship_country, created_at, updated_at";
    const itemColumns = "id, order_id, product_id, sku, name, unit_price_cents, quantity";

    let done = 0;
    while (done < options.orders) {
      const batch = Math.min(ROWS_PER_STATEMENT * 20, options.orders - done);
      client.transaction(() => {
        let orderValues: unknown[] = [];
        let itemValues: unknown[] = [];
        for (let i = 0; i < batch; i++) {
          const sequence = firstSequence + done + i;
          const customerIndex = Math.floor(random() * customerCount);
          const address =
            DEMO_ADDRESSES[customerIndex % DEMO_ADDRESSES.length] ?? DEMO_ADDRESSES[0];
          const orderId = nextId();
          const itemCount = 1 + Math.floor(random() * 3);
          let subtotal = 0;
          for (let j = 0; j < itemCount; j++) {
            const productIndex = Math.floor(random() * DEMO_PRODUCTS.length);
            const product = DEMO_PRODUCTS[productIndex] ?? DEMO_PRODUCTS[0];
            subtotal += product.priceCents;
            itemValues.push(
              nextId(),
              orderId,
              productIds[productIndex],
              product.sku,
              product.name,
              product.priceCents,
              1,
            );
          }
          const createdAt = nowMs - Math.floor(random() * spreadMs);
          const status = BULK_ORDER_STATUSES[Math.floor(random() * BULK_ORDER_STATUSES.length)];
          orderValues.push(
            orderId,
            formatOrderNumber(year, sequence),
            customerIds[customerIndex],
            status,
            "INR",
            subtotal,
            0,
            subtotal,
            random() < 0.4 ? "cod" : "prepaid",
            `bulk-${runId}-${customerIndex}@example.test`,
            address.phone,
            address.name,
            address.line1,
            address.line2,
            address.city,
            address.state,
            address.postalCode,
            "India",
            createdAt,
            createdAt,
          );
          // Items reference their orders: flush them together, orders first.
          if (orderValues.length === 20 * ROWS_PER_STATEMENT) {
            insertRows(client, "orders", orderColumns, 20, orderValues);
            insertRows(client, "order_items", itemColumns, 7, itemValues);
            orderValues = [];
            itemValues = [];
          }
        }
        if (orderValues.length > 0) insertRows(client, "orders", orderColumns, 20, orderValues);
        if (itemValues.length > 0) insertRows(client, "order_items", itemColumns, 7, itemValues);
      })();
      done += batch;
      options.onProgress?.(done, options.orders);
    }
    return { orders: options.orders, customers: customerCount };
  } finally {
    for (const sql of deferredIndexes) client.exec(sql);
    client.pragma(`cache_size = ${Number(previousCache)}`);
    client.pragma(`synchronous = ${Number(previousSync)}`);
  }
}

/** Drops the explicit indexes of `tables` and returns the statements that recreate them. */
export function dropIndexes(db: Db, tables: string[]): string[] {
  const rows = db.$client
    .prepare(
      `select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${tables.map(() => "?").join(",")})`,
    )
    .all(...tables) as Array<{ name: string; sql: string }>;
  for (const row of rows) db.$client.exec(`drop index "${row.name}"`);
  return rows.map((row) => row.sql);
}

function placeholders(columns: number, rows: number): string {
  const row = `(${new Array(columns).fill("?").join(",")})`;
  return new Array(rows).fill(row).join(",");
}

const statementCache = new Map<string, ReturnType<Db["$client"]["prepare"]>>();

/** Inserts `values` (row after row, `width` columns each) with multi-row statements of ROWS_PER_STATEMENT. */
export function insertRows(
  client: Db["$client"],
  table: string,
  columns: string,
  width: number,
  values: unknown[],
): void {
  for (let start = 0; start < values.length; start += width * ROWS_PER_STATEMENT) {
    const chunk = values.slice(start, start + width * ROWS_PER_STATEMENT);
    const rows = chunk.length / width;
    const key = `${table}:${rows}`;
    let statement = statementCache.get(key);
    if (!statement || statement.database !== client) {
      statement = client.prepare(
        `insert into ${table} (${columns}) values ${placeholders(width, rows)}`,
      );
      statementCache.set(key, statement);
    }
    statement.run(chunk);
  }
}

function ensureProducts(db: Db): string[] {
  const client = db.$client;
  const find = client.prepare("select id from products where sku = ?");
  const insert = client.prepare(
    "insert into products (id, sku, name, description, price_cents, weight_grams) values (?, ?, ?, ?, ?, ?)",
  );
  return DEMO_PRODUCTS.map((p) => {
    const row = find.get(p.sku) as { id: string } | undefined;
    if (row) return row.id;
    const id = createId();
    insert.run(id, p.sku, p.name, p.description, p.priceCents, p.weightGrams);
    return id;
  });
}

function insertCustomers(
  db: Db,
  count: number,
  runId: string,
  passwordHash: string,
  nowMs: number,
  nextId: () => string,
): string[] {
  const ids: string[] = [];
  const columns = "id, email, name, phone, password_hash, role, created_at";
  db.$client.transaction(() => {
    let values: unknown[] = [];
    for (let i = 0; i < count; i++) {
      const id = nextId();
      ids.push(id);
      const address = DEMO_ADDRESSES[i % DEMO_ADDRESSES.length] ?? DEMO_ADDRESSES[0];
      values.push(
        id,
        `bulk-${runId}-${i}@example.test`,
        `Customer ${i + 1}`,
        address.phone,
        passwordHash,
        "customer",
        nowMs,
      );
      if (values.length === 7 * ROWS_PER_STATEMENT) {
        insertRows(db.$client, "users", columns, 7, values);
        values = [];
      }
    }
    if (values.length > 0) insertRows(db.$client, "users", columns, 7, values);
  })();
  return ids;
}

function nextOrderSequence(db: Db, year: number): number {
  const row = db.$client
    .prepare(
      // Numeric max: past 999999 the numbers grow a digit and text order would be wrong.
      "select max(cast(substr(number, ?) as integer)) as last from orders where number like ?",
    )
    .get(`WB-${year}-`.length + 1, `WB-${year}-%`) as { last: number | null };
  return (row.last ?? 0) + 1;
}
