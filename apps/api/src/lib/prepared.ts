import type { Db, Tx } from "@waybill/db";
import { sql } from "drizzle-orm";

/**
 * A query prepared once per database handle, for the hot paths (webhook ingest, sync): drizzle builds SQL
 * from scratch and SQLite compiles it again on every unprepared call, which cost more than running it.
 *
 * `build` receives the handle and returns `builder.prepare()` with `sql.placeholder`s. Cached per handle:
 * a `Db` keeps its statements for its lifetime; a transaction handle passed in (a caller's `tx`) gets its
 * own, dropped with it. Statements prepared on a `Db` run inside that connection's open transaction, since
 * better-sqlite3 has one connection per `Db`.
 */
export function preparedQuery<Q>(build: (db: Db | Tx) => Q): (db: Db | Tx) => Q {
  const cache = new WeakMap<Db | Tx, Q>();
  return (db) => {
    let query = cache.get(db);
    if (query === undefined) {
      query = build(db);
      cache.set(db, query);
    }
    return query;
  };
}

/**
 * `preparedQuery` for a family of statements told apart by a key, e.g. which columns an UPDATE sets: each
 * is prepared once per handle, the first time its key is asked for.
 */
export function preparedQueries<Q>(
  build: (db: Db | Tx, key: string) => Q,
): (db: Db | Tx, key: string) => Q {
  const cache = new WeakMap<Db | Tx, Map<string, Q>>();
  return (db, key) => {
    let byKey = cache.get(db);
    if (!byKey) {
      byKey = new Map();
      cache.set(db, byKey);
    }
    let query = byKey.get(key);
    if (query === undefined) {
      query = build(db, key);
      byKey.set(key, query);
    }
    return query;
  };
}

/**
 * A placeholder passed to SQLite as given, as `update().set()` and an upsert's set need: drizzle's column
 * encoders are not applied there (and fail on null), so the caller converts, e.g. a date to epoch ms.
 * Also for an insert that writes one value to two columns, so it is passed once.
 */
export const setPlaceholder = (name: string) => sql`${sql.placeholder(name)}`;
