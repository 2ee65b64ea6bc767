import { countUsers, pingDb, schema } from "@waybill/db";
import { sql } from "drizzle-orm";
import { adminProcedure, router } from "../init";

const startedAt = Date.now();

export const adminRouter = router({
  system: router({
    /** What an operator checks first: database reachable, counts, uptime. */
    status: adminProcedure.query(({ ctx }) => {
      const { db } = ctx.deps;
      const orders = db.select({ n: sql<number>`count(*)` }).from(schema.orders).get()?.n ?? 0;
      return {
        database: pingDb(db) ? ("ok" as const) : ("unavailable" as const),
        users: countUsers(db),
        orders,
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
        nodeVersion: process.version,
      };
    }),
  }),
});
