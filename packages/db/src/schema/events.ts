import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp } from "./columns";
import { orders } from "./orders";
import { users } from "./users";

/** The durable change log every live subscription reads and resumes from. */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    topic: text("topic").notNull(),
    orderId: text("order_id").references(() => orders.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
    /** JSON. */
    payload: text("payload").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index("events_order_idx").on(t.orderId, t.id),
    // By user only for notifications: a user's order events are read through their orders, so the hottest
    // insert (a scan's order event) pays for no index on a random key beyond the order's.
    index("events_notification_user_idx")
      .on(t.userId, t.id)
      .where(sql`${t.topic} = 'notification'`),
    index("events_topic_idx").on(t.topic, t.id),
  ],
);

export const NOTIFICATION_CATEGORIES = ["order_update", "delivery", "account"] as const;

export const notifications = sqliteTable(
  "notifications",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    orderId: text("order_id").references(() => orders.id, { onDelete: "cascade" }),
    category: text("category", { enum: NOTIFICATION_CATEGORIES }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    /** Same milestone from any source creates one notification. */
    dedupeKey: text("dedupe_key").unique(),
    readAt: timestamp("read_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    index("notifications_unread_idx").on(t.userId, t.readAt),
  ],
);

export const OUTBOX_STATES = ["pending", "sent", "failed"] as const;

export const outbox = sqliteTable(
  "outbox",
  {
    id: text("id").primaryKey(),
    kind: text("kind", { enum: ["email"] })
      .notNull()
      .default("email"),
    orderId: text("order_id").references(() => orders.id, { onDelete: "set null" }),
    to: text("to").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    htmlBody: text("html_body").notNull(),
    /** Order + milestone: never sent twice. */
    dedupeKey: text("dedupe_key").notNull().unique(),
    state: text("state", { enum: OUTBOX_STATES }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamp("next_attempt_at"),
    sentAt: timestamp("sent_at"),
    lastError: text("last_error"),
    createdAt: createdAt(),
  },
  (t) => [
    index("outbox_due_idx").on(t.state, t.nextAttemptAt),
    // The admin's outbox list, newest first, all or by state: pages read from the index, never a sort of
    // every e-mail ever queued.
    index("outbox_created_idx").on(t.createdAt, t.id),
    index("outbox_state_created_idx").on(t.state, t.createdAt, t.id),
  ],
);
