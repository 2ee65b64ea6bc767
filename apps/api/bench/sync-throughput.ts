/**
 * Sync throughput benchmark, run by `pnpm bench`. Not a test: it measures and records.
 *
 * 100,000 Sequel247 shipments, all due, in a database file; the Sequel247 sandbox (its own process, on a
 * loopback port) books the same dockets and plays two days of their scenarios. One sync pass of the account
 * (`syncAccount`: pages of due shipments, `trackMultiple` calls of 50 in parallel, the apply path, rescheduling,
 * progress rows) is timed with the sandbox answering at once, then, after another day of scans and with every
 * shipment due again, with 200 ms added to each carrier call. The account's request budget is raised for
 * the bench (the production budget, 5 calls/s, would measure the budget). Writes bench/results/sync-throughput.json.
 */
import { fileURLToPath } from "node:url";
import type { ScenarioName } from "@waybill/carriers/sandbox";
import { seedBulk, seedBulkShipments } from "@waybill/db/seed";
import { createAdapterRegistry } from "../src/carrier-accounts/adapters";
import { silentLogger } from "../src/lib/logger";
import { syncAccount } from "../src/sync/run";
import { createTestDeps } from "../src/testing/deps";
import { forkBenchChild, startWatchdog } from "./lib/child";
import { note, scaledDownBy, writeBenchResult } from "./lib/results";
import { createBenchDatabase } from "./lib/seeded-db";
import { round } from "./lib/stats";

const SHIPMENTS = Number(process.env.BENCH_SYNC_SHIPMENTS ?? 100_000);
const LATENCIES_MS = [0, 200];
const TARGET_PER_SECOND_AT_0MS = 2_000;
const DAY = 86_400_000;
const SCENARIOS: ScenarioName[] = [
  "delivered",
  "delivered",
  "delivered",
  "failed_attempt_then_delivered",
  "rto",
  "postponed",
  "lost",
  "unknown_code",
];

const stopWatchdog = startWatchdog("sync-throughput bench", 20 * 60_000);
const database = createBenchDatabase("sync");
const carrier = forkBenchChild<{ url: string }>(
  fileURLToPath(new URL("./sync-sandbox-server.ts", import.meta.url)),
);

try {
  const { url } = await carrier.ready;
  const account = database.addAccount("sequel247", `${url}/sequel247`);
  // Our clock runs with the sandbox's: its scenarios start three days ago and have played two of them.
  const startAt = Date.now() - 3 * DAY;
  note(`seeding ${SHIPMENTS} due Sequel247 shipments`);
  seedBulk(database.db, { orders: SHIPMENTS, passwordHash: "bench", now: new Date(startAt) });
  database.db.$client.prepare("update orders set status = 'processing'").run();
  seedBulkShipments(database.db, {
    accounts: [account],
    now: new Date(startAt),
    nextCheckAt: new Date(startAt),
  });
  const shipments = database.db.$client
    .prepare(
      "select s.tracking_number as docket, o.number as orderNumber from shipments s join orders o on o.id = s.order_id order by s.rowid",
    )
    .all() as Array<{ docket: string; orderNumber: string }>;
  await carrier.ask("book", {
    startAt,
    shipments: shipments.map((s, i) => ({ ...s, scenario: SCENARIOS[i % SCENARIOS.length] })),
  });
  await carrier.ask("advance", { ms: 2 * DAY });

  const deps = createTestDeps({
    db: database.db,
    adapters: createAdapterRegistry({
      secrets: database.secrets,
      logger: silentLogger,
      rateLimits: { sequel247: { capacity: 10_000, refillPerSecond: 10_000 } },
    }),
    secrets: database.secrets,
  });

  const passes = [];
  for (const latencyMs of LATENCIES_MS) {
    if (passes.length > 0) {
      await carrier.ask("advance", { ms: DAY });
      // Everything due again, terminal shipments included, so each pass covers every shipment.
      database.db.$client.prepare("update shipments set next_check_at = ?").run(Date.now() - 1_000);
    }
    await carrier.ask("faults", { faults: { latencyMs } });
    const before = await carrier.ask<{ requests: number }>("counters");
    const scansBefore = countScans();
    note(`sync pass at ${latencyMs} ms carrier latency`);
    const started = performance.now();
    const run = await syncAccount(deps, { accountId: account.id, trigger: "admin" });
    const seconds = (performance.now() - started) / 1000;
    const after = await carrier.ask<{ requests: number }>("counters");
    const pass = {
      latencyMs,
      state: run.state,
      due: run.due,
      checked: run.checked,
      changed: run.changed,
      failed: run.failed,
      newScans: countScans() - scansBefore,
      carrierCalls: after.requests - before.requests,
      seconds: round(seconds, 2),
      shipmentsPerSecond: round(run.checked / seconds, 0),
    };
    passes.push(pass);
    process.stdout.write(
      `sync pass, ${latencyMs} ms carrier latency: ${pass.checked}/${pass.due} shipments in ${pass.seconds} s ` +
        `= ${pass.shipmentsPerSecond}/s (${pass.changed} changed, ${pass.newScans} new scans, ` +
        `${pass.carrierCalls} carrier calls, ${pass.failed} failed)\n`,
    );
  }
  const atZero = passes.find((p) => p.latencyMs === 0);
  writeBenchResult(
    "sync-throughput",
    {
      setup: {
        shipments: SHIPMENTS,
        carrier: "sequel247",
        trackBatch: 50,
        note: "production tuning (pages of 500, 4 calls in flight); rate limit raised to 10,000 calls/s",
      },
      passes,
      targets: { shipmentsPerSecondAt0Ms: TARGET_PER_SECOND_AT_0MS },
      hit: {
        shipmentsPerSecondAt0Ms: (atZero?.shipmentsPerSecond ?? 0) >= TARGET_PER_SECOND_AT_0MS,
      },
    },
    { scaledDown: scaledDownBy("BENCH_SYNC_SHIPMENTS") },
  );
} catch (error) {
  process.stderr.write(
    `sync-throughput bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  await carrier.stop().catch(() => {});
  stopWatchdog();
  database.remove();
}

function countScans(): number {
  return (
    database.db.$client.prepare("select count(*) as n from tracking_events").get() as { n: number }
  ).n;
}
