import { createId, schema } from "@waybill/db";
import { and, count, eq, lte } from "drizzle-orm";
import { getCarrierAccount } from "../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import { breakerStateOf } from "../carrier-accounts/health";
import type { AppDeps } from "../deps";
import { DomainError } from "../lib/errors";
import { notifyAdmins } from "../notifications/notify";
import { type CheckDeps, type CheckOutcome, checkShipments } from "./check-shipments";
import { type DueShipment, type PageCursor, selectDuePage } from "./due-page";
import { acquireLease, releaseLease, renewLease } from "./lease";
import {
  appendSyncProgress,
  findRunningRun,
  type SyncRunError,
  type SyncRunRow,
  type SyncRunState,
  type SyncTrigger,
  syncLeaseName,
} from "./runs";

const { shipments, syncRuns } = schema;

/** Shipments read per page: bounded memory and a progress event per page, whatever the backlog. */
export const SYNC_PAGE_SIZE = 500;
/** Refs per `track` call (the adapters split further by each carrier's own batch limit, 50 at most). */
export const TRACK_CHUNK_SIZE = 50;
/** `track` calls in flight per run; each account's token bucket still caps the request rate. */
export const TRACK_CONCURRENCY = 4;
/** A run renews its lease every third of this; a process that dies frees it within this. */
export const SYNC_LEASE_TTL_MS = 60_000;
/** Error entries kept per run; the rest are counted in one closing entry. */
export const MAX_RUN_ERRORS = 50;

export type SyncDeps = CheckDeps & Pick<AppDeps, "adapters">;

export type SyncTuning = {
  pageSize?: number;
  trackChunkSize?: number;
  trackConcurrency?: number;
  leaseTtlMs?: number;
};

export type SyncAccountInput = {
  accountId: string;
  trigger: SyncTrigger;
  /** Called with the run row at the start, after every page, and at the end. */
  onProgress?: (run: SyncRunRow) => void;
  /** Aborting stops the run between carrier calls; it ends `interrupted` and its shipments stay due. */
  signal?: AbortSignal;
  tuning?: SyncTuning;
};

export type StartedSync = {
  /** The run row as inserted (state `running`). */
  run: SyncRunRow;
  /** Settles with the finished row; never rejects. */
  done: Promise<SyncRunRow>;
};

/**
 * Refuses to start when the account cannot be called: switched off, or its breaker is open. Such a run is
 * not recorded (a paused account would otherwise fill the history with empty runs every few minutes); the
 * account's health already says why, and the error carries it for an admin who pressed "run now".
 */
export function assertSyncable(account: CarrierAccountRow, now: Date): void {
  const breaker = breakerStateOf(account, now);
  if (breaker === "disabled") {
    throw new DomainError(
      "CONFLICT",
      account.disabledReason ?? "This carrier account is switched off.",
      { accountId: account.id, breaker },
    );
  }
  if (breaker === "open") {
    throw new DomainError(
      "CONFLICT",
      `This carrier account is paused after repeated failures until ${account.disabledUntil?.toISOString()}.`,
      { accountId: account.id, breaker, pausedUntil: account.disabledUntil?.toISOString() ?? null },
    );
  }
}

/**
 * Starts a sync run of one account: takes the account's lease (so runs never overlap, across processes too),
 * records the run and its first progress event, and goes on in the background. Throws DomainError NOT_FOUND
 * for an unknown account, CONFLICT when it is paused or switched off, or already syncing (`details.runId`).
 */
export function startSyncRun(deps: SyncDeps, input: SyncAccountInput): StartedSync {
  const now = deps.now();
  const account = getCarrierAccount(deps.db, input.accountId);
  assertSyncable(account, now);
  const runId = createId();
  const ttlMs = input.tuning?.leaseTtlMs ?? SYNC_LEASE_TTL_MS;

  const run = deps.db.transaction((tx) => {
    if (!acquireLease(tx, { name: syncLeaseName(account.id), holder: runId, ttlMs, now })) {
      throw new DomainError("CONFLICT", "A sync of this account is already running.", {
        accountId: account.id,
        runId: findRunningRun(tx, account.id)?.id ?? null,
      });
    }
    const due =
      tx
        .select({ n: count() })
        .from(shipments)
        .where(and(eq(shipments.accountId, account.id), lte(shipments.nextCheckAt, now)))
        .get()?.n ?? 0;
    const inserted = tx
      .insert(syncRuns)
      .values({
        id: runId,
        kind: "poll",
        accountId: account.id,
        trigger: input.trigger,
        state: "running",
        startedAt: now,
        due,
      })
      .returning()
      .get();
    appendSyncProgress(tx, inserted, now);
    return inserted;
  });
  deps.bus.wake();
  input.onProgress?.(run);
  return { run, done: executeRun(deps, account, run, input) };
}

/** Runs one account's sync to the end and returns the finished `sync_runs` row. */
export async function syncAccount(deps: SyncDeps, input: SyncAccountInput): Promise<SyncRunRow> {
  return startSyncRun(deps, input).done;
}

type Stop = {
  state: Exclude<SyncRunState, "running" | "succeeded">;
  code: string;
  message: string;
};

async function executeRun(
  deps: SyncDeps,
  account: CarrierAccountRow,
  run: SyncRunRow,
  input: SyncAccountInput,
): Promise<SyncRunRow> {
  const tuning = input.tuning ?? {};
  const pageSize = tuning.pageSize ?? SYNC_PAGE_SIZE;
  const lease = {
    name: syncLeaseName(account.id),
    holder: run.id,
    ttlMs: tuning.leaseTtlMs ?? SYNC_LEASE_TTL_MS,
  };
  const tally = createTally(run);
  let stop: Stop | null = null;

  const renewer = setInterval(() => {
    try {
      if (!renewLease(deps.db, { ...lease, now: deps.now() }) && stop === null) {
        stop = {
          state: "failed",
          code: "LEASE_LOST",
          message: "Another process took this account's sync over; this run stopped.",
        };
      }
    } catch (error) {
      deps.logger.warn("sync lease renewal failed", { runId: run.id, error: String(error) });
    }
  }, lease.ttlMs / 3);
  renewer.unref();
  const shouldContinue = () => stop === null && !input.signal?.aborted;

  try {
    let after: PageCursor | null = null;
    while (shouldContinue()) {
      const current = getCarrierAccount(deps.db, account.id);
      const blocked = blockedStop(current, deps.now());
      if (blocked) {
        stop = blocked;
        break;
      }
      const page = selectDuePage(deps.db, {
        accountId: account.id,
        dueBy: run.startedAt,
        after,
        limit: pageSize,
      });
      if (page.length === 0) break;
      const last = page.at(-1) as DueShipment;
      after = { nextCheckAt: last.nextCheckAt, id: last.id };

      const outcome = await checkShipments(deps, {
        account: current,
        adapter: deps.adapters.forAccount(current),
        shipments: page,
        source: "poll",
        chunkSize: tuning.trackChunkSize ?? TRACK_CHUNK_SIZE,
        concurrency: tuning.trackConcurrency ?? TRACK_CONCURRENCY,
        shouldContinue,
      });
      tally.add(outcome);
      if (outcome.stopped && stop === null) stop = breakerStop(outcome);
      saveProgress(deps, run.id, tally, input);
    }
    if (stop === null && input.signal?.aborted) {
      stop = {
        state: "interrupted",
        code: "STOPPED",
        message: "The server stopped before this sync finished; the remaining shipments stay due.",
      };
    }
  } catch (error) {
    deps.logger.error("sync run failed", {
      runId: run.id,
      accountId: account.id,
      error: String(error),
    });
    stop = {
      state: "failed",
      code: "INTERNAL",
      message: `The sync stopped on an unexpected error: ${error instanceof Error ? error.message : String(error)}`,
    };
  } finally {
    clearInterval(renewer);
  }
  return finishRun(deps, { run, account, tally, stop: stop as Stop | null, lease, input });
}

function blockedStop(account: CarrierAccountRow, now: Date): Stop | null {
  const breaker = breakerStateOf(account, now);
  if (breaker === "disabled") {
    return {
      state: "failed",
      code: "ACCOUNT_DISABLED",
      message: account.disabledReason ?? "The carrier account was switched off during the sync.",
    };
  }
  if (breaker === "open") {
    return {
      state: "failed",
      code: "BREAKER_OPEN",
      message: `The carrier account is paused until ${account.disabledUntil?.toISOString()}.`,
    };
  }
  return null;
}

function breakerStop(outcome: CheckOutcome): Stop {
  const last = outcome.accountFailures.at(-1);
  if (last?.outcome.breaker === "disabled") {
    return {
      state: "failed",
      code: "ACCOUNT_DISABLED",
      message: `The carrier refused the credentials and the account was switched off (${last.message}).`,
    };
  }
  return {
    state: "failed",
    code: "BREAKER_OPEN",
    message: `The carrier kept failing (${last?.message ?? "unknown error"}); the account is paused until ${last?.outcome.reopenAt?.toISOString() ?? "later"}. Its shipments stay due.`,
  };
}

type Tally = ReturnType<typeof createTally>;

function createTally(run: SyncRunRow) {
  const changedShipments = new Set<string>();
  const errors: SyncRunError[] = [];
  let overflow = 0;
  const counts = { due: run.due, checked: 0, failed: 0 };
  const note = (entry: SyncRunError) => {
    if (
      entry.shipmentId === undefined &&
      errors.some(
        (e) => e.shipmentId === undefined && e.code === entry.code && e.message === entry.message,
      )
    )
      return;
    if (errors.length < MAX_RUN_ERRORS) errors.push(entry);
    else overflow++;
  };
  return {
    counts,
    get changed() {
      return changedShipments.size;
    },
    add(outcome: CheckOutcome) {
      counts.checked += outcome.checked.length;
      counts.failed += outcome.failures.length + outcome.deferred.length;
      for (const change of outcome.changes) changedShipments.add(change.shipmentId);
      for (const failure of outcome.accountFailures)
        note({ code: failure.code, message: failure.message });
      for (const failure of outcome.failures) note(failure);
      for (const shipmentId of outcome.expired)
        note({
          shipmentId,
          code: "EXPIRED",
          message: "No carrier scan for 30 days: automatic checks stopped for this shipment.",
        });
    },
    errorsJson(stop: Stop | null): string {
      const list: SyncRunError[] = stop
        ? [{ code: stop.code, message: stop.message }, ...errors]
        : [...errors];
      if (overflow > 0) list.push({ code: "MORE_ERRORS", message: `${overflow} more not listed.` });
      return JSON.stringify(list);
    },
  };
}

function saveProgress(deps: SyncDeps, runId: string, tally: Tally, input: SyncAccountInput): void {
  const now = deps.now();
  const run = deps.db.transaction((tx) => {
    const updated = tx
      .update(syncRuns)
      .set({ ...tally.counts, changed: tally.changed, errors: tally.errorsJson(null) })
      .where(eq(syncRuns.id, runId))
      .returning()
      .get() as SyncRunRow;
    appendSyncProgress(tx, updated, now);
    return updated;
  });
  deps.bus.wake();
  input.onProgress?.(run);
}

function finishRun(
  deps: SyncDeps,
  options: {
    run: SyncRunRow;
    account: CarrierAccountRow;
    tally: Tally;
    stop: Stop | null;
    lease: { name: string; holder: string };
    input: SyncAccountInput;
  },
): SyncRunRow {
  const { run, account, tally, stop, lease } = options;
  const state: SyncRunState = stop?.state ?? "succeeded";
  const values = {
    state,
    finishedAt: deps.now(),
    ...tally.counts,
    changed: tally.changed,
    errors: tally.errorsJson(stop),
  };
  let finished: SyncRunRow = { ...run, ...values };
  try {
    const now = values.finishedAt;
    finished = deps.db.transaction((tx) => {
      const updated = tx
        .update(syncRuns)
        .set(values)
        .where(eq(syncRuns.id, run.id))
        .returning()
        .get() as SyncRunRow;
      appendSyncProgress(tx, updated, now);
      if (state === "failed" && stop) {
        notifyAdmins(tx, {
          title: `Sync failed: ${account.name}`,
          body: `${stop.message} ${updated.checked} of ${updated.due} due shipments were checked; the others stay due and are checked on a later run.`,
          dedupeKey: `sync-run-failed:${run.id}`,
          now,
        });
      }
      releaseLease(tx, lease);
      return updated;
    });
    deps.bus.wake();
  } catch (error) {
    // The database may be closing under a shutdown: the run is then marked interrupted on the next start.
    deps.logger.error("could not record the end of a sync run", {
      runId: run.id,
      error: String(error),
    });
  }
  options.input.onProgress?.(finished);
  return finished;
}
