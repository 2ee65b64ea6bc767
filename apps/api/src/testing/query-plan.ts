import type { Db } from "@waybill/db";

/** SQLite's plan for a built query (`query.toSQL()`), its steps joined by "; ": what plan tests assert on. */
export function queryPlan(db: Db, query: { sql: string; params: unknown[] }): string {
  const steps = db.$client
    .prepare(`explain query plan ${query.sql}`)
    .all(...query.params) as Array<{
    detail: string;
  }>;
  return steps.map((step) => step.detail).join("; ");
}
