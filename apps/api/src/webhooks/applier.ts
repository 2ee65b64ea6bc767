import type { CarrierUpdate } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { and, asc, eq, gt, lte, sql } from "drizzle-orm";
import { recordVerdict, storedHeadersOf, withWebhookSecret } from "./deliveries";
import {
  applyDeliveryUpdates,
  authenticateAndParse,
  type DeliveryVerdict,
  describeError,
  findAccount,
  isDatabaseFailure,
  type WebhookDeps,
} from "./ingest";

const { webhookDeliveries } = schema;

/** A stored, authenticated delivery whose updates wait to be applied. */
export type QueuedDelivery = { deliveryId: string; accountId: string; updates: CarrierUpdate[] };

/**
 * Applies webhook deliveries behind their reply, many per transaction: a burst then pays for one commit
 * per batch instead of per delivery, while each carrier still hears back as soon as its delivery is stored.
 */
export type WebhookApplier = {
  /** Deliveries already committed with verdict "received". */
  enqueue(deliveries: readonly QueuedDelivery[]): void;
  /**
   * Re-queues deliveries an earlier process stored but never applied (it died between the reply and the
   * apply): every row still "received" when this process started.
   */
  recover(): void;
  /** Resolves once nothing is queued or being recovered, or once stopped. */
  idle(): Promise<void>;
  /** Deliveries waiting. */
  backlog(): number;
  /** Stops applying; what is still queued stays "received" in the log and is recovered on the next start. */
  stop(): void;
};

/**
 * Deliveries per transaction. A batch holds the event loop while it runs (about 0.2 ms a delivery), so it
 * is sized to keep the replies of the requests waiting behind it well under 50 ms.
 */
export const APPLY_DELIVERIES_MAX = 100;
/** How long a delivery may wait for others to share its transaction: small beside a carrier's own delays. */
const GATHER_MS = 10;
/** After a database failure the batch is retried this much later, not in a tight loop. */
const RETRY_AFTER_FAILURE_MS = 1_000;

export function createWebhookApplier(getDeps: () => WebhookDeps): WebhookApplier {
  let queue: QueuedDelivery[] = [];
  /** Rows of earlier processes still to recover: rowids in (after, upTo]. */
  let recovery: { after: number; upTo: number } | null = null;
  let scheduled: NodeJS.Immediate | NodeJS.Timeout | null = null;
  let stopped = false;
  let idleWaiters: Array<() => void> = [];

  const busy = () => queue.length > 0 || recovery !== null;
  const schedule = () => {
    if (scheduled || stopped) return;
    // A short wait lets a burst gather into one transaction; a full batch goes at once.
    scheduled =
      queue.length >= APPLY_DELIVERIES_MAX || recovery !== null
        ? setImmediate(drain)
        : setTimeout(drain, GATHER_MS);
  };
  const settleIdle = () => {
    if (busy() && !stopped) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  function drain() {
    scheduled = null;
    if (stopped) return;
    const deps = getDeps();
    const batch = recovery ? recoverPage(deps) : queue.splice(0, APPLY_DELIVERIES_MAX);
    try {
      applyQueuedDeliveries(deps, batch);
    } catch (error) {
      deps.logger.error("webhook deliveries could not be applied; retrying", {
        deliveries: batch.length,
        error: describeError(error),
      });
      queue = [...batch, ...queue];
      scheduled = setTimeout(drain, RETRY_AFTER_FAILURE_MS);
      return;
    }
    if (busy()) schedule();
    else settleIdle();
  }

  /** The next page of rows left "received" by an earlier process, parsed again from their stored bodies. */
  function recoverPage(deps: WebhookDeps): QueuedDelivery[] {
    const range = recovery as { after: number; upTo: number };
    const rows = deps.db
      .select({ rowid: sql<number>`rowid`, delivery: webhookDeliveries })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.verdict, "received"),
          gt(sql`rowid`, range.after),
          lte(sql`rowid`, range.upTo),
        ),
      )
      .orderBy(asc(sql`rowid`))
      .limit(APPLY_DELIVERIES_MAX)
      .all();
    const last = rows.at(-1);
    recovery = last ? { after: last.rowid, upTo: range.upTo } : null;
    return rows.flatMap(({ delivery }) => reparse(deps, delivery));
  }

  return {
    enqueue(deliveries) {
      if (deliveries.length === 0 || stopped) return;
      queue.push(...deliveries);
      schedule();
    },
    recover() {
      const deps = getDeps();
      const row = deps.db.$client
        .prepare("select max(rowid) as upTo from webhook_deliveries")
        .get() as { upTo: number | null };
      if (row.upTo === null) return;
      recovery = { after: 0, upTo: row.upTo };
      schedule();
    },
    idle() {
      // Once stopped nothing more is applied: what is queued waits for the next process.
      if (stopped || (!busy() && !scheduled)) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    backlog: () => queue.length,
    stop() {
      stopped = true;
      if (scheduled) {
        clearImmediate(scheduled as NodeJS.Immediate);
        clearTimeout(scheduled as NodeJS.Timeout);
        scheduled = null;
      }
      settleIdle();
    },
  };
}

/**
 * A recovered row goes through the same checks as at its receipt (the account may have been disabled
 * since): it is queued again, or its verdict is recorded now.
 */
function reparse(
  deps: WebhookDeps,
  delivery: typeof webhookDeliveries.$inferSelect,
): QueuedDelivery[] {
  const account = delivery.accountId ? findAccount(deps.db, delivery.accountId) : undefined;
  const processedAt = deps.now();
  if (!account) {
    recordVerdict(deps.db, {
      id: delivery.id,
      verdict: "failed",
      error: "The delivery's carrier account is gone.",
      processedAt,
    });
    return [];
  }
  const parsed = authenticateAndParse(deps, {
    account,
    // The stored copy has the secret masked; the path token proved it at receipt.
    headers: withWebhookSecret(storedHeadersOf(delivery), deps.adapters.webhookSecretOf(account)),
    rawBody: delivery.body,
    receivedAt: delivery.receivedAt,
  });
  if ("verdict" in parsed) {
    const { verdict, error } = parsed.verdict;
    recordVerdict(deps.db, { id: delivery.id, verdict, error, processedAt });
    return [];
  }
  return [{ deliveryId: delivery.id, accountId: account.id, updates: parsed.updates }];
}

/**
 * Matches and applies a batch of deliveries in one transaction and records each one's verdict. If
 * anything but the database fails, the deliveries are applied one by one instead, so that the one at fault
 * is stored as "failed" (an admin can replay it) and the others still land. A database failure is thrown:
 * the batch stays "received" and the caller retries.
 */
export function applyQueuedDeliveries(deps: WebhookDeps, batch: readonly QueuedDelivery[]): void {
  if (batch.length === 0) return;
  let changed: boolean;
  try {
    changed = deps.db.transaction(() => applyInTransaction(deps, batch));
  } catch (error) {
    if (isDatabaseFailure(deps.db, error)) throw error;
    if (batch.length > 1) {
      for (const delivery of batch) applyQueuedDeliveries(deps, [delivery]);
      return;
    }
    const [delivery] = batch as [QueuedDelivery];
    deps.logger.error("webhook delivery could not be applied", {
      deliveryId: delivery.deliveryId,
      error: describeError(error),
    });
    recordVerdict(deps.db, {
      id: delivery.deliveryId,
      verdict: "failed",
      error: describeError(error),
      processedAt: deps.now(),
    });
    return;
  }
  if (changed) deps.bus.wake();
}

function applyInTransaction(deps: WebhookDeps, batch: readonly QueuedDelivery[]): boolean {
  const { verdicts, changed } = applyDeliveryUpdates(deps, batch);
  const processedAt = deps.now();
  batch.forEach((delivery, index) => {
    const { verdict, error } = verdicts[index] as DeliveryVerdict;
    recordVerdict(deps.db, { id: delivery.deliveryId, verdict, error, processedAt });
  });
  return changed;
}
