import { type Db, schema, type Tx } from "@waybill/db";
import { sql } from "drizzle-orm";
import { preparedQuery } from "../lib/prepared";

const { events } = schema;
const p = sql.placeholder;

const insertOrderEvent = preparedQuery((db) =>
  db
    .insert(events)
    .values({
      topic: "order",
      orderId: p("orderId"),
      userId: p("userId"),
      payload: p("payload"),
      createdAt: p("createdAt"),
    })
    .prepare(),
);

/**
 * Appends a visible change of an order to the `events` log (topic "order"), in the caller's transaction:
 * the order's owner and admins see it live and resume from its id. Returns that id.
 */
export function appendOrderEvent(
  db: Db | Tx,
  input: { orderId: string; userId: string; payload: Record<string, unknown>; now: Date },
): number {
  // The new row's id from the insert itself: a RETURNING clause costs SQLite a result set per row.
  const { lastInsertRowid } = insertOrderEvent(db).run({
    orderId: input.orderId,
    userId: input.userId,
    payload: JSON.stringify(input.payload),
    createdAt: input.now,
  });
  return Number(lastInsertRowid);
}
