import type { Db, Tx } from "@waybill/db";

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
