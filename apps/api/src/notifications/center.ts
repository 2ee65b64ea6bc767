import { type Db, schema } from "@waybill/db";
import { and, count, desc, eq, inArray, isNull } from "drizzle-orm";
import { afterCursor, encodeCursor } from "../lib/cursor";
import type { NotificationCategory } from "./notify";

const { notifications } = schema;

export type NotificationItem = {
  id: string;
  orderId: string | null;
  category: NotificationCategory;
  title: string;
  body: string;
  readAt: Date | null;
  createdAt: Date;
};

/** The caller's notifications, newest first, one page at a time (keyset, so deep pages stay fast). */
export function listNotifications(
  db: Db,
  userId: string,
  options: { cursor?: string | null; limit: number; category?: NotificationCategory },
): { items: NotificationItem[]; nextCursor: string | null } {
  const conditions = [eq(notifications.userId, userId)];
  if (options.category) conditions.push(eq(notifications.category, options.category));
  const page = afterCursor(options.cursor, { time: notifications.createdAt, id: notifications.id });
  if (page) conditions.push(page);
  const rows = db
    .select({
      id: notifications.id,
      orderId: notifications.orderId,
      category: notifications.category,
      title: notifications.title,
      body: notifications.body,
      readAt: notifications.readAt,
      createdAt: notifications.createdAt,
    })
    .from(notifications)
    .where(and(...conditions))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit + 1)
    .all();
  const items = rows.slice(0, options.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > options.limit && last ? encodeCursor(last.createdAt, last.id) : null,
  };
}

export function countUnreadNotifications(db: Db, userId: string): number {
  return (
    db
      .select({ n: count() })
      .from(notifications)
      .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
      .get()?.n ?? 0
  );
}

/** Marks the caller's own notifications read; ids of other users' notifications change nothing. */
export function markNotificationsRead(db: Db, userId: string, ids: string[], now: Date): number {
  if (ids.length === 0) return 0;
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        inArray(notifications.id, ids),
        isNull(notifications.readAt),
      ),
    )
    .run().changes;
}

export function markAllNotificationsRead(db: Db, userId: string, now: Date): number {
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))
    .run().changes;
}
