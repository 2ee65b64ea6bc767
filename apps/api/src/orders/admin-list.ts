import { CARRIERS, ORDER_STATUSES } from "@waybill/carriers/statuses";
import { type Db, schema } from "@waybill/db";
import { and, asc, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { afterCursor, encodeCursor } from "../lib/cursor";

const { carrierAccounts, orders, shipments } = schema;

export const adminOrderFiltersSchema = z.object({
  status: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
  carrier: z.enum(CARRIERS).optional(),
  accountId: z.string().min(1).optional(),
  /** Inclusive bounds on the order's creation time. */
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  /** Order number, tracking number or customer e-mail. */
  search: z.string().trim().max(254).optional(),
});
export type AdminOrderFilters = z.infer<typeof adminOrderFiltersSchema>;

export const adminOrderListSchema = adminOrderFiltersSchema.extend({
  sort: z.enum(["newest", "oldest"]).default("newest"),
  cursor: z.string().nullish(),
  limit: z.number().int().min(1).max(200).default(50),
});

/**
 * The WHERE clause of a filter, shared by the list, its total and the CSV export. `purpose` picks the form
 * SQLite plans well for each at a million orders: a page walks orders newest first and probes shipments per
 * order until it has enough; a total starts from the shipments that match (bench/results/SUMMARY.md).
 */
export function adminOrderWhere(
  filters: AdminOrderFilters,
  purpose: "page" | "count" = "page",
): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (filters.status?.length) {
    // Several statuses are several ranges of orders_status_created_idx that SQLite cannot merge in created
    // order: it would sort every match. The unary + keeps it on orders_created_idx, reading until the page is full.
    conditions.push(
      purpose === "page" && filters.status.length > 1
        ? inArray(sql`+${orders.status}`, filters.status)
        : inArray(orders.status, filters.status),
    );
  }
  if (filters.from) conditions.push(gte(orders.createdAt, filters.from));
  if (filters.to) conditions.push(lte(orders.createdAt, filters.to));
  if (filters.carrier || filters.accountId) {
    const carrier = filters.carrier ? sql` and ${shipments.carrier} = ${filters.carrier}` : sql``;
    const account = filters.accountId
      ? sql` and ${shipments.accountId} = ${filters.accountId}`
      : sql``;
    // A page, or a total within a date range, probes shipments per order; a broader total starts from the
    // matching shipments instead (probing a million orders one by one takes seconds).
    const perOrder = purpose === "page" || filters.from !== undefined || filters.to !== undefined;
    // `limit 1` keeps the probe a correlated subquery: with ANALYZE statistics, SQLite otherwise turns the
    // EXISTS into a join and first builds a Bloom filter over every shipment of the carrier (19 ms against
    // 0.15 ms for a page of 50 at 100,000 shipments per carrier).
    conditions.push(
      perOrder
        ? sql`exists (select 1 from ${shipments} where ${shipments.orderId} = ${orders.id}${carrier}${account} limit 1)`
        : sql`${orders.id} in (select ${shipments.orderId} from ${shipments} where 1${carrier}${account})`,
    );
  }
  const term = filters.search;
  if (term) {
    // IN, not a correlated EXISTS: with the number test beside it, SQLite then looks both up by index.
    const byTracking = sql`${orders.id} in (select ${shipments.orderId} from ${shipments} where ${shipments.trackingNumber} = ${term})`;
    conditions.push(
      term.includes("@")
        ? eq(orders.contactEmail, term.toLowerCase())
        : /^wb-/i.test(term)
          ? // A partial number ("WB-2026-0001") is a prefix; the unique index serves the range.
            and(
              gte(orders.number, term.toUpperCase()),
              lt(orders.number, `${term.toUpperCase()}\uffff`),
            )
          : or(eq(orders.number, term), byTracking),
    );
  }
  const present = conditions.filter((c): c is SQL => c !== undefined);
  return present.length ? and(...present) : undefined;
}

/** The total of a filter. A carrier or account alone is counted from its shipments index, rows untouched. */
export function countOrdersForAdmin(db: Db, filters: AdminOrderFilters): number {
  const shipmentFiltersOnly =
    (filters.carrier || filters.accountId) &&
    !filters.status?.length &&
    !filters.from &&
    !filters.to &&
    !filters.search;
  if (shipmentFiltersOnly) {
    return (
      db
        .select({ n: sql<number>`count(distinct ${shipments.orderId})` })
        .from(shipments)
        .where(
          and(
            filters.carrier ? eq(shipments.carrier, filters.carrier) : undefined,
            filters.accountId ? eq(shipments.accountId, filters.accountId) : undefined,
          ),
        )
        .get()?.n ?? 0
    );
  }
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(orders)
      .where(adminOrderWhere(filters, "count"))
      .get()?.n ?? 0
  );
}

export type AdminOrderRow = {
  id: string;
  number: string;
  status: (typeof ORDER_STATUSES)[number];
  totalCents: number;
  currency: string;
  customerName: string;
  contactEmail: string;
  createdAt: Date;
  updatedAt: Date;
  shipment: {
    id: string;
    carrier: (typeof CARRIERS)[number];
    accountName: string;
    status: typeof shipments.$inferSelect.status;
    trackingNumber: string | null;
    lastEventAt: Date | null;
  } | null;
};

export function listOrdersForAdmin(
  db: Db,
  input: z.input<typeof adminOrderListSchema>,
  options: { countTotal?: boolean } = {},
): { items: AdminOrderRow[]; nextCursor: string | null; total: number | null } {
  const query = adminOrderListSchema.parse(input);
  const where = adminOrderWhere(query);
  const newest = query.sort === "newest";
  const page = afterCursor(
    query.cursor,
    { time: orders.createdAt, id: orders.id },
    newest ? "desc" : "asc",
  );
  const direction = newest ? desc : asc;
  const rows = db
    .select({
      id: orders.id,
      number: orders.number,
      status: orders.status,
      totalCents: orders.totalCents,
      currency: orders.currency,
      customerName: orders.shipName,
      contactEmail: orders.contactEmail,
      createdAt: orders.createdAt,
      updatedAt: orders.updatedAt,
    })
    .from(orders)
    .where(and(where, page))
    .orderBy(direction(orders.createdAt), direction(orders.id))
    .limit(query.limit + 1)
    .all();
  const items = rows.slice(0, query.limit);
  const total = options.countTotal === false ? null : countOrdersForAdmin(db, query);
  const last = items.at(-1);
  return {
    items: attachShipments(db, items),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.createdAt, last.id) : null,
    total,
  };
}

function attachShipments(db: Db, items: Array<Omit<AdminOrderRow, "shipment">>): AdminOrderRow[] {
  if (items.length === 0) return [];
  const rows = db
    .select({
      id: shipments.id,
      orderId: shipments.orderId,
      carrier: shipments.carrier,
      accountName: carrierAccounts.name,
      status: shipments.status,
      trackingNumber: shipments.trackingNumber,
      lastEventAt: shipments.lastEventAt,
      createdAt: shipments.createdAt,
    })
    .from(shipments)
    .innerJoin(carrierAccounts, eq(carrierAccounts.id, shipments.accountId))
    .where(
      inArray(
        shipments.orderId,
        items.map((i) => i.id),
      ),
    )
    .orderBy(asc(shipments.createdAt))
    .all();
  const latest = new Map(rows.map((row) => [row.orderId, row]));
  return items.map((item) => {
    const s = latest.get(item.id);
    return {
      ...item,
      shipment: s
        ? {
            id: s.id,
            carrier: s.carrier,
            accountName: s.accountName,
            status: s.status,
            trackingNumber: s.trackingNumber,
            lastEventAt: s.lastEventAt,
          }
        : null,
    };
  });
}

/** Columns of the CSV export, in order. */
export const ADMIN_ORDER_CSV_COLUMNS = [
  "number",
  "status",
  "created_at",
  "customer",
  "email",
  "total",
  "currency",
  "carrier",
  "account",
  "tracking_number",
  "shipment_status",
  "last_scan_at",
] as const;

function csvCell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  // A leading =, +, - or @ would run as a formula in a spreadsheet.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV of every order matching the filter, newest first, produced page by page so memory stays flat. */
export function* exportOrdersCsv(db: Db, filters: AdminOrderFilters): Generator<string> {
  yield `${ADMIN_ORDER_CSV_COLUMNS.join(",")}\n`;
  let cursor: string | null = null;
  do {
    const page = listOrdersForAdmin(db, { ...filters, cursor, limit: 200 }, { countTotal: false });
    yield page.items
      .map((o) =>
        [
          o.number,
          o.status,
          o.createdAt.toISOString(),
          o.customerName,
          o.contactEmail,
          (o.totalCents / 100).toFixed(2),
          o.currency,
          o.shipment?.carrier ?? null,
          o.shipment?.accountName ?? null,
          o.shipment?.trackingNumber ?? null,
          o.shipment?.status ?? null,
          o.shipment?.lastEventAt?.toISOString() ?? null,
        ]
          .map(csvCell)
          .join(","),
      )
      .map((line) => `${line}\n`)
      .join("");
    cursor = page.nextCursor;
  } while (cursor);
}
