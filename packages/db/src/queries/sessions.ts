import { and, eq, gt, lte, sql } from "drizzle-orm";
import type { Db } from "../client";
import { sessions, users } from "../schema/users";
import type { User } from "./users";

export function insertSession(
  db: Db,
  input: { tokenHash: string; userId: string; expiresAt: Date },
): void {
  db.insert(sessions).values(input).run();
}

/**
 * Every authenticated request runs this: one prepared statement per connection, reused.
 */
const preparedSessionLookups = new WeakMap<Db, ReturnType<typeof prepareSessionLookup>>();

function prepareSessionLookup(db: Db) {
  return db
    .select({ user: users, expiresAt: sessions.expiresAt })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("tokenHash")),
        gt(sessions.expiresAt, sql.placeholder("now")),
      ),
    )
    .prepare();
}

export function getSessionUser(
  db: Db,
  tokenHash: string,
  now: Date,
): { user: User; expiresAt: Date } | undefined {
  let lookup = preparedSessionLookups.get(db);
  if (!lookup) {
    lookup = prepareSessionLookup(db);
    preparedSessionLookups.set(db, lookup);
  }
  return lookup.get({ tokenHash, now: now.getTime() });
}

export function deleteSession(db: Db, tokenHash: string): void {
  db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).run();
}

export function deleteExpiredSessions(db: Db, now: Date): number {
  return db.delete(sessions).where(lte(sessions.expiresAt, now)).run().changes;
}
