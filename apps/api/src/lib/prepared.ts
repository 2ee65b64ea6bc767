import type { Db, Tx } from "@waybill/db";
import { Column, is, Param, Placeholder, SQL, sql } from "drizzle-orm";
import { PreparedQuery as BetterSqlitePreparedQuery } from "drizzle-orm/better-sqlite3";

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
      query = runDirectly(build(db));
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
      query = runDirectly(build(db, key));
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

/** The parts of drizzle's better-sqlite3 prepared query that running it takes. */
type DrizzlePrepared = {
  stmt: {
    run(...params: unknown[]): unknown;
    get(...params: unknown[]): unknown;
    all(...params: unknown[]): unknown[];
    raw(toggle?: boolean): unknown;
  };
  query: { params: unknown[] };
  fields?: Array<{ path: string[]; field: unknown }>;
  customResultMapper?: unknown;
};

type Decoder = { mapFromDriverValue(value: unknown): unknown };

/**
 * A drizzle prepared query whose `run`, `get` and `all` go straight to its SQLite statement. drizzle
 * works out, on every call, where each placeholder goes and how each column of each row is decoded
 * (`fillPlaceholders`, `mapResultRow`: a type check per value, an iterator per column); here both are
 * worked out once, when the query is prepared. The results are the same: values are encoded and decoded by
 * the same column codecs. Queries this does not cover (nested selections from joins, relational queries)
 * are left to drizzle.
 */
function runDirectly<Q>(query: Q): Q {
  if (!is(query, BetterSqlitePreparedQuery)) return query;
  const { stmt, query: compiled, fields, customResultMapper } = query as unknown as DrizzlePrepared;
  const flat = fields?.every(({ path, field }) => path.length === 1 && decoderOf(field)) ?? true;
  if (customResultMapper || !flat) return query;
  const paramsOf = paramsFiller(compiled.params);
  const direct = Object.create(query as object) as DrizzlePrepared & Record<string, unknown>;
  direct.run = (values?: Record<string, unknown>) => stmt.run(...paramsOf(values));
  if (!fields) {
    direct.get = (values?: Record<string, unknown>) => stmt.get(...paramsOf(values));
    direct.all = (values?: Record<string, unknown>) => stmt.all(...paramsOf(values));
    return direct as Q;
  }
  const rowOf = rowMapper(fields);
  direct.get = (values?: Record<string, unknown>) => {
    const row = stmt.get(...paramsOf(values)) as unknown[] | undefined;
    return row === undefined ? undefined : rowOf(row);
  };
  direct.all = (values?: Record<string, unknown>) =>
    (stmt.all(...paramsOf(values)) as unknown[][]).map(rowOf);
  // Rows come as arrays, in the order of `fields`, as drizzle itself reads them.
  stmt.raw(true);
  return direct as Q;
}

/** Turns named values into the statement's positional parameters, as drizzle's `fillPlaceholders` does. */
function paramsFiller(params: readonly unknown[]): (values?: Record<string, unknown>) => unknown[] {
  const fillers = params.map((param): ((values: Record<string, unknown>) => unknown) => {
    if (is(param, Placeholder)) return (values) => placeholderValue(values, param.name);
    if (is(param, Param) && is(param.value, Placeholder)) {
      const { encoder } = param;
      const { name } = param.value;
      return (values) => encoder.mapToDriverValue(placeholderValue(values, name));
    }
    return () => param;
  });
  return (values = {}) => fillers.map((fill) => fill(values));
}

function placeholderValue(values: Record<string, unknown>, name: string): unknown {
  if (!(name in values)) throw new Error(`No value for placeholder "${name}" was provided`);
  return values[name];
}

function rowMapper(fields: NonNullable<DrizzlePrepared["fields"]>): (row: unknown[]) => unknown {
  const columns = fields.map(({ path, field }) => ({
    key: path[0] as string,
    decoder: decoderOf(field) as Decoder,
  }));
  return (row) => {
    const result: Record<string, unknown> = {};
    for (let i = 0; i < columns.length; i++) {
      const { key, decoder } = columns[i] as (typeof columns)[number];
      const value = row[i];
      result[key] = value === null ? null : decoder.mapFromDriverValue(value);
    }
    return result;
  };
}

/** How drizzle decodes a selected column or expression; undefined for what is left to drizzle. */
function decoderOf(field: unknown): Decoder | undefined {
  if (is(field, Column)) return field;
  // `decoder` is internal to drizzle's SQL: the one `.mapWith()` sets, or a pass-through.
  if (is(field, SQL)) return (field as unknown as { decoder: Decoder }).decoder;
  if (is(field, SQL.Aliased)) return (field.sql as unknown as { decoder: Decoder }).decoder;
  return undefined;
}
