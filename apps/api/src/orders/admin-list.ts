import { CARRIERS, ORDER_STATUSES } from "@waybill/carriers/statuses";
import { type Db, schema } from "@waybill/db";
import { and, asc, desc, eq, gt, gte, inArray, lt, lte, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { decodeCursor, encodeCursor } from "./queries";

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

/** The WHERE clause of a filter, shared by the list, its total and the CSV export. */
export function adminOrderWhere(filters: AdminOrderFilters): SQL | undefined {
  const conditions: Array<SQL | undefined> = [];
  if (filters.status?.length) conditions.push(inArray(orders.status, filters.status));
  if (filters.from) conditions.push(gte(orders.createdAt, filters.from));
  if (filters.to) conditions.push(lte(orders.createdAt, filters.to));
  if (filters.carrier || filters.accountId) {
    conditions.push(
      sql`exists (select 1 from ${shipments} where ${shipments.orderId} = ${orders.id}${
        filters.carrier ? sql` and ${shipments.carrier} = ${filters.carrier}` : sql``
      }${filters.accountId ? sql` and ${shipments.accountId} = ${filters.accountId}` : sql``})`,
    );
  }
  const term = filters.search;
  if (term) {
    const byTracking = sql`exists (select 1 from ${shipments} where ${shipments.orderId} = ${orders.id} and ${shipments.trackingNumber} = ${term})`;
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
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const newest = query.sort === "newest";
  const page = after
    ? newest
      ? or(
          lt(orders.createdAt, after.createdAt),
          and(eq(orders.createdAt, after.createdAt), lt(orders.id, after.id)),
        )
      : or(
          gt(orders.createdAt, after.createdAt),
          and(eq(orders.createdAt, after.createdAt), gt(orders.id, after.id)),
        )
    : undefined;
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
  const total =
    options.countTotal === false
      ? null
      : (db.select({ n: sql<number>`count(*)` }).from(orders).where(where).get()?.n ?? 0);
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
