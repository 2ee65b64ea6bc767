import { formatOrderNumber, schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAdapterRegistry } from "../src/carrier-accounts/adapters";
import { breakerStateOf } from "../src/carrier-accounts/health";
import type { AppDeps } from "../src/deps";
import { createSecretBox } from "../src/lib/crypto";
import { isDomainError } from "../src/lib/errors";
import { silentLogger } from "../src/lib/logger";
import { syncAccount } from "../src/sync/run";
import { createTestDeps, TEST_APP_SECRET } from "../src/testing/deps";
import { createShippedOrder } from "../src/testing/fixtures";
import {
  createSandboxAccount,
  type SandboxServer,
  startSandboxServer,
} from "../src/testing/sandboxes";
import { PROFILE, report } from "./lib/profile";
import { diffStates, ourStates, truthStates } from "./lib/truth";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** A carrier that never answers is given up on after this (the production default is 10 s). */
const CALL_TIMEOUT_MS = 1_500;
const STORM_RUNS = 8;
const HEALING_RUNS = 6;

describe("carrier storm", () => {
  let sandbox: SandboxServer;
  let deps: AppDeps;
  // Our clock follows the sandbox's, plus whatever the scenario lets pass (breaker pauses, rescheduling).
  let offsetMs = 0;

  beforeAll(async () => {
    sandbox = await startSandboxServer({ seed: 31 });
    const secrets = createSecretBox(TEST_APP_SECRET);
    deps = createTestDeps({
      secrets,
      now: () => new Date(sandbox.sandboxes.clock.now() + offsetMs),
      adapters: createAdapterRegistry({
        secrets,
        logger: silentLogger,
        rateLimits: { sequel247: { capacity: 1_000, refillPerSecond: 1_000 } },
        fetch: (input, init) =>
          fetch(input, {
            ...init,
            signal: AbortSignal.any([
              ...(init?.signal ? [init.signal] : []),
              AbortSignal.timeout(CALL_TIMEOUT_MS),
            ]),
          }),
      }),
    });
  });
  afterAll(async () => {
    await deps?.sync.stop();
    await sandbox?.close();
  });

  it("converges to the ground truth once the carrier heals; the breaker opens and closes again", async () => {
    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    const carrier = sandbox.sandboxes.sequel247.control;
    const scenarios = [
      "delivered",
      "failed_attempt_then_delivered",
      "rto",
      "postponed",
      "lost",
    ] as const;
    for (let i = 0; i < PROFILE.carrierStormShipments; i++) {
      const orderNumber = formatOrderNumber(2026, 700_000 + i);
      const truth = carrier.createShipment({
        scenario: scenarios[i % scenarios.length] as (typeof scenarios)[number],
        orderNumber,
      });
      const { shipmentId } = createShippedOrder(deps.db, {
        carrier: "sequel247",
        accountId: account.id,
        orderNumber,
        trackingNumber: truth.trackingNumber,
      });
      deps.db
        .update(schema.shipments)
        .set({ nextCheckAt: deps.now() })
        .where(eq(schema.shipments.id, shipmentId))
        .run();
    }
    await sandbox.sandboxes.advance(2 * DAY);

    const accountRow = () => {
      const row = deps.db
        .select()
        .from(schema.carrierAccounts)
        .where(eq(schema.carrierAccounts.id, account.id))
        .get();
      if (!row) throw new Error("account vanished");
      return row;
    };
    const breakerStates = new Set<string>();
    const runStates: string[] = [];
    /** One scheduled tick: a run, or the breaker's refusal, then time passes as the scheduler would let it. */
    const tick = async (stepMs: number) => {
      try {
        const run = await syncAccount(deps, { accountId: account.id, trigger: "schedule" });
        runStates.push(run.state);
      } catch (error) {
        if (!isDomainError(error) || error.code !== "CONFLICT") throw error;
        runStates.push("refused");
      }
      breakerStates.add(breakerStateOf(accountRow(), deps.now()));
      const pausedUntil = accountRow().disabledUntil?.getTime();
      offsetMs += stepMs;
      if (pausedUntil !== undefined)
        offsetMs = Math.max(offsetMs, pausedUntil - sandbox.sandboxes.clock.now() + 1_000);
    };

    carrier.faults.set({
      errorRate: 0.5,
      timeoutRate: 0.05,
      rateLimitBurst: 40,
      retryAfterSeconds: 1,
    });
    for (let i = 0; i < STORM_RUNS; i++) {
      if (i % 3 === 0) carrier.faults.set({ rateLimitBurst: 40 });
      await tick(10 * 60_000);
    }
    const storm = { ...carrier.faults.counters };
    carrier.faults.reset();

    // Healed. Every shipment is due again within a day of our clock; the sandbox's world stands still.
    let healingRuns = 0;
    for (; healingRuns < HEALING_RUNS; healingRuns++) {
      await tick(DAY);
      if (
        diffStates(truthStates(carrier.groundTruth()), ourStates(deps.db, account.id)).mismatches
          .length === 0
      )
        break;
    }
    const healing = { ...carrier.faults.counters };
    const diff = diffStates(truthStates(carrier.groundTruth()), ourStates(deps.db, account.id));
    const final = accountRow();
    // What a healthy carrier would have needed: one trackMultiple call per 50 shipments.
    const minimalCalls = Math.ceil(PROFILE.carrierStormShipments / 50);
    report("carrier storm", {
      shipments: PROFILE.carrierStormShipments,
      runs: runStates,
      breakerStatesSeen: [...breakerStates],
      stormCalls: storm.requests,
      storm5xx: storm.errors5xx,
      storm429: storm.rateLimited,
      stormTimeouts: storm.timeouts,
      healingRuns: healingRuns + 1,
      healingCalls: healing.requests,
      minimalCalls,
      extraCalls: storm.requests + healing.requests - minimalCalls,
      errorCount: final.errorCount,
      mismatches: diff.mismatches.length,
    });

    expect(storm.errors5xx).toBeGreaterThan(0);
    expect(storm.rateLimited).toBeGreaterThan(0);
    expect(breakerStates.has("open")).toBe(true);
    expect(runStates).toContain("failed");
    expect(diff.compared).toBe(PROFILE.carrierStormShipments);
    expect(diff.mismatches).toEqual([]);
    expect(breakerStateOf(final, deps.now())).toBe("closed");
    expect(final.consecutiveFailures).toBe(0);
    expect(final.active).toBe(true);
  });
});
