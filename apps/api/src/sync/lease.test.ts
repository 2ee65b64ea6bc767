import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, createDb, createTestDb, migrateDb } from "@waybill/db";
import { describe, expect, it } from "vitest";
import { acquireLease, holdsLease, releaseLease, renewLease } from "./lease";

const T0 = new Date("2026-03-10T12:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const TTL = 60_000;

describe("leases", () => {
  it("is held by one holder at a time until it expires", () => {
    const db = createTestDb();
    const lease = { name: "sync:a", ttlMs: TTL };
    expect(acquireLease(db, { ...lease, holder: "run-1", now: T0 })).toBe(true);
    expect(acquireLease(db, { ...lease, holder: "run-2", now: at(TTL - 1) })).toBe(false);
    // The same holder may take it again (a retried start).
    expect(acquireLease(db, { ...lease, holder: "run-1", now: at(1_000) })).toBe(true);
    expect(holdsLease(db, { name: "sync:a", holder: "run-1", now: at(2_000) })).toBe(true);

    // Expired: a newcomer takes it, and the old holder learns on renewal that it must stop.
    expect(acquireLease(db, { ...lease, holder: "run-2", now: at(1_000 + TTL) })).toBe(true);
    expect(renewLease(db, { ...lease, holder: "run-1", now: at(1_000 + TTL) })).toBe(false);
    expect(renewLease(db, { ...lease, holder: "run-2", now: at(2 * TTL) })).toBe(true);
    expect(holdsLease(db, { name: "sync:a", holder: "run-1", now: at(2 * TTL) })).toBe(false);
  });

  it("keeps leases of different names apart, and release frees only the holder's own", () => {
    const db = createTestDb();
    expect(acquireLease(db, { name: "sync:a", holder: "x", ttlMs: TTL, now: T0 })).toBe(true);
    expect(acquireLease(db, { name: "sync:b", holder: "y", ttlMs: TTL, now: T0 })).toBe(true);
    releaseLease(db, { name: "sync:a", holder: "y" });
    expect(acquireLease(db, { name: "sync:a", holder: "y", ttlMs: TTL, now: T0 })).toBe(false);
    releaseLease(db, { name: "sync:a", holder: "x" });
    expect(acquireLease(db, { name: "sync:a", holder: "y", ttlMs: TTL, now: T0 })).toBe(true);
  });

  it("excludes a second process on the same database file", () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-lease-"));
    const path = join(dir, "waybill.db");
    const first = createDb(path);
    migrateDb(first);
    const second = createDb(path);
    try {
      const request = { name: "sync:a", ttlMs: TTL, now: T0 };
      expect(acquireLease(first, { ...request, holder: "process-1" })).toBe(true);
      expect(acquireLease(second, { ...request, holder: "process-2" })).toBe(false);
      releaseLease(first, { name: "sync:a", holder: "process-1" });
      expect(acquireLease(second, { ...request, holder: "process-2" })).toBe(true);
    } finally {
      closeDb(first);
      closeDb(second);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
