import { schema } from "@waybill/db";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { setCarrierAccountActive, updateCarrierAccount } from "../carrier-accounts/accounts";
import { type SyncTestbed, startSyncTestbed } from "../sync/testbed";
import { startJobs } from "./index";
import { activeSyncSchedules, planSyncJobs, runScheduledSync } from "./sync";

describe("planSyncJobs", () => {
  it.each([
    ["starts new accounts", {}, [["a", "*/5 * * * *"]], { start: ["a"], stop: [] }],
    [
      "keeps an unchanged job",
      { a: "*/5 * * * *" },
      [["a", "*/5 * * * *"]],
      { start: [], stop: [] },
    ],
    [
      "restarts an edited schedule",
      { a: "*/5 * * * *" },
      [["a", "0 * * * *"]],
      { start: ["a"], stop: ["a"] },
    ],
    [
      "stops a switched-off or removed account",
      { a: "*/5 * * * *", b: "0 * * * *" },
      [["b", "0 * * * *"]],
      { start: [], stop: ["a"] },
    ],
  ] as const)("%s", (_label, running, wanted, expected) => {
    const plan = planSyncJobs(
      new Map(Object.entries(running)),
      wanted.map(([accountId, pattern]) => ({ accountId, pattern })),
    );
    expect({ start: plan.start.map((s) => s.accountId), stop: plan.stop }).toEqual(expected);
  });
});

describe("scheduled sync", () => {
  let bed: SyncTestbed;
  beforeEach(async () => {
    bed = await startSyncTestbed();
  });
  afterEach(() => bed.close());

  it("schedules active accounts on their own pattern", () => {
    const a = bed.account("sequel247");
    const b = bed.account("maystro");
    updateCarrierAccount(bed.deps, { id: a.id, syncSchedule: "*/15 * * * *" });
    setCarrierAccountActive(bed.deps.db, { id: b.id, active: false, now: bed.deps.now() });
    expect(activeSyncSchedules(bed.deps.db)).toEqual([
      { accountId: a.id, pattern: "*/15 * * * *" },
    ]);
  });

  it("runs a tick as a scheduled run, and skips a paused account quietly", async () => {
    const account = bed.account("sequel247");
    bed.ship(account);
    await runScheduledSync(bed.deps, account.id);
    await bed.deps.sync.whenIdle();
    const runs = bed.deps.db.select().from(schema.syncRuns).all();
    expect(runs.map((r) => [r.trigger, r.state])).toEqual([["schedule", "succeeded"]]);

    bed.deps.db
      .update(schema.carrierAccounts)
      .set({ disabledUntil: new Date(bed.deps.now().getTime() + 60_000) })
      .where(eq(schema.carrierAccounts.id, account.id))
      .run();
    await expect(runScheduledSync(bed.deps, account.id)).resolves.toBeUndefined();
    expect(bed.deps.db.select({ n: count() }).from(schema.syncRuns).get()!.n).toBe(1);
  });

  it("fires each active account's job on its own schedule", async () => {
    const account = bed.account("sequel247");
    bed.ship(account);
    updateCarrierAccount(bed.deps, { id: account.id, syncSchedule: "* * * * * *" });
    const jobs = startJobs(bed.deps);
    try {
      await vi.waitFor(
        () => {
          const runs = bed.deps.db.select().from(schema.syncRuns).all();
          expect(runs.map((r) => [r.trigger, r.state])).toContainEqual(["schedule", "succeeded"]);
        },
        { timeout: 15_000, interval: 50 },
      );
    } finally {
      jobs.stop();
    }
  });
});
