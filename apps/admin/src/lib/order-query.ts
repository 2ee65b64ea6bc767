import type { CarrierId, OrderListInput, OrderStatus } from "./api-types";
import { dayBoundary } from "./dates";
import { CARRIER_IDS, ORDER_STATUS_IDS } from "./labels";

/**
 * The orders table's filters as they live in the URL (`?status=shipped,delivered&carrier=maystro`),
 * so a filtered view can be bookmarked, shared and reached with the back button.
 */
export type OrderQuery = {
  status: OrderStatus[];
  carrier: CarrierId | null;
  accountId: string | null;
  /** Local days, `yyyy-mm-dd`, both inclusive. */
  from: string | null;
  to: string | null;
  search: string;
  sort: "newest" | "oldest";
  pageSize: number;
};

export const PAGE_SIZES = [25, 50, 100, 200] as const;
const DEFAULT_PAGE_SIZE = 50;

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseOrderQuery(params: URLSearchParams): OrderQuery {
  const status = (params.get("status") ?? "")
    .split(",")
    .filter((s): s is OrderStatus => (ORDER_STATUS_IDS as string[]).includes(s));
  const carrier = params.get("carrier");
  const from = params.get("from");
  const to = params.get("to");
  const pageSize = Number(params.get("size"));
  return {
    status: [...new Set(status)],
    carrier: carrier && (CARRIER_IDS as string[]).includes(carrier) ? (carrier as CarrierId) : null,
    accountId: params.get("account") || null,
    from: from && DAY.test(from) ? from : null,
    to: to && DAY.test(to) ? to : null,
    search: params.get("q")?.trim() ?? "",
    sort: params.get("sort") === "oldest" ? "oldest" : "newest",
    pageSize: (PAGE_SIZES as readonly number[]).includes(pageSize) ? pageSize : DEFAULT_PAGE_SIZE,
  };
}

/** The URL form; defaults are left out so a plain list has a plain URL. */
export function toSearchParams(query: OrderQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.status.length) params.set("status", query.status.join(","));
  if (query.carrier) params.set("carrier", query.carrier);
  if (query.accountId) params.set("account", query.accountId);
  if (query.from) params.set("from", query.from);
  if (query.to) params.set("to", query.to);
  if (query.search) params.set("q", query.search);
  if (query.sort !== "newest") params.set("sort", query.sort);
  if (query.pageSize !== DEFAULT_PAGE_SIZE) params.set("size", String(query.pageSize));
  return params;
}

/** The filters as `admin.orders.list` and the CSV export take them (dates as instants). */
function filterFields(query: OrderQuery) {
  const from = query.from ? dayBoundary(query.from, "start") : null;
  const to = query.to ? dayBoundary(query.to, "end") : null;
  return {
    ...(query.status.length ? { status: query.status } : {}),
    ...(query.carrier ? { carrier: query.carrier } : {}),
    ...(query.accountId ? { accountId: query.accountId } : {}),
    ...(from ? { from: from.toISOString() } : {}),
    ...(to ? { to: to.toISOString() } : {}),
    ...(query.search ? { search: query.search } : {}),
  };
}

export function toListInput(query: OrderQuery, cursor: string | null): OrderListInput {
  return { ...filterFields(query), sort: query.sort, limit: query.pageSize, cursor };
}

/** The CSV download of the same filter (`GET /exports/orders.csv`, admin session cookie). */
export function csvExportHref(query: OrderQuery): string {
  const fields = filterFields(query);
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const search = params.toString();
  return `/exports/orders.csv${search ? `?${search}` : ""}`;
}

export function hasFilters(query: OrderQuery): boolean {
  return Boolean(
    query.status.length ||
      query.carrier ||
      query.accountId ||
      query.from ||
      query.to ||
      query.search,
  );
}
