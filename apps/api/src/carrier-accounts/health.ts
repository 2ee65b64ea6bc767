import { isCarrierError } from "@waybill/carriers";
import { type Db, schema } from "@waybill/db";
import { eq, sql } from "drizzle-orm";
import { preparedQuery, setPlaceholder } from "../lib/prepared";
import type { CarrierAccountRow } from "./adapters";

const { carrierAccounts } = schema;

/** Consecutive failed calls that open the breaker. */
export const BREAKER_THRESHOLD = 5;
const BREAKER_BASE_MS = 60_000;
const BREAKER_MAX_MS = 30 * 60_000;

export type BreakerState = "closed" | "open" | "half_open" | "disabled";

/**
 * closed: calls flow. open: paused until `disabledUntil`. half_open: the pause is over and the next call
 * decides. disabled: switched off (by an admin, or after the carrier refused the credentials).
 */
export function breakerStateOf(account: CarrierAccountRow, now: Date): BreakerState {
  if (!account.active) return "disabled";
  if (account.disabledUntil === null) return "closed";
  return account.disabledUntil > now ? "open" : "half_open";
}

export function isAccountCallable(account: CarrierAccountRow, now: Date): boolean {
  const state = breakerStateOf(account, now);
  return state === "closed" || state === "half_open";
}

/** A call went through: the account is healthy again. Leaves `updatedAt` alone (it versions the adapter). */
export function recordCarrierSuccess(db: Db, accountId: string, now: Date): void {
  carrierSuccessStatement(db).run({ accountId, nowMs: now.getTime() });
}

// Prepared once: every carrier call of a sync pass records its success.
const carrierSuccessStatement = preparedQuery((db) =>
  db
    .update(carrierAccounts)
    .set({
      lastUsedAt: setPlaceholder("nowMs"),
      consecutiveFailures: 0,
      disabledUntil: null,
      disabledReason: null,
    })
    .where(eq(carrierAccounts.id, sql.placeholder("accountId")))
    .prepare(),
);

export type FailureOutcome = {
  breaker: "unchanged" | "opened" | "disabled";
  reopenAt: Date | null;
};

/**
 * A call failed for the account as a whole (auth, network, 5xx, 429), not for one shipment. The carrier's
 * refusal of the credentials switches the account off with the reason; other failures count towards
 * the breaker, whose pause doubles with each further failure up to 30 minutes.
 */
export function recordCarrierFailure(
  db: Db,
  accountId: string,
  error: unknown,
  now: Date,
): FailureOutcome {
  const message = describeFailure(error);
  const code = isCarrierError(error) ? error.code : "UNAVAILABLE";
  return db.transaction((tx) => {
    const row = tx
      .update(carrierAccounts)
      .set({
        lastUsedAt: now,
        errorCount: sql`${carrierAccounts.errorCount} + 1`,
        consecutiveFailures: sql`${carrierAccounts.consecutiveFailures} + 1`,
        lastError: message,
        lastErrorAt: now,
      })
      .where(eq(carrierAccounts.id, accountId))
      .returning({ failures: carrierAccounts.consecutiveFailures })
      .get();
    if (!row) return { breaker: "unchanged", reopenAt: null };

    if (code === "AUTH_FAILED") {
      tx.update(carrierAccounts)
        .set({
          active: false,
          disabledReason: `The carrier refused the credentials: ${message}. Fix them and enable the account again.`,
        })
        .where(eq(carrierAccounts.id, accountId))
        .run();
      return { breaker: "disabled", reopenAt: null };
    }
    if (row.failures < BREAKER_THRESHOLD) return { breaker: "unchanged", reopenAt: null };

    const pauseMs = Math.min(
      BREAKER_MAX_MS,
      BREAKER_BASE_MS * 2 ** (row.failures - BREAKER_THRESHOLD),
    );
    const retryAfterMs = isCarrierError(error) ? (error.retryAfterMs ?? 0) : 0;
    const reopenAt = new Date(now.getTime() + Math.max(pauseMs, retryAfterMs));
    tx.update(carrierAccounts)
      .set({
        disabledUntil: reopenAt,
        disabledReason: `Paused after ${row.failures} failed calls in a row (last: ${message}).`,
      })
      .where(eq(carrierAccounts.id, accountId))
      .run();
    return { breaker: "opened", reopenAt };
  });
}

/** Only the carrier's words and our error code: never a header, a token or a request body. */
export function describeFailure(error: unknown): string {
  if (isCarrierError(error)) return `${error.code}: ${error.message}`.slice(0, 500);
  return (error instanceof Error ? error.message : String(error)).slice(0, 500);
}

/** Whether an error says something about the account (counts for health) rather than about one shipment. */
export function isAccountFailure(error: unknown): boolean {
  if (!isCarrierError(error)) return true;
  return error.code !== "NOT_FOUND" && error.code !== "REJECTED";
}
