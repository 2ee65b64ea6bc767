import { type Db, schema } from "@waybill/db";
import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Logger } from "../lib/logger";
import { describeMailError, isPermanentMailError, type MailTransport } from "../mail/transport";

const { outbox } = schema;

/** Attempts before an e-mail is kept as failed (visible to admins, who can retry it). */
export const MAX_EMAIL_ATTEMPTS = 8;
/**
 * How long a claimed row is reserved for the dispatcher that claimed it. A process that dies after
 * claiming leaves the row due again once this passes, so nothing stays stuck.
 */
export const CLAIM_LEASE_MS = 10 * 60_000;
export const EMAIL_BATCH_SIZE = 20;

/** 1 min, 2, 4, … capped at 6 h: eight attempts span about two hours. */
export function emailRetryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000);
}

export type DispatchResult = { claimed: number; sent: number; retrying: number; failed: number };

/**
 * Sends due outbox e-mails once each. A row is claimed by one UPDATE … RETURNING (attempt counted, lease
 * set) before anything is sent, so two dispatchers, in one process or two, never send the same row; the
 * state lives in the table, so a restart picks up where the last run stopped.
 *
 * The one window for a duplicate: the SMTP server accepted the message and the process died before the
 * row was marked sent. The row is due again after the lease and goes out a second time, with the same
 * Message-ID. SMTP has no way to ask "did you get this?", so at-least-once is the honest guarantee.
 */
export async function dispatchOutbox(
  deps: { db: Db; logger: Logger },
  options: { transport: MailTransport; now: Date; batch?: number },
): Promise<DispatchResult> {
  const { db, logger } = deps;
  const { now, transport } = options;
  const claimed = claimDueEmails(db, now, options.batch ?? EMAIL_BATCH_SIZE);
  const result: DispatchResult = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };

  for (const row of claimed) {
    try {
      await transport.send({
        id: row.id,
        to: row.to,
        subject: row.subject,
        text: row.textBody,
        html: row.htmlBody,
      });
      db.update(outbox)
        .set({ state: "sent", sentAt: now, nextAttemptAt: null, lastError: null })
        .where(eq(outbox.id, row.id))
        .run();
      result.sent++;
    } catch (error) {
      const lastError = describeMailError(error);
      const giveUp = isPermanentMailError(error) || row.attempts >= MAX_EMAIL_ATTEMPTS;
      db.update(outbox)
        .set(
          giveUp
            ? { state: "failed", nextAttemptAt: null, lastError }
            : {
                nextAttemptAt: new Date(now.getTime() + emailRetryDelayMs(row.attempts)),
                lastError,
              },
        )
        .where(eq(outbox.id, row.id))
        .run();
      if (giveUp) result.failed++;
      else result.retrying++;
      // No recipient in the log: addresses are personal data, and the row id finds them.
      logger[giveUp ? "error" : "warn"](
        giveUp ? "e-mail failed for good" : "e-mail failed, will retry",
        {
          outboxId: row.id,
          attempts: row.attempts,
          error: lastError,
        },
      );
    }
  }
  return result;
}

/** Claims up to `limit` due rows atomically (one statement), counting the attempt and setting the lease. */
function claimDueEmails(db: Db, now: Date, limit: number) {
  const isDue = and(
    eq(outbox.state, "pending"),
    or(isNull(outbox.nextAttemptAt), lte(outbox.nextAttemptAt, now)),
  );
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(isDue)
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.createdAt))
    .limit(limit);
  return db
    .update(outbox)
    .set({
      attempts: sql`${outbox.attempts} + 1`,
      nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS),
    })
    .where(and(inArray(outbox.id, due), isDue))
    .returning()
    .all();
}

/** The scheduled job: batches until nothing is due (bounded, so one run never hogs the process). */
export async function sendDueEmails(
  deps: { db: Db; logger: Logger; now: () => Date },
  transport: MailTransport,
): Promise<DispatchResult> {
  const total: DispatchResult = { claimed: 0, sent: 0, retrying: 0, failed: 0 };
  for (let round = 0; round < 10; round++) {
    const result = await dispatchOutbox(deps, { transport, now: deps.now() });
    total.claimed += result.claimed;
    total.sent += result.sent;
    total.retrying += result.retrying;
    total.failed += result.failed;
    if (result.claimed < EMAIL_BATCH_SIZE) break;
  }
  if (total.claimed > 0) deps.logger.info("outbox dispatched", total);
  return total;
}
