import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BUSY_TIMEOUT_MS, closeDb, createDb, type Db, migrateDb } from "./client";

/** Two connections to one database file, as a running server and the operator CLI have. */
let dir: string;
let first: Db;
let second: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "waybill-locks-"));
  const path = join(dir, "waybill.db");
  first = createDb(path);
  migrateDb(first);
  second = createDb(path);
});
afterEach(() => {
  closeDb(first);
  closeDb(second);
  rmSync(dir, { recursive: true, force: true });
});

const countLeases = (db: Db) =>
  (db.$client.prepare("select count(*) as n from leases").get() as { n: number }).n;
/** A write that fails at once with SQLITE_BUSY while the other connection holds the write lock. */
function writeWithoutWaiting(db: Db, name: string) {
  db.$client.pragma("busy_timeout = 0");
  try {
    insertRow(db, name);
  } finally {
    db.$client.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  }
}
const insertRow = (db: Db, name: string) =>
  db.$client
    .prepare("insert into leases (name, holder, expires_at, created_at) values (?, 'test', 0, 0)")
    .run(name);

describe("transactions on a shared database file", () => {
  it("take the write lock at BEGIN, so a read-then-write transaction cannot lose it to another writer", () => {
    const result = first.transaction(() => {
      const before = countLeases(first);
      // Another connection's write in between: with a deferred BEGIN it would succeed, and this
      // transaction's own write would then fail with SQLITE_BUSY.
      expect(() => writeWithoutWaiting(second, "other")).toThrow(/locked|busy/i);
      insertRow(first, "mine");
      return countLeases(first) - before;
    });
    expect(result).toBe(1);
    expect(countLeases(second)).toBe(1);
  });
});
