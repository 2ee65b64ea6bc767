import { type Db, schema } from "@waybill/db";
import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { LiveScope } from "./registry";
import type { LiveEvent } from "./subscription";

const { events } = schema;

export type EventRow = typeof events.$inferSelect;

export function latestEventId(db: Db, topic?: string): number {
  return (
    db
      .select({ id: sql<number | null>`max(${events.id})` })
      .from(events)
      .where(topic === undefined ? undefined : eq(events.topic, topic))
      .get()?.id ?? 0
  );
}

/** Rows after an id in id (= commit) order, optionally within one scope; each scope has its index. */
export function readEventsAfter(
  db: Db,
  options: { afterId: number; limit: number; scope?: LiveScope },
): EventRow[] {
  const { scope } = options;
  const conditions = [gt(events.id, options.afterId)];
  if (scope) {
    conditions.push(eq(events.topic, scope.topic));
    if ("orderId" in scope) conditions.push(eq(events.orderId, scope.orderId));
    if ("userId" in scope) conditions.push(eq(events.userId, scope.userId));
  }
  return db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.id))
    .limit(options.limit)
    .all();
}

/**
 * The tailer's query, prepared once per database: it runs on every wake (up to thousands a second), and
 * building and preparing it each time would cost more than running it.
 */
const tailStatements = new WeakMap<Db, ReturnType<typeof prepareTail>>();

function prepareTail(db: Db) {
  return db
    .select()
    .from(events)
    .where(gt(events.id, sql.placeholder("afterId")))
    .orderBy(asc(events.id))
    .limit(sql.placeholder("limit"))
    .prepare();
}

/** Every row after an id, in id order: what the tailer fans out. */
export function tailEventsAfter(db: Db, afterId: number, limit: number): EventRow[] {
  let statement = tailStatements.get(db);
  if (!statement) {
    statement = prepareTail(db);
    tailStatements.set(db, statement);
  }
  return statement.all({ afterId, limit });
}

export function toLiveEvent(row: EventRow): LiveEvent {
  return {
    id: row.id,
    topic: row.topic,
    orderId: row.orderId,
    userId: row.userId,
    createdAt: row.createdAt,
    payload: parsePayload(row.payload),
  };
}

function parsePayload(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { value };
  } catch {
    // Written by us, so never expected; a bad row must not stop the stream for everyone.
    return { type: "unreadable" };
  }
}
