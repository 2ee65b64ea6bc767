import { createId, type Db, schema, type Tx } from "@waybill/db";
import { eq, sql } from "drizzle-orm";
import { preparedQuery } from "../lib/prepared";

const { events, notifications, users } = schema;

export type NotificationCategory = (typeof schema.NOTIFICATION_CATEGORIES)[number];

export type NewNotification = {
  userId: string;
  orderId: string | null;
  category: NotificationCategory;
  title: string;
  body: string;
  /** The same key never creates a second notification (webhook + poll + replay of one fact). */
  dedupeKey: string;
  now: Date;
};

/**
 * Inserts a notification and, only when it is new, its `events` row (topic "notification"), in the
 * caller's transaction: `notifications.onNew` resumes from those rows. Returns the event id, or null for a
 * duplicate.
 */
export function insertNotification(tx: Db | Tx, input: NewNotification): number | null {
  const id = createId();
  const inserted = insertStatement(tx).run({
    id,
    userId: input.userId,
    orderId: input.orderId,
    category: input.category,
    title: input.title,
    body: input.body,
    dedupeKey: input.dedupeKey,
    createdAt: input.now,
  });
  if (inserted.changes === 0) return null;
  const { lastInsertRowid } = eventStatement(tx).run({
    orderId: input.orderId,
    userId: input.userId,
    payload: JSON.stringify({
      type: "notification.created",
      notificationId: id,
      orderId: input.orderId,
      category: input.category,
      title: input.title,
      body: input.body,
      createdAt: input.now.toISOString(),
    }),
    createdAt: input.now,
  });
  return Number(lastInsertRowid);
}

// Prepared once per handle: every milestone of every carrier update comes through here.
const insertStatement = preparedQuery((db) =>
  db
    .insert(notifications)
    .values({
      id: sql.placeholder("id"),
      userId: sql.placeholder("userId"),
      orderId: sql.placeholder("orderId"),
      category: sql.placeholder("category"),
      title: sql.placeholder("title"),
      body: sql.placeholder("body"),
      dedupeKey: sql.placeholder("dedupeKey"),
      createdAt: sql.placeholder("createdAt"),
    })
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .prepare(),
);
const eventStatement = preparedQuery((db) =>
  db
    .insert(events)
    .values({
      topic: "notification",
      orderId: sql.placeholder("orderId"),
      userId: sql.placeholder("userId"),
      payload: sql.placeholder("payload"),
      createdAt: sql.placeholder("createdAt"),
    })
    // The id comes from `lastInsertRowid`: RETURNING costs a result row per insert.
    .prepare(),
);

/**
 * One notification per admin (category "account"): sync run failed, account disabled, rejected webhooks.
 * `dedupeKey` is per fact; each admin's copy gets it suffixed with their id.
 */
export function notifyAdmins(
  tx: Tx,
  input: Omit<NewNotification, "userId" | "category" | "orderId">,
): number {
  const admins = tx.select({ id: users.id }).from(users).where(eq(users.role, "admin")).all();
  let created = 0;
  for (const admin of admins) {
    const eventId = insertNotification(tx, {
      ...input,
      userId: admin.id,
      orderId: null,
      category: "account",
      dedupeKey: `${input.dedupeKey}:${admin.id}`,
    });
    if (eventId !== null) created++;
  }
  return created;
}
