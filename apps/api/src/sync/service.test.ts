import { schema } from "@waybill/db";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setCarrierAccountActive } from "../carrier-accounts/accounts";
import { DomainError } from "../lib/errors";
import { acquireLease } from "./lease";
import { getSyncRun, syncLeaseName } from "./runs";
import { createSyncService } from "./service";
import { type SyncTestbed, startSyncTestbed } from "./testbed";

const { carrierAccounts, shipments, syncRuns } = schema;
const HOUR = 3_600_000;

let bed: SyncTestbed;
beforeEach(async () => {
  bed = await startSyncTestbed();
});
afterEach(() => bed.close());

describe("sync service", () => {
  it("returns the running run to a second runNow instead of starting another", async () => {
    const account = bed.account("sequel247");
    bed.ship(account);
    bed.ship(account);
    await bed.sandbox.sandboxes.advance(20 * HOUR);
    // Real latency keeps the first run in flight while the second request arrives.
    bed.sandbox.sandboxes.sequel247.control.faults.set({ latencyMs: 200 });

    const [first] = await bed.deps.sync.runNow({ accountId: account.id, trigger: "admin" });
    const [second] = await bed.deps.sync.runNow({ accountId: account.id, trigger: "admin" });

    expect(first).toMatchObject({ state: "running", accountId: account.id, trigger: "admin" });
    expect(second?.id).toBe(first?.id);
    expect(bed.deps.sync.runningRuns().map((r) => r.id)).toEqual([first?.id]);
    await bed.deps.sync.whenIdle();
    expect(getSyncRun(bed.deps.db, first!.id)).toMatchObject({ state: "succeeded", checked: 2 });
    expect(bed.deps.db.select({ n: count() }).from(syncRuns).get()!.n).toBe(1);
    expect(bed.deps.sync.runningRuns()).toEqual([]);
  });

  it("returns the run another process holds the account's lease for", async () => {
    const account = bed.account("sequel247");
    const now = bed.deps.now();
    bed.deps.db
      .insert(syncRuns)
      .values({ id: "elsewhere", accountId: account.id, trigger: "schedule", startedAt: now })
      .run();
    acquireLease(bed.deps.db, {
      name: syncLeaseName(account.id),
      holder: "elsewhere",
      ttlMs: 60_000,
      now,
    });

    const [run] = await bed.deps.sync.runNow({ accountId: account.id, trigger: "admin" });

    expect(run).toMatchObject({ id: "elsewhere", state: "running" });
  });

  it("syncs every active account, skipping switched-off and paused ones, and refuses a named paused one", async () => {
    const healthy = bed.account("sequel247");
    const off = bed.account("maystro");
    const paused = bed.account("shiprocket");
    setCarrierAccountActive(bed.deps.db, { id: off.id, active: false, now: bed.deps.now() });
    bed.deps.db
      .update(carrierAccounts)
      .set({ disabledUntil: new Date(bed.deps.now().getTime() + HOUR) })
      .where(eq(carrierAccounts.id, paused.id))
      .run();

    const runs = await bed.deps.sync.runNow({ trigger: "admin" });
    await bed.deps.sync.whenIdle();

    expect(runs.map((r) => r.accountId)).toEqual([healthy.id]);
    expect(runs[0]).toMatchObject({ accountName: healthy.name, carrier: "sequel247" });
    await expect(
      bed.deps.sync.runNow({ accountId: paused.id, trigger: "admin" }),
    ).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.code === "CONFLICT" && e.details?.breaker === "open",
    );
    await expect(bed.deps.sync.runNow({ accountId: off.id, trigger: "admin" })).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.code === "CONFLICT",
    );
    await expect(bed.deps.sync.runNow({ accountId: "nope", trigger: "admin" })).rejects.toSatisfy(
      (e) => e instanceof DomainError && e.code === "NOT_FOUND",
    );
  });

  it("on stop, ends a run between carrier calls as interrupted, frees the lease and leaves the rest due", async () => {
    const account = bed.account("sequel247");
    const shipped = Array.from({ length: 4 }, () => bed.ship(account));
    await bed.sandbox.sandboxes.advance(20 * HOUR);
    bed.sandbox.sandboxes.sequel247.control.faults.set({ latencyMs: 100 });
    const service = createSyncService(bed.deps, {
      tuning: { trackChunkSize: 1, trackConcurrency: 1 },
    });

    const [run] = await service.runNow({ accountId: account.id, trigger: "admin" });
    await service.stop();

    const finished = getSyncRun(bed.deps.db, run!.id);
    expect(finished.state).toBe("interrupted");
    expect(finished.errors[0]?.code).toBe("STOPPED");
    expect(finished.checked).toBeLessThan(shipped.length);
    expect(finished.failed).toBe(0);
    const due = shipped.filter(
      (s) => bed.shipment(s.shipmentId).nextCheckAt!.getTime() <= bed.deps.now().getTime(),
    );
    expect(due).toHaveLength(shipped.length - finished.checked);
    expect(
      acquireLease(bed.deps.db, {
        name: syncLeaseName(account.id),
        holder: "next",
        ttlMs: 60_000,
        now: bed.deps.now(),
      }),
    ).toBe(true);
    await expect(service.runNow({ accountId: account.id, trigger: "admin" })).rejects.toThrow(
      /shutting down/,
    );
  });
});
