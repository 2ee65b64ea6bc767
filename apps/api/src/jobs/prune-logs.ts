import { type Db, schema } from "@waybill/db";
import { and, eq, lt } from "drizzle-orm";
import type { Logger } from "../lib/logger";

/** Webhook deliveries are evidence for a month; then the tracking events they produced are what counts. */
export const WEBHOOK_RETENTION_MS = 30 * 86_400_000;
/** Scheduled runs that found nothing due tell nothing after a week; runs that did work are kept. */
export const EMPTY_RUN_RETENTION_MS = 7 * 86_400_000;

export function pruneLogs({ db, logger, now }: { db: Db; logger: Logger; now: Date }) {
  const deliveries = db
    .delete(schema.webhookDeliveries)
    .where(lt(schema.webhookDeliveries.receivedAt, new Date(now.getTime() - WEBHOOK_RETENTION_MS)))
    .run().changes;
  const emptyRuns = db
    .delete(schema.syncRuns)
    .where(
      and(
        lt(schema.syncRuns.startedAt, new Date(now.getTime() - EMPTY_RUN_RETENTION_MS)),
        eq(schema.syncRuns.due, 0),
        eq(schema.syncRuns.state, "succeeded"),
      ),
    )
    .run().changes;
  if (deliveries + emptyRuns > 0) logger.info("old logs pruned", { deliveries, emptyRuns });
  return { deliveries, emptyRuns };
}
