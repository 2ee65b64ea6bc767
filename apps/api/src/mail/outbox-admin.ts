import { type Db, schema } from "@waybill/db";
import { and, desc, eq } from "drizzle-orm";
import { afterCursor, encodeCursor } from "../lib/cursor";
import { DomainError } from "../lib/errors";

const { outbox } = schema;

export type OutboxState = (typeof schema.OUTBOX_STATES)[number];

const summaryColumns = {
  id: outbox.id,
  orderId: outbox.orderId,
  to: outbox.to,
  subject: outbox.subject,
  state: outbox.state,
  attempts: outbox.attempts,
  nextAttemptAt: outbox.nextAttemptAt,
  sentAt: outbox.sentAt,
  lastError: outbox.lastError,
  createdAt: outbox.createdAt,
};

/** The admin's outbox view, newest first. */
export function listOutbox(
  db: Db,
  options: {
    state?: OutboxState;
    cursor?: string | null;
    limit: number;
  },
) {
  const rows = outboxPageQuery(db, options).all();
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

/** One page and the first row of the next, newest first (its plan is tested: read from an index, no sort). */
export function outboxPageQuery(
  db: Db,
  options: { state?: OutboxState; cursor?: string | null; limit: number },
) {
  const conditions = [];
  if (options.state) conditions.push(eq(outbox.state, options.state));
  const page = afterCursor(options.cursor, { time: outbox.createdAt, id: outbox.id });
  if (page) conditions.push(page);
  return db
    .select(summaryColumns)
    .from(outbox)
    .where(and(...conditions))
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(options.limit + 1);
}

/** One e-mail with its bodies: the admin app's preview (works with or without SMTP). */
export function getOutboxMail(db: Db, id: string) {
  const row = db
    .select({ ...summaryColumns, text: outbox.textBody, html: outbox.htmlBody })
    .from(outbox)
    .where(eq(outbox.id, id))
    .get();
  if (!row) throw new DomainError("NOT_FOUND", "E-mail not found.");
  return row;
}

/** Puts a failed e-mail back in line with a fresh set of attempts. */
export function retryOutboxMail(db: Db, id: string, now: Date) {
  const updated = db
    .update(outbox)
    .set({ state: "pending", attempts: 0, nextAttemptAt: now })
    .where(and(eq(outbox.id, id), eq(outbox.state, "failed")))
    .run().changes;
  if (updated === 0) {
    const exists = db.select({ state: outbox.state }).from(outbox).where(eq(outbox.id, id)).get();
    if (!exists) throw new DomainError("NOT_FOUND", "E-mail not found.");
    throw new DomainError(
      "CONFLICT",
      `Only failed e-mails can be retried; this one is ${exists.state}.`,
    );
  }
  return getOutboxMail(db, id);
}
