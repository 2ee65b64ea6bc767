import { createTestDb, schema } from "@waybill/db";
import { desc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createShippedOrder } from "../testing/fixtures";
import { queryPlan } from "../testing/query-plan";
import { type AdminOrderFilters, adminOrderWhere } from "./admin-list";

const { orders } = schema;

/** Rows per distinct value of a leading column, in a million orders over three carriers and four accounts. */
const ROWS_PER_VALUE: Record<string, number> = {
  status: 200_000,
  carrier: 333_334,
  account_id: 250_000,
  user_id: 10,
  contact_email: 10,
};

/** A small database whose statistics say what ANALYZE says of a million orders and their shipments. */
function databaseStatedAsLarge() {
  const db = createTestDb();
  createShippedOrder(db, { carrier: "sequel247" });
  db.$client.exec("analyze");
  db.$client.exec("delete from sqlite_stat1 where tbl in ('orders', 'shipments')");
  const stat = db.$client.prepare("insert into sqlite_stat1 (tbl, idx, stat) values (?, ?, ?)");
  for (const table of ["orders", "shipments"]) {
    const indexes = db.$client.pragma(`index_list(${table})`) as Array<{ name: string }>;
    for (const { name } of indexes) {
      const columns = db.$client.pragma(`index_info(${name})`) as Array<{ name: string }>;
      const perValue = columns.map((column, i) =>
        i === 0 ? (ROWS_PER_VALUE[column.name] ?? 1) : 1,
      );
      stat.run(table, name, ["1000000", ...perValue].join(" "));
    }
  }
  // Reloads the statistics into the planner.
  db.$client.exec("analyze sqlite_schema");
  return db;
}

function pagePlan(filters: AdminOrderFilters): string {
  const db = databaseStatedAsLarge();
  const query = db
    .select({ id: orders.id })
    .from(orders)
    .where(adminOrderWhere(filters, "page"))
    .orderBy(desc(orders.createdAt), desc(orders.id))
    .limit(51)
    .toSQL();
  return queryPlan(db, query);
}

describe("the admin list's page by carrier or account", () => {
  it("walks orders newest first and probes each one's shipments, with no Bloom filter over them all", () => {
    for (const filters of [{ carrier: "sequel247" }, { accountId: "acc" }] as const) {
      const plan = pagePlan(filters);
      expect(plan).toContain("orders_created_idx");
      expect(plan).toContain("CORRELATED SCALAR SUBQUERY");
      expect(plan).not.toContain("BLOOM FILTER");
    }
  });
});
