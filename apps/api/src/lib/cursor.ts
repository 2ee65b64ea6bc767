import { and, eq, gt, lt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import { DomainError } from "./errors";

/**
 * Keyset pagination, shared by every list: the cursor is the last item's (time, id), so rows arriving
 * meanwhile never shift a page and deep pages cost what the first one does. Opaque to clients.
 */
export type Cursor = { at: Date; id: string };

export function encodeCursor(at: Date, id: string): string {
  return `${at.getTime()}.${id}`;
}

/** A cursor we did not give out is the caller's mistake: INVALID (BAD_REQUEST). */
export function decodeCursor(cursor: string): Cursor {
  const match = /^(\d{1,15})\.([0-9A-Za-z_-]{1,64})$/.exec(cursor);
  if (!match?.[1] || !match[2])
    throw new DomainError("INVALID", "This page cursor is not one we gave out.");
  return { at: new Date(Number(match[1])), id: match[2] };
}

/**
 * The rows after the cursor in a list ordered by (time, id), newest first ("desc") or oldest first ("asc").
 * Undefined without a cursor, so it drops out of `and(...)`.
 */
export function afterCursor(
  cursor: string | null | undefined,
  columns: { time: SQLiteColumn; id: SQLiteColumn },
  direction: "desc" | "asc" = "desc",
): SQL | undefined {
  if (!cursor) return undefined;
  const { at, id } = decodeCursor(cursor);
  const beyond = direction === "desc" ? lt : gt;
  return or(beyond(columns.time, at), and(eq(columns.time, at), beyond(columns.id, id)));
}
