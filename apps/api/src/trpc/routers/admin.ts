import { countUsers, pingDb, schema } from "@waybill/db";
import { sql } from "drizzle-orm";
import { adminProcedure, router } from "../init";
import { adminCarriersRouter } from "./admin-carriers";
import { adminLive } from "./admin-live";
import { adminOrdersRouter } from "./admin-orders";
import { adminOutboxRouter } from "./admin-outbox";
import { adminStatsRouter } from "./admin-stats";
import { adminSyncRouter } from "./admin-sync";
import { adminUnmappedRouter } from "./admin-unmapped";
import { adminWebhooksRouter } from "./admin-webhooks";

const startedAt = Date.now();

export const adminRouter = router({
  orders: adminOrdersRouter,
  carriers: adminCarriersRouter,
  stats: adminStatsRouter,
  unmapped: adminUnmappedRouter,
  sync: adminSyncRouter,
  webhooks: adminWebhooksRouter,
  outbox: adminOutboxRouter,
  ...adminLive,
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
