import { type Db, schema } from "@waybill/db";
import { and, asc, eq, gt, inArray, type SQL, sql } from "drizzle-orm";
import { preparedQuery } from "../lib/prepared";
import type { LiveScope } from "./registry";
import type { LiveEvent } from "./subscription";

const { events, orders } = schema;

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
  return eventsAfterQuery(db, options).all();
}

/** The query `readEventsAfter` runs (its plan is tested). */
export function eventsAfterQuery(
  db: Db,
  options: { afterId: number; limit: number; scope?: LiveScope },
) {
  const { scope } = options;
  const conditions = [gt(events.id, options.afterId), ...(scope ? scopeConditions(db, scope) : [])];
  return db
    .select()
    .from(events)
    .where(and(...conditions))
    .orderBy(asc(events.id))
    .limit(options.limit);
}

/**
 * The terms of a scope, written so that SQLite seeks by the narrowest index: `+topic` keeps the topic alone
 * from choosing `events_topic_idx`, which would walk every row of the topic after the id (all of them, for a
 * client resuming from an old id). A user's order events are found through the user's orders (an order
 * never changes owner), so the order event a scan writes needs no index by user; notifications have one,
 * partial, which SQLite only uses for the literal topic.
 */
function scopeConditions(db: Db, scope: LiveScope): SQL[] {
  const topicOnly = sql`+${events.topic} = ${scope.topic}`;
  if ("orderId" in scope) return [eq(events.orderId, scope.orderId), topicOnly];
  if (!("userId" in scope)) return [eq(events.topic, scope.topic)];
  if (scope.topic === "notification") {
    return [eq(events.userId, scope.userId), sql`${events.topic} = 'notification'`];
  }
  const ordersOfUser = db
    .select({ id: orders.id })
    .from(orders)
    .where(eq(orders.userId, scope.userId));
  return [inArray(events.orderId, ordersOfUser), eq(events.userId, scope.userId), topicOnly];
}

/**
 * The tailer's query, prepared once per database: it runs on every wake (up to thousands a second), and
 * building and preparing it each time would cost more than running it.
 */
const tailStatement = preparedQuery((db) =>
  db
    .select()
    .from(events)
    .where(gt(events.id, sql.placeholder("afterId")))
    .orderBy(asc(events.id))
    .limit(sql.placeholder("limit"))
    .prepare(),
);

/** Every row after an id, in id order: what the tailer fans out. */
export function tailEventsAfter(db: Db, afterId: number, limit: number): EventRow[] {
  return tailStatement(db).all({ afterId, limit });
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
