import { type Db, schema } from "@waybill/db";
import { asc, eq } from "drizzle-orm";
import { isDomainError } from "../lib/errors";
import type { Logger } from "../lib/logger";
import { markInterruptedRuns } from "../sync/runs";
import type { SyncService } from "../sync/service";

const { carrierAccounts } = schema;

/** One scheduled sync: the account and its cron pattern. */
export type SyncSchedule = { accountId: string; pattern: string };

/** Every active account's schedule; switched-off accounts get no job. */
export function activeSyncSchedules(db: Db): SyncSchedule[] {
  return db
    .select({ accountId: carrierAccounts.id, pattern: carrierAccounts.syncSchedule })
    .from(carrierAccounts)
    .where(eq(carrierAccounts.active, true))
    .orderBy(asc(carrierAccounts.createdAt))
    .all();
}

/**
 * What to change so the running jobs match the accounts: added or re-enabled accounts start, removed or
 * switched-off ones stop, and an edited schedule is a stop plus a start.
 */
export function planSyncJobs(
  running: ReadonlyMap<string, string>,
  wanted: readonly SyncSchedule[],
): { start: SyncSchedule[]; stop: string[] } {
  const wantedById = new Map(wanted.map((s) => [s.accountId, s.pattern]));
  const stop = [...running]
    .filter(([id, pattern]) => wantedById.get(id) !== pattern)
    .map(([id]) => id);
  const start = wanted.filter((s) => running.get(s.accountId) !== s.pattern);
  return { start, stop };
}

/** A schedule tick: a paused or switched-off account is skipped quietly (its health already says why). */
export async function runScheduledSync(
  deps: { sync: SyncService; logger: Logger },
  accountId: string,
): Promise<void> {
  try {
    await deps.sync.runNow({ accountId, trigger: "schedule" });
  } catch (error) {
    if (isDomainError(error) && (error.code === "CONFLICT" || error.code === "NOT_FOUND")) {
      deps.logger.debug("scheduled sync skipped", { accountId, reason: error.message });
      return;
    }
    throw error;
  }
}

/** Runs a dead process left `running` become `interrupted` (their lease lapsed). */
export function recoverInterruptedRuns(deps: { db: Db; logger: Logger; now: Date }): number {
  const marked = markInterruptedRuns(deps.db, deps.now);
  if (marked.length > 0)
    deps.logger.warn("sync runs interrupted by a stopped process", {
      runIds: marked.map((r) => r.id),
    });
  return marked.length;
}
