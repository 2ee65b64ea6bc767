import { schema } from "@waybill/db";
import { and, asc, count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BREAKER_THRESHOLD, breakerStateOf } from "../carrier-accounts/health";
import { DomainError } from "../lib/errors";
import { createTestUser } from "../testing/caller";
import { acquireLease } from "./lease";
import { startSyncRun, syncAccount } from "./run";
import { markInterruptedRuns, parseRunErrors, type SyncRunRow, syncLeaseName } from "./runs";
import { type SyncTestbed, startSyncTestbed } from "./testbed";

const { carrierAccounts, events, notifications, syncRuns, trackingEvents } = schema;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let bed: SyncTestbed;
beforeEach(async () => {
  bed = await startSyncTestbed();
});
afterEach(() => bed.close());

const accountRow = (id: string) =>
  bed.deps.db.select().from(carrierAccounts).where(eq(carrierAccounts.id, id)).get()!;

const progressEvents = (runId: string) =>
  bed.deps.db
    .select()
    .from(events)
    .where(eq(events.topic, "sync"))
    .orderBy(asc(events.id))
    .all()
    .map((e) => JSON.parse(e.payload) as Record<string, unknown>)
    .filter((p) => p.runId === runId);

describe("syncAccount", () => {
  it.each(["maystro", "shiprocket"] as const)(
    "learns a %s order's tracking number in step 1 and its status from step 2, in one run",
    async (carrier) => {
      const account = bed.account(carrier);
      const { shipmentId, orderNumber } = bed.ship(account, { tracking: "none" });
      // Maystro prints the label two hours in; by 30 hours either parcel is on the road.
      await bed.sandbox.sandboxes.advance(30 * HOUR);
      const truth = bed.truth(carrier, orderNumber);
      expect(truth.trackingNumber).not.toBeNull();
      expect(truth.status).toBe("in_transit");

      const run = await syncAccount(bed.deps, { accountId: account.id, trigger: "admin" });

      expect(run).toMatchObject({ state: "succeeded", due: 1, checked: 1, changed: 1, failed: 0 });
      expect(bed.ours(shipmentId)).toEqual(truth);
      const shipment = bed.shipment(shipmentId);
      // Only step 1 stores the carrier's order id; the apply path fills tracking fields only.
      const atCarrier = bed.sandbox.sandboxes[carrier].control.groundTruth()[0]!;
      expect(shipment.carrierOrderId).toBe(atCarrier.carrierOrderId);
      expect(shipment.lastCheckSource).toBe("poll");
      expect(shipment.nextCheckAt!.getTime()).toBeGreaterThan(bed.deps.now().getTime());
    },
  );

  it("tracks every due shipment in pages, publishes progress per page, and leaves an unchanged shipment unchanged", async () => {
    const account = bed.account("sequel247");
    const shipped = Array.from({ length: 5 }, () => bed.ship(account));
    await bed.sandbox.sandboxes.advance(20 * HOUR);

    const seen: SyncRunRow[] = [];
    const run = await syncAccount(bed.deps, {
      accountId: account.id,
      trigger: "schedule",
      tuning: { pageSize: 2, trackChunkSize: 2 },
      onProgress: (r) => seen.push(r),
    });

    expect(run).toMatchObject({ state: "succeeded", due: 5, checked: 5, changed: 5, failed: 0 });
    for (const { shipmentId, orderNumber } of shipped)
      expect(bed.ours(shipmentId)).toEqual(bed.truth("sequel247", orderNumber));
    // Start, three pages, end.
    const progress = progressEvents(run.id);
    expect(progress.map((p) => [p.state, p.checked])).toEqual([
      ["running", 0],
      ["running", 2],
      ["running", 4],
      ["running", 5],
      ["succeeded", 5],
    ]);
    expect(progress[0]).toEqual({
      type: "sync.progress",
      runId: run.id,
      accountId: account.id,
      state: "running",
      due: 5,
      checked: 0,
      changed: 0,
      failed: 0,
    });
    expect(seen.map((r) => r.state)).toEqual([
      "running",
      "running",
      "running",
      "running",
      "succeeded",
    ]);

    // Nothing is due until the adaptive schedule says so.
    const idle = await syncAccount(bed.deps, { accountId: account.id, trigger: "schedule" });
    expect(idle).toMatchObject({ state: "succeeded", due: 0, checked: 0 });

    // Due again with no news at the carrier: every shipment is checked and rescheduled, nothing else moves.
    bed.deps.db.update(schema.shipments).set({ nextCheckAt: bed.deps.now() }).run();
    const countOf = (table: typeof trackingEvents | typeof events) =>
      bed.deps.db.select({ n: count() }).from(table).get()!.n;
    const scansBefore = countOf(trackingEvents);
    const quiet = await syncAccount(bed.deps, { accountId: account.id, trigger: "schedule" });
    expect(quiet).toMatchObject({ state: "succeeded", due: 5, checked: 5, changed: 0, failed: 0 });
    expect(countOf(trackingEvents)).toBe(scansBefore);
    for (const { shipmentId } of shipped) {
      const row = bed.shipment(shipmentId);
      expect(row.lastCheckedAt!.getTime()).toBe(bed.deps.now().getTime());
      expect(row.nextCheckAt!.getTime()).toBeGreaterThan(bed.deps.now().getTime());
    }
  });

  it("keeps going past a shipment the carrier does not know, and records it", async () => {
    const account = bed.account("sequel247");
    const good = [bed.ship(account), bed.ship(account), bed.ship(account)];
    const bad = bed.ship(account, { tracking: "0000000001" });
    await bed.sandbox.sandboxes.advance(20 * HOUR);

    const run = await syncAccount(bed.deps, { accountId: account.id, trigger: "admin" });

    expect(run).toMatchObject({ state: "succeeded", due: 4, checked: 3, failed: 1 });
    const errors = parseRunErrors(run.errors);
    expect(errors).toEqual([
      expect.objectContaining({ shipmentId: bad.shipmentId, code: "NOT_FOUND" }),
    ]);
    for (const { shipmentId, orderNumber } of good)
      expect(bed.ours(shipmentId)).toEqual(bed.truth("sequel247", orderNumber));
    // The carrier answered: the account is healthy, and the unknown shipment is asked again later.
    expect(accountRow(account.id)).toMatchObject({ errorCount: 0, consecutiveFailures: 0 });
    expect(bed.shipment(bad.shipmentId).nextCheckAt!.getTime()).toBeGreaterThan(
      bed.deps.now().getTime(),
    );
  });

  it("rides out a 429 burst: shipments refused stay due, the next run completes them, and health shows it", async () => {
    const account = bed.account("sequel247");
    const shipped = Array.from({ length: 4 }, () => bed.ship(account));
    await bed.sandbox.sandboxes.advance(30 * HOUR);
    // The HTTP helper tries each call four times: eight 429s exhaust two calls.
    bed.sandbox.sandboxes.sequel247.control.faults.set({ rateLimitBurst: 8 });
    const oneCallPerShipment = { trackChunkSize: 1, trackConcurrency: 1 };

    const first = await syncAccount(bed.deps, {
      accountId: account.id,
      trigger: "schedule",
      tuning: oneCallPerShipment,
    });
    expect(first).toMatchObject({ state: "succeeded", due: 4, checked: 2, failed: 2 });
    expect(parseRunErrors(first.errors)[0]?.code).toBe("RATE_LIMITED");
    const health = accountRow(account.id);
    expect(health.errorCount).toBe(2);
    expect(health.lastError).toMatch(/^RATE_LIMITED/);
    expect(health.consecutiveFailures).toBe(0);
    expect(breakerStateOf(health, bed.deps.now())).toBe("closed");

    const second = await syncAccount(bed.deps, {
      accountId: account.id,
      trigger: "schedule",
      tuning: oneCallPerShipment,
    });
    expect(second).toMatchObject({ state: "succeeded", due: 2, checked: 2, failed: 0 });
    for (const { shipmentId, orderNumber } of shipped)
      expect(bed.ours(shipmentId)).toEqual(bed.truth("sequel247", orderNumber));
  });

  it("opens the breaker in a 5xx storm, stops the run and tells the admins; a later run closes it with nothing lost", async () => {
    const admin = createTestUser(bed.deps, "admin");
    const account = bed.account("sequel247");
    const shipped = Array.from({ length: BREAKER_THRESHOLD + 1 }, () => bed.ship(account));
    await bed.sandbox.sandboxes.advance(30 * HOUR);
    const faults = bed.sandbox.sandboxes.sequel247.control.faults;
    faults.set({ errorRate: 1 });
    const oneCallPerShipment = { trackChunkSize: 1, trackConcurrency: 1 };

    const stormy = await syncAccount(bed.deps, {
      accountId: account.id,
      trigger: "schedule",
      tuning: oneCallPerShipment,
    });
    expect(stormy).toMatchObject({ state: "failed", checked: 0 });
    expect(parseRunErrors(stormy.errors)[0]?.code).toBe("BREAKER_OPEN");
    const paused = accountRow(account.id);
    expect(breakerStateOf(paused, bed.deps.now())).toBe("open");
    expect(paused.consecutiveFailures).toBe(BREAKER_THRESHOLD);
    // The sixth shipment was never asked about: the breaker stopped the run first.
    expect(faults.counters.errors5xx).toBe(BREAKER_THRESHOLD * 4);
    for (const { shipmentId } of shipped)
      expect(bed.shipment(shipmentId).nextCheckAt!.getTime()).toBeLessThanOrEqual(
        bed.deps.now().getTime(),
      );
    const notices = bed.deps.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, admin.id), eq(notifications.category, "account")))
      .all();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.title).toContain(account.name);

    // While paused, no run starts (and none is recorded).
    expect(() => startSyncRun(bed.deps, { accountId: account.id, trigger: "schedule" })).toThrow(
      DomainError,
    );
    expect(bed.deps.db.select({ n: count() }).from(syncRuns).get()!.n).toBe(1);

    faults.reset();
    await bed.sandbox.sandboxes.advance(paused.disabledUntil!.getTime() - bed.deps.now().getTime());
    expect(breakerStateOf(accountRow(account.id), bed.deps.now())).toBe("half_open");
    const recovered = await syncAccount(bed.deps, { accountId: account.id, trigger: "schedule" });
    expect(recovered).toMatchObject({ state: "succeeded", checked: shipped.length, failed: 0 });
    expect(breakerStateOf(accountRow(account.id), bed.deps.now())).toBe("closed");
    for (const { shipmentId, orderNumber } of shipped)
      expect(bed.ours(shipmentId)).toEqual(bed.truth("sequel247", orderNumber));
  });

  it("never runs twice at once for one account, even from another process", async () => {
    const account = bed.account("sequel247");
    bed.ship(account);
    // Another process holds the account's lease.
    acquireLease(bed.deps.db, {
      name: syncLeaseName(account.id),
      holder: "other-process-run",
      ttlMs: 60_000,
      now: bed.deps.now(),
    });
    expect(() => startSyncRun(bed.deps, { accountId: account.id, trigger: "admin" })).toThrow(
      /already running/,
    );
  });
});

describe("markInterruptedRuns", () => {
  it("marks runs whose process died, and leaves a live run alone", async () => {
    const account = bed.account("sequel247");
    const other = bed.account("shiprocket");
    const now = bed.deps.now();
    const insertRun = (id: string, accountId: string) =>
      bed.deps.db
        .insert(syncRuns)
        .values({ id, accountId, trigger: "schedule", state: "running", startedAt: now })
        .run();
    insertRun("deadrun", account.id);
    insertRun("liverun", other.id);
    acquireLease(bed.deps.db, {
      name: syncLeaseName(other.id),
      holder: "liverun",
      ttlMs: 60_000,
      now,
    });

    const marked = markInterruptedRuns(bed.deps.db, now);

    expect(marked.map((r) => r.id)).toEqual(["deadrun"]);
    const rows = bed.deps.db.select().from(syncRuns).orderBy(asc(syncRuns.id)).all();
    expect(rows.map((r) => [r.id, r.state])).toEqual([
      ["deadrun", "interrupted"],
      ["liverun", "running"],
    ]);
    expect(parseRunErrors(rows[0]!.errors)[0]?.code).toBe("INTERRUPTED");
    expect(progressEvents("deadrun").at(-1)?.state).toBe("interrupted");
  });
});

describe("expiry", () => {
  it("stops checking a shipment the carrier has said nothing about for 30 days, and notes it on the run", async () => {
    await bed.close();
    bed = await startSyncTestbed({ nowOffsetMs: 31 * DAY });
    const account = bed.account("sequel247");
    const { shipmentId } = bed.ship(account);

    const run = await syncAccount(bed.deps, { accountId: account.id, trigger: "schedule" });

    expect(run).toMatchObject({ state: "succeeded", checked: 1, failed: 0 });
    expect(parseRunErrors(run.errors)).toEqual([
      expect.objectContaining({ shipmentId, code: "EXPIRED" }),
    ]);
    expect(bed.shipment(shipmentId).nextCheckAt).toBeNull();
  });
});
