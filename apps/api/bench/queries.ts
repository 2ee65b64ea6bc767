/**
 * Query benchmark at scale, run by `pnpm bench`. Not a test: it measures and records.
 *
 * A database file with 1,000,000 orders (100,000 customers), most of them shipped with one of four carrier
 * accounts, and about 5,000,000 tracking events whose codes, times and statuses come from the sandboxes'
 * scenarios. Then `orders.my`, `orders.byId` and `admin.orders.list` (with each filter, search and a second
 * page) are called through the tRPC router in process, as a signed-in customer or admin: input validation,
 * middlewares and the queries, without the HTTP hop. p50/p99 over many calls, after a warm-up.
 *
 * The seeded file is kept in the OS temp folder between runs (keyed by the seed's version and size), because
 * seeding takes minutes; each run works on a copy with the current migrations applied. BENCH_FRESH=1 seeds again.
 * Writes bench/results/queries.json.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CARRIERS, type CarrierId } from "@waybill/carriers/statuses";
import { closeDb, createDb, type Db, migrateDb, type PublicUser } from "@waybill/db";
import { type BulkShipmentState, seedBulk, seedBulkShipments } from "@waybill/db/seed";
import { workspacePaths } from "../src/paths";
import { callerFor } from "../src/testing/caller";
import { createTestDeps } from "../src/testing/deps";
import { sandboxShipmentStates } from "./lib/bulk-states";
import { startWatchdog } from "./lib/child";
import { note, scaledDownBy, writeBenchResult } from "./lib/results";
import { createBenchDatabase } from "./lib/seeded-db";
import { round, summarizeLatencies } from "./lib/stats";

const ORDERS = Number(process.env.BENCH_QUERY_ORDERS ?? 1_000_000);
const TRACKING_EVENTS = Number(process.env.BENCH_QUERY_EVENTS ?? 5_000_000);
const CALLS = Number(process.env.BENCH_QUERY_CALLS ?? 400);
const WARMUP_CALLS = 20;
/** A slow query stops after this long (with at least MIN_CALLS), so the bench stays within minutes. */
const CASE_BUDGET_MS = 10_000;
const MIN_CALLS = 30;
const TARGETS = { ordersMyP99Ms: 20, adminListP99Ms: 200 };
const ACCOUNTS: Array<{ carrier: CarrierId; name: string }> = [
  { carrier: "shiprocket", name: "Shiprocket main" },
  { carrier: "shiprocket", name: "Shiprocket express" },
  { carrier: "sequel247", name: "Sequel247" },
  { carrier: "maystro", name: "Maystro" },
];
const SEED_VERSION = 2;

const stopWatchdog = startWatchdog("queries bench", 25 * 60_000);

async function seededDatabaseFile(): Promise<string> {
  // Migrations are applied to the working copy, so a cached seed stays valid across new indexes.
  const key = `v${SEED_VERSION}-${ORDERS}-${TRACKING_EVENTS}`;
  const cacheDir = join(tmpdir(), "waybill-bench-cache");
  const cached = join(cacheDir, `queries-${key}.db`);
  if (existsSync(cached) && !process.env.BENCH_FRESH) {
    note(`reusing the seeded database ${cached}`);
    return cached;
  }
  mkdirSync(cacheDir, { recursive: true });
  for (const stale of readdirSync(cacheDir)) {
    if (stale.startsWith("queries-")) rmSync(join(cacheDir, stale), { force: true });
  }

  const database = createBenchDatabase("queries");
  const started = performance.now();
  note(`seeding ${ORDERS} orders`);
  seedBulk(database.db, {
    orders: ORDERS,
    passwordHash: "bench",
    now: new Date(),
    onProgress: (done, total) => {
      if (done % 200_000 === 0 || done === total) note(`  ${done} orders`);
    },
  });
  const accounts = ACCOUNTS.map(({ carrier }) =>
    database.addAccount(carrier, `http://127.0.0.1:9/${carrier}`),
  );
  for (const [i, account] of accounts.entries()) {
    database.db.$client
      .prepare("update carrier_accounts set name = ? where id = ?")
      .run(ACCOUNTS[i]?.name, account.id);
  }
  const states: Partial<Record<CarrierId, BulkShipmentState[]>> = {};
  for (const carrier of CARRIERS)
    states[carrier] = weightFinished(await sandboxShipmentStates(carrier));
  const all = Object.values(states).flat();
  const averageScans = all.reduce((sum, state) => sum + state.scans.length, 0) / all.length;
  const { n: eligible } = database.db.$client
    .prepare("select count(*) as n from orders where status <> 'cancelled'")
    .get() as { n: number };
  const share = Math.min(1, TRACKING_EVENTS / (eligible * averageScans));
  note(
    `shipping ${Math.round(share * 100)}% of ${eligible} orders, ${averageScans.toFixed(1)} scans each`,
  );
  const seeded = seedBulkShipments(database.db, {
    accounts,
    share,
    states,
    nextCheckAt: null,
    now: new Date(),
    onProgress: (done) => {
      if (done % 200_000 < 10_000) note(`  ${done} shipments`);
    },
  });
  database.db.$client.pragma("wal_checkpoint(TRUNCATE)");
  database.db.$client.exec("analyze");
  database.close();
  note(
    `seeded ${seeded.shipments} shipments, ${seeded.scans} tracking events in ${Math.round((performance.now() - started) / 1000)} s`,
  );
  renameSync(database.path, cached);
  rmSync(database.dir, { recursive: true, force: true });
  return cached;
}

/**
 * A year of orders is mostly settled: each scenario's finished state is drawn as often as all its passing
 * states together, as in a shop's real history.
 */
function weightFinished(states: BulkShipmentState[]): BulkShipmentState[] {
  const keyOf = (state: BulkShipmentState, length = state.scans.length) =>
    state.scans
      .slice(0, length)
      .map((scan) => `${scan.rawCode}@${scan.afterMs}`)
      .join("|");
  const prefixes = new Set(
    states.flatMap((state) => state.scans.slice(1).map((_, i) => keyOf(state, i + 1))),
  );
  const finished = states.filter((state) => !prefixes.has(keyOf(state)));
  const copies = Math.max(1, Math.round(states.length / Math.max(1, finished.length)));
  return [...states, ...finished.flatMap((state) => Array.from({ length: copies }, () => state))];
}

type Sample = { name: string; run: () => unknown };

async function measure(samples: Sample[]) {
  const results: Record<string, ReturnType<typeof summarizeLatencies>> = {};
  for (const sample of samples) {
    const warmupStarted = performance.now();
    for (
      let i = 0;
      i < WARMUP_CALLS && performance.now() - warmupStarted < CASE_BUDGET_MS / 5;
      i++
    ) {
      await sample.run();
    }
    const times: number[] = [];
    const caseStarted = performance.now();
    for (let i = 0; i < CALLS; i++) {
      const started = performance.now();
      await sample.run();
      times.push(performance.now() - started);
      if (i >= MIN_CALLS && performance.now() - caseStarted > CASE_BUDGET_MS) break;
    }
    results[sample.name] = summarizeLatencies(times);
    const r = results[sample.name];
    note(`${sample.name.padEnd(42)} p50 ${r?.p50Ms} ms  p99 ${r?.p99Ms} ms`);
  }
  return results;
}

function pick<T>(list: readonly T[], i: number): T {
  return list[(i * 7_919) % list.length] as T;
}

let db: Db | undefined;
// Measured on a copy, so a bench run never changes the cached seed.
const workDir = join(tmpdir(), `waybill-bench-queries-${process.pid}`);
try {
  const cached = await seededDatabaseFile();
  mkdirSync(workDir, { recursive: true });
  const path = join(workDir, "waybill.db");
  copyFileSync(cached, path);
  db = createDb(path);
  migrateDb(db, workspacePaths().migrations);
  const deps = createTestDeps({ db });

  const counts = db.$client
    .prepare(
      "select (select count(*) from orders) as orders, (select count(*) from shipments) as shipments, (select count(*) from tracking_events) as trackingEvents, (select count(*) from users) as users",
    )
    .get() as Record<string, number>;
  note(`${JSON.stringify(counts)}`);

  // Customers with the most orders are the slowest "my orders" pages: take a spread of typical ones.
  const customers = db.$client
    .prepare(
      "select u.id, u.email, u.name, u.role, u.phone, u.created_at as createdAt from users u where u.role = 'customer' and u.rowid % 500 = 0 limit 200",
    )
    .all() as Array<PublicUser & { id: string }>;
  const orderOf = db.$client.prepare(
    "select id from orders where user_id = ? order by created_at desc limit 1",
  );
  const customerOrders = customers.map((c) => ({
    user: c,
    orderId: (orderOf.get(c.id) as { id: string } | undefined)?.id,
  }));
  const shippedOrders = customerOrders.filter((c) => c.orderId !== undefined) as Array<{
    user: PublicUser;
    orderId: string;
  }>;
  const admin = {
    id: "bench-admin",
    email: "admin@bench.test",
    name: "Bench Admin",
    role: "admin",
  } as PublicUser;
  const adminCaller = callerFor(deps, admin);
  const callers = new Map(customers.map((c) => [c.id, callerFor(deps, c)]));
  const accounts = db.$client.prepare("select id, carrier from carrier_accounts").all() as Array<{
    id: string;
    carrier: CarrierId;
  }>;
  const probes = db.$client
    .prepare(
      "select o.number, o.contact_email as email, s.tracking_number as tracking from orders o join shipments s on s.order_id = o.id where o.rowid % 5000 = 0 limit 200",
    )
    .all() as Array<{ number: string; email: string; tracking: string }>;
  const secondPage = await adminCaller.admin.orders.list({ limit: 50 });
  const monthAgo = new Date(Date.now() - 30 * 86_400_000);

  let i = 0;
  const next = () => {
    i += 1;
    return i;
  };
  const results = await measure([
    {
      name: "orders.my (first page of 20)",
      run: () => {
        const c = pick(customerOrders, next());
        return callers.get(c.user.id)?.orders.my({ limit: 20 });
      },
    },
    {
      name: "orders.byId",
      run: () => {
        const c = pick(shippedOrders, next());
        return callers.get(c.user.id)?.orders.byId({ orderId: c.orderId });
      },
    },
    {
      name: "admin.orders.list (newest 50)",
      run: () => adminCaller.admin.orders.list({ limit: 50 }),
    },
    {
      name: "admin.orders.list (page 2)",
      run: () => adminCaller.admin.orders.list({ limit: 50, cursor: secondPage.nextCursor }),
    },
    {
      name: "admin.orders.list (status)",
      run: () =>
        adminCaller.admin.orders.list({
          limit: 50,
          status: [pick(["shipped", "out_for_delivery", "returned"] as const, next())],
        }),
    },
    {
      name: "admin.orders.list (two statuses)",
      run: () => adminCaller.admin.orders.list({ limit: 50, status: ["delivered", "returned"] }),
    },
    {
      name: "admin.orders.list (carrier)",
      run: () => adminCaller.admin.orders.list({ limit: 50, carrier: pick(CARRIERS, next()) }),
    },
    {
      name: "admin.orders.list (account)",
      run: () => adminCaller.admin.orders.list({ limit: 50, accountId: pick(accounts, next()).id }),
    },
    {
      name: "admin.orders.list (last 30 days)",
      run: () => adminCaller.admin.orders.list({ limit: 50, from: monthAgo }),
    },
    {
      name: "admin.orders.list (status + carrier + 30 days)",
      run: () =>
        adminCaller.admin.orders.list({
          limit: 50,
          status: ["delivered"],
          carrier: pick(CARRIERS, next()),
          from: monthAgo,
        }),
    },
    {
      name: "admin.orders.list (search order number)",
      run: () => adminCaller.admin.orders.list({ limit: 50, search: pick(probes, next()).number }),
    },
    {
      name: "admin.orders.list (search tracking number)",
      run: () =>
        adminCaller.admin.orders.list({ limit: 50, search: pick(probes, next()).tracking }),
    },
    {
      name: "admin.orders.list (search e-mail)",
      run: () => adminCaller.admin.orders.list({ limit: 50, search: pick(probes, next()).email }),
    },
  ]);

  const adminP99 = Math.max(
    ...Object.entries(results)
      .filter(([name]) => name.startsWith("admin.orders.list"))
      .map(([, r]) => r.p99Ms),
  );
  const myP99 = results["orders.my (first page of 20)"]?.p99Ms ?? Number.NaN;
  writeBenchResult(
    "queries",
    {
      setup: {
        ...counts,
        callsPerQuery: CALLS,
        warmupCalls: WARMUP_CALLS,
        through: "tRPC caller, in process",
      },
      results,
      worst: { ordersMyP99Ms: myP99, adminListP99Ms: round(adminP99, 3) },
      targets: TARGETS,
      hit: {
        ordersMyP99Ms: myP99 <= TARGETS.ordersMyP99Ms,
        adminListP99Ms: adminP99 <= TARGETS.adminListP99Ms,
      },
    },
    { scaledDown: scaledDownBy("BENCH_QUERY_ORDERS", "BENCH_QUERY_EVENTS", "BENCH_QUERY_CALLS") },
  );
  process.stdout.write(
    `queries at ${counts.orders} orders / ${counts.trackingEvents} tracking events: orders.my p99 ${myP99} ms, ` +
      `orders.byId p99 ${results["orders.byId"]?.p99Ms} ms, admin.orders.list worst p99 ${round(adminP99, 2)} ms\n`,
  );
} catch (error) {
  process.stderr.write(
    `queries bench failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
} finally {
  if (db) closeDb(db);
  rmSync(workDir, { recursive: true, force: true });
  stopWatchdog();
}
