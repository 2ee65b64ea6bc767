import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableConfig } from "drizzle-orm/sqlite-core";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, createDb, createTestDb, type Db, MMAP_BYTES, pingDb } from "./client";
import { createId, createSecretToken, createSequentialIds, formatOrderNumber } from "./ids";
import { deleteExpiredSessions, getSessionUser, insertSession } from "./queries/sessions";
import { createUser, getUserByEmail, upsertUserWithRole } from "./queries/users";
import * as schema from "./schema/index";
import { seedBulk, seedDemo } from "./seed/index";

let db: Db;
afterEach(() => closeDb(db));

describe("migrations", () => {
  it("create every table of the schema in an empty database", () => {
    db = createTestDb();
    const tables = db.$client
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((row) => (row as { name: string }).name);
    const expected = Object.values(schema)
      .filter(
        (value) =>
          typeof value === "object" && value !== null && Symbol.for("drizzle:Name") in value,
      )
      .map((table) => getTableConfig(table as Parameters<typeof getTableConfig>[0]).name);
    expect(expected.length).toBeGreaterThanOrEqual(14);
    for (const name of expected) expect(tables).toContain(name);
    expect(pingDb(db)).toBe(true);
  });

  it("turn foreign keys on", () => {
    db = createTestDb();
    expect(db.$client.pragma("foreign_keys", { simple: true })).toBe(1);
    expect(() =>
      insertSession(db, { tokenHash: "x", userId: "nobody", expiresAt: new Date() }),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe("a database file", () => {
  it("is read through a memory map beside a 64 MB page cache", () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-db-"));
    try {
      db = createDb(join(dir, "waybill.db"));
      expect(db.$client.pragma("mmap_size", { simple: true })).toBe(MMAP_BYTES);
      expect(db.$client.pragma("cache_size", { simple: true })).toBe(-65536);
      expect(db.$client.pragma("journal_mode", { simple: true })).toBe("wal");
    } finally {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("ids", () => {
  it("never contain the letter pairs Shiprocket refuses in webhook URLs", () => {
    for (let i = 0; i < 2_000; i++) {
      const value = `${createId()}/${createSecretToken()}`;
      expect(value).not.toMatch(/sr|kr/i);
    }
  });

  it("formats order numbers with the year and a zero-padded sequence", () => {
    expect(formatOrderNumber(2026, 123)).toBe("WB-2026-000123");
    expect(formatOrderNumber(2026, 1_234_567)).toBe("WB-2026-1234567");
  });
});

describe("sessions", () => {
  it("find the user of a live session and not of an expired one", () => {
    db = createTestDb();
    const user = createUser(db, { email: "A@Example.test", name: "A", passwordHash: "h" });
    const now = new Date("2026-11-21T10:00:00Z");
    insertSession(db, {
      tokenHash: "live",
      userId: user.id,
      expiresAt: new Date(now.getTime() + 60_000),
    });
    insertSession(db, {
      tokenHash: "old",
      userId: user.id,
      expiresAt: new Date(now.getTime() - 1),
    });
    expect(getSessionUser(db, "live", now)?.user.email).toBe("a@example.test");
    expect(getSessionUser(db, "old", now)).toBeUndefined();
    expect(deleteExpiredSessions(db, now)).toBe(1);
  });
});

describe("users", () => {
  it("promote an existing user to admin instead of creating a second one", () => {
    db = createTestDb();
    createUser(db, { email: "ops@example.test", name: "Ops", passwordHash: "h1" });
    const result = upsertUserWithRole(db, {
      email: "OPS@example.test",
      name: "Ops",
      passwordHash: "h2",
      role: "admin",
    });
    expect(result.created).toBe(false);
    expect(getUserByEmail(db, "ops@example.test")?.role).toBe("admin");
  });
});

describe("seedDemo", () => {
  it("creates the demo shop once and never twice", () => {
    db = createTestDb();
    const now = new Date("2026-11-21T10:00:00Z");
    const first = seedDemo(db, { adminPasswordHash: "a", customerPasswordHash: "c", now });
    expect(first.seeded).toBe(true);
    const statuses = db.$client.prepare("select distinct status from orders").all();
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(getUserByEmail(db, "admin@waybill.test")?.role).toBe("admin");
    expect(seedDemo(db, { adminPasswordHash: "a", customerPasswordHash: "c", now }).seeded).toBe(
      false,
    );
    // The seed never invents carrier data: no shipment exists until a carrier gives one.
    expect(db.$client.prepare("select count(*) as n from shipments").get()).toEqual({ n: 0 });
  });
});

describe("seedBulk", () => {
  it("inserts the requested number of orders with items, numbered after existing ones", () => {
    db = createTestDb();
    const now = new Date("2026-11-21T10:00:00Z");
    seedDemo(db, { adminPasswordHash: "a", customerPasswordHash: "c", now });
    const result = seedBulk(db, { orders: 12_345, passwordHash: "h", now });
    expect(result.orders).toBe(12_345);
    const count = db.$client.prepare("select count(*) as n from orders").get() as { n: number };
    expect(count.n).toBe(12_345 + 8);
    const orphans = db.$client
      .prepare(
        "select count(*) as n from orders o where not exists (select 1 from order_items i where i.order_id = o.id)",
      )
      .get() as { n: number };
    expect(orphans.n).toBe(0);
    const last = db.$client.prepare("select max(number) as n from orders").get() as { n: string };
    expect(last.n).toBe(formatOrderNumber(2026, 12_345 + 8));
  });
});

describe("createSequentialIds", () => {
  it("gives unique ids that sort in creation order and avoid sr/kr", () => {
    const next = createSequentialIds();
    const ids = Array.from({ length: 5_000 }, next);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).not.toMatch(/sr|kr/);
  });
});
