import type { CarrierId } from "@waybill/carriers/statuses";
import { type Db, schema, type Tx } from "@waybill/db";
import { and, desc, eq, type SQL } from "drizzle-orm";
import { z } from "zod";
import { afterCursor, encodeCursor } from "../lib/cursor";
import { DomainError } from "../lib/errors";
import { holdsLease } from "./lease";

const { carrierAccounts, events, syncRuns } = schema;

export type SyncRunRow = typeof syncRuns.$inferSelect;
export type SyncTrigger = (typeof schema.SYNC_TRIGGERS)[number];
export type SyncRunState = (typeof schema.SYNC_RUN_STATES)[number];

/** One entry of a run's error list. Without `shipmentId` it is about the run or the account. */
export type SyncRunError = { shipmentId?: string; code: string; message: string };

const syncRunErrorsSchema = z.array(
  z.object({ shipmentId: z.string().optional(), code: z.string(), message: z.string() }),
);

export type SyncRunView = Omit<SyncRunRow, "errors"> & {
  accountName: string | null;
  carrier: CarrierId | null;
  errors: SyncRunError[];
};
export type SyncRunListItem = Omit<SyncRunView, "errors"> & { errorCount: number };

/** The lease that keeps two runs for one account apart, across processes too. */
export function syncLeaseName(accountId: string): string {
  return `sync:${accountId}`;
}

export function parseRunErrors(json: string): SyncRunError[] {
  try {
    const parsed = syncRunErrorsSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Appends the resumable progress event (topic "sync") the admin's live view reads. */
export function appendSyncProgress(tx: Db | Tx, run: SyncRunRow, now: Date): number {
  const event = tx
    .insert(events)
    .values({
      topic: "sync",
      orderId: null,
      userId: null,
      payload: JSON.stringify({
        type: "sync.progress",
        runId: run.id,
        accountId: run.accountId,
        state: run.state,
        due: run.due,
        checked: run.checked,
        changed: run.changed,
        failed: run.failed,
      }),
      createdAt: now,
    })
    .returning({ id: events.id })
    .get();
  return event.id;
}

export function findRunningRun(db: Db | Tx, accountId: string): SyncRunRow | undefined {
  return db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.accountId, accountId), eq(syncRuns.state, "running")))
    .orderBy(desc(syncRuns.startedAt))
    .get();
}

/**
 * Runs still `running` whose process no longer holds their lease (it died, or was stopped without finishing)
 * become `interrupted`. A run another live process holds is left alone. Their shipments are still due, so the
 * next run picks them up: nothing is lost. Returns the runs it marked.
 */
export function markInterruptedRuns(db: Db, now: Date): SyncRunRow[] {
  const marked = db.transaction((tx) => {
    const running = tx.select().from(syncRuns).where(eq(syncRuns.state, "running")).all();
    const dead = running.filter(
      (run) =>
        run.accountId === null ||
        !holdsLease(tx, { name: syncLeaseName(run.accountId), holder: run.id, now }),
    );
    return dead.map((run) => {
      const errors: SyncRunError[] = [
        {
          code: "INTERRUPTED",
          message: "The process running this sync stopped before it finished.",
        },
        ...parseRunErrors(run.errors),
      ];
      const updated = tx
        .update(syncRuns)
        .set({ state: "interrupted", finishedAt: now, errors: JSON.stringify(errors) })
        .where(eq(syncRuns.id, run.id))
        .returning()
        .get() as SyncRunRow;
      appendSyncProgress(tx, updated, now);
      return updated;
    });
  });
  return marked;
}

const runColumns = {
  run: syncRuns,
  accountName: carrierAccounts.name,
  carrier: carrierAccounts.carrier,
};

function toView(row: {
  run: SyncRunRow;
  accountName: string | null;
  carrier: CarrierId | null;
}): SyncRunView {
  return {
    ...row.run,
    accountName: row.accountName,
    carrier: row.carrier,
    errors: parseRunErrors(row.run.errors),
  };
}

export function getSyncRun(db: Db, id: string): SyncRunView {
  const row = db
    .select(runColumns)
    .from(syncRuns)
    .leftJoin(carrierAccounts, eq(carrierAccounts.id, syncRuns.accountId))
    .where(eq(syncRuns.id, id))
    .get();
  if (!row) throw new DomainError("NOT_FOUND", "No such sync run.");
  return toView(row);
}

export const syncRunsInputSchema = z.object({
  accountId: z.string().min(1).optional(),
  state: z.enum(schema.SYNC_RUN_STATES).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().min(1).optional(),
  limit: z.number().int().min(1).max(100).default(25),
});
export type SyncRunsInput = z.input<typeof syncRunsInputSchema>;

/** Newest first, keyset-paginated on (startedAt, id) so pages stay stable while runs are added. */
export function listSyncRuns(
  db: Db,
  input: SyncRunsInput,
): { items: SyncRunListItem[]; nextCursor: string | null } {
  const { accountId, state, cursor, limit } = syncRunsInputSchema.parse(input);
  const conditions: SQL[] = [];
  if (accountId) conditions.push(eq(syncRuns.accountId, accountId));
  if (state) conditions.push(eq(syncRuns.state, state));
  const pageStart = afterCursor(cursor, { time: syncRuns.startedAt, id: syncRuns.id });
  if (pageStart) conditions.push(pageStart);
  const rows = db
    .select(runColumns)
    .from(syncRuns)
    .leftJoin(carrierAccounts, eq(carrierAccounts.id, syncRuns.accountId))
    .where(and(...conditions))
    .orderBy(desc(syncRuns.startedAt), desc(syncRuns.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const { errors, ...rest } = toView(row);
      return { ...rest, errorCount: errors.length };
    }),
    nextCursor: rows.length > limit && last ? encodeCursor(last.run.startedAt, last.run.id) : null,
  };
}
