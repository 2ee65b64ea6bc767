import { schema } from "@waybill/db";
import { asc, eq } from "drizzle-orm";
import { DomainError, isDomainError } from "../lib/errors";
import { type SyncDeps, type SyncTuning, startSyncRun } from "./run";
import { getSyncRun, type SyncRunView, type SyncTrigger } from "./runs";

const { carrierAccounts } = schema;

export type SyncService = {
  /**
   * Starts a sync of one account, or of every active account, and returns at once with the run rows while
   * the runs go on in the background. An account already syncing (here or in another process) gives its
   * running run, never a second one. Throws DomainError NOT_FOUND for an unknown account, CONFLICT for a
   * named account that is paused or switched off; with no account named, those are skipped.
   */
  runNow(input: { accountId?: string; trigger: SyncTrigger }): Promise<SyncRunView[]>;
  /** The runs this process is executing. */
  runningRuns(): SyncRunView[];
  /** Resolves when this process has no run in flight (for one account, or any). */
  whenIdle(accountId?: string): Promise<void>;
  /** Stops starting runs, asks running ones to stop between carrier calls, and waits for them (bounded). */
  stop(): Promise<void>;
};

type InFlight = { runId: string; controller: AbortController; done: Promise<unknown> };

/** How long `stop` waits for runs to wind down before shutdown goes on without them. */
const STOP_WAIT_MS = 5_000;

/**
 * The one owner of running syncs in this process. `deps` may be a function: the service is built inside the
 * AppDeps it uses, so it reads them when a run starts.
 */
export function createSyncService(
  deps: SyncDeps | (() => SyncDeps),
  options: { tuning?: SyncTuning } = {},
): SyncService {
  const read = typeof deps === "function" ? deps : () => deps;
  const inFlight = new Map<string, InFlight>();
  let stopping = false;

  function startOrJoin(accountId: string, trigger: SyncTrigger): SyncRunView {
    const d = read();
    const running = inFlight.get(accountId);
    if (running) return getSyncRun(d.db, running.runId);
    let started: ReturnType<typeof startSyncRun>;
    const controller = new AbortController();
    try {
      started = startSyncRun(d, {
        accountId,
        trigger,
        signal: controller.signal,
        ...(options.tuning ? { tuning: options.tuning } : {}),
      });
    } catch (error) {
      const runId = isDomainError(error) ? error.details?.runId : undefined;
      // Another process holds the account's lease: its run is the running one.
      if (typeof runId === "string") return getSyncRun(d.db, runId);
      throw error;
    }
    const entry: InFlight = {
      runId: started.run.id,
      controller,
      done: started.done.finally(() => {
        if (inFlight.get(accountId) === entry) inFlight.delete(accountId);
      }),
    };
    inFlight.set(accountId, entry);
    return getSyncRun(d.db, started.run.id);
  }

  return {
    async runNow({ accountId, trigger }) {
      if (stopping) throw new DomainError("CONFLICT", "The server is shutting down.");
      if (accountId !== undefined) return [startOrJoin(accountId, trigger)];
      const accounts = read()
        .db.select({ id: carrierAccounts.id })
        .from(carrierAccounts)
        .where(eq(carrierAccounts.active, true))
        .orderBy(asc(carrierAccounts.createdAt))
        .all();
      const runs: SyncRunView[] = [];
      for (const account of accounts) {
        try {
          runs.push(startOrJoin(account.id, trigger));
        } catch (error) {
          // A paused account waits for its breaker; the others still sync.
          if (isDomainError(error) && error.code === "CONFLICT") continue;
          throw error;
        }
      }
      return runs;
    },

    runningRuns() {
      const { db } = read();
      return [...inFlight.values()].map((entry) => getSyncRun(db, entry.runId));
    },

    async whenIdle(accountId) {
      const waiting =
        accountId === undefined
          ? [...inFlight.values()]
          : [inFlight.get(accountId)].filter((e) => e !== undefined);
      await Promise.all(waiting.map((entry) => entry.done));
    },

    async stop() {
      stopping = true;
      const entries = [...inFlight.values()];
      for (const entry of entries) entry.controller.abort();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(entries.map((entry) => entry.done)),
        new Promise<void>((resolve) => {
          timer = setTimeout(resolve, STOP_WAIT_MS);
          timer.unref();
        }),
      ]);
      clearTimeout(timer);
    },
  };
}
