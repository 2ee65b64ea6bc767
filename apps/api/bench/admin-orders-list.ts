/**
 * Admin orders list benchmark, run by `pnpm bench`. Not a test: it measures and records.
 *
 * 200,000 orders (seedBulk) in a database file, 70% of the open ones handed to the three carriers with
 * carrier-shaped tracking numbers (seedBulkShipments). Each case calls `admin.orders.list` through the
 * tRPC caller as an admin (input validation, the query, its total, the shipments of the page), many times
 * in a row, and reports p50 / p99: the first page, a deep page by cursor, each filter, each kind of search.
 *
 * BENCH_ADMIN_ORDERS (default 200000) and BENCH_ADMIN_ITERATIONS (default 200) change the size; a slow case
 * stops after 8 s of calls (at least 20), so its p99 is then close to its maximum.
 * Writes bench/results/admin-orders-list.json.
 */
import { seedBulk, seedBulkShipments } from "@waybill/db/seed";
import { callerFor, createTestUser } from "../src/testing/caller";
import { createTestDeps } from "../src/testing/deps";
import type { RouterInputs } from "../src/trpc/routers/_app";
import { note, writeBenchResult } from "./lib/results";
import { createBenchDatabase } from "./lib/seeded-db";
import { round, summarizeLatencies } from "./lib/stats";

const ORDERS = Number(process.env.BENCH_ADMIN_ORDERS ?? 200_000);
const ITERATIONS = Number(process.env.BENCH_ADMIN_ITERATIONS ?? 200);
const WARMUP = 5;
/** A slow case stops after this long (with at least MIN_SAMPLES), so the whole bench stays in minutes. */
const CASE_BUDGET_MS = 8_000;
const MIN_SAMPLES = 20;
const SHIPPED_SHARE = 0.7;
const DAY = 86_400_000;
/** The same p99 target as `queries.ts` holds admin.orders.list to, for every case here. */
const TARGET_P99_MS = 200;

type ListInput = RouterInputs["admin"]["orders"]["list"];

async function main() {
  const now = new Date();
  const database = createBenchDatabase("admin-orders");
  const { db } = database;
  try {
    note(`seeding ${ORDERS.toLocaleString()} orders…`);
    const seeded = seedBulk(db, { orders: ORDERS, passwordHash: "bench", now, spreadDays: 365 });
    const accounts = (["shiprocket", "sequel247", "maystro"] as const).map((carrier) =>
      database.addAccount(carrier, `http://127.0.0.1:9/${carrier}`),
    );
    const shipped = seedBulkShipments(db, {
      accounts,
      share: SHIPPED_SHARE,
      states: {
        shiprocket: [inTransit("6", "SHIPPED"), delivered("7", "DELIVERED")],
        sequel247: [inTransit("OFD", "Out for delivery"), delivered("DLV", "Delivered")],
        maystro: [inTransit("31", "Shipped"), delivered("41", "Delivered")],
      },
      now,
    });
    db.$client.pragma("optimize");
    note(
      `seeded ${seeded.orders.toLocaleString()} orders, ${shipped.shipments.toLocaleString()} shipments`,
    );

    const deps = createTestDeps({ db });
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const list = (input: ListInput) => admin.admin.orders.list(input);

    // Real values to search and filter by, taken from the data rather than guessed.
    const sample = db.$client
      .prepare(
        `select o.number as number, o.contact_email as email, s.tracking_number as tracking
         from orders o join shipments s on s.order_id = o.id
         where s.tracking_number is not null order by o.rowid limit 1 offset ?`,
      )
      .get(Math.floor(shipped.shipments / 2)) as {
      number: string;
      email: string;
      tracking: string;
    };
    const deepCursor = await cursorAfterPages(list, 20);
    const monthAgo = new Date(now.getTime() - 30 * DAY).toISOString();

    const cases: Array<{ name: string; input: ListInput }> = [
      { name: "first page, no filter (newest, 50, with total)", input: {} },
      { name: "page 21 by cursor, no filter", input: { cursor: deepCursor } },
      { name: "oldest first", input: { sort: "oldest" } },
      { name: "200 per page", input: { limit: 200 } },
      { name: "status = confirmed", input: { status: ["confirmed"] } },
      { name: "status = delivered, returned", input: { status: ["delivered", "returned"] } },
      { name: "carrier = maystro", input: { carrier: "maystro" } },
      { name: "account = sequel247 account", input: { accountId: accounts[1]?.id } },
      { name: "placed in the last 30 days", input: { from: monthAgo, to: now.toISOString() } },
      {
        name: "status + carrier + last 30 days",
        input: { status: ["shipped"], carrier: "shiprocket", from: monthAgo },
      },
      { name: "search: exact order number", input: { search: sample.number } },
      { name: "search: order number prefix", input: { search: sample.number.slice(0, 12) } },
      { name: "search: customer e-mail", input: { search: sample.email } },
      { name: "search: tracking number", input: { search: sample.tracking } },
      { name: "search: no match", input: { search: "0000000000" } },
    ];

    const results = [];
    for (const { name, input } of cases) {
      let page = await list(input);
      for (let i = 0; i < WARMUP; i++) await list(input);
      const samples: number[] = [];
      const deadline = performance.now() + CASE_BUDGET_MS;
      while (
        samples.length < ITERATIONS &&
        (samples.length < MIN_SAMPLES || performance.now() < deadline)
      ) {
        const started = performance.now();
        page = await list(input);
        samples.push(performance.now() - started);
      }
      const latency = summarizeLatencies(samples);
      results.push({ name, rows: page.items.length, total: page.total, ...latency });
      console.log(
        `${name.padEnd(48)} n ${String(latency.count).padStart(3)}  rows ${String(page.items.length).padStart(3)}  total ${String(
          page.total ?? "-",
        ).padStart(7)}  p50 ${latency.p50Ms.toFixed(2).padStart(7)} ms  p99 ${latency.p99Ms
          .toFixed(2)
          .padStart(7)} ms`,
      );
    }

    const worstP99 = Math.max(...results.map((r) => r.p99Ms));
    const unfiltered = results[0];
    const filtered = results.slice(4);
    console.log(
      `\nadmin.orders.list over ${ORDERS.toLocaleString()} orders: no filter p50 ${unfiltered?.p50Ms} ms / p99 ${unfiltered?.p99Ms} ms; ` +
        `filters and search p50 ${round(Math.max(...filtered.map((r) => r.p50Ms)))} ms (worst) / ` +
        `worst p99 ${round(worstP99)} ms (target p99 ≤ ${TARGET_P99_MS} ms: ${
          worstP99 <= TARGET_P99_MS ? "met" : "NOT met"
        })`,
    );
    const file = writeBenchResult("admin-orders-list", {
      orders: ORDERS,
      shipments: shipped.shipments,
      iterations: ITERATIONS,
      targetP99Ms: TARGET_P99_MS,
      worstP99Ms: round(worstP99, 3),
      // Keyed by case, so the summary (which walks objects, not arrays) shows every figure.
      latency: Object.fromEntries(results.map((r) => [r.name, { p50Ms: r.p50Ms, p99Ms: r.p99Ms }])),
      cases: results,
    });
    note(`wrote ${file}`);
  } finally {
    database.remove();
  }
}

function inTransit(rawCode: string, rawLabel: string) {
  return {
    scans: [
      {
        afterMs: 6 * 3_600_000,
        rawCode,
        rawLabel,
        status: "in_transit" as const,
        substatus: null,
        location: "Hub",
        description: rawLabel,
      },
    ],
    status: "in_transit" as const,
    substatus: null,
    orderStatus: "shipped" as const,
  };
}

function delivered(rawCode: string, rawLabel: string) {
  return {
    scans: [
      {
        afterMs: 3 * DAY,
        rawCode,
        rawLabel,
        status: "delivered" as const,
        substatus: null,
        location: "Doorstep",
        description: rawLabel,
      },
    ],
    status: "delivered" as const,
    substatus: null,
    orderStatus: "delivered" as const,
  };
}

/** The cursor of page `pages + 1` of the unfiltered list, walked as an admin clicking "Next" would. */
async function cursorAfterPages(
  list: (input: ListInput) => Promise<{ nextCursor: string | null }>,
  pages: number,
): Promise<string | null> {
  let cursor: string | null = null;
  for (let i = 0; i < pages; i++) cursor = (await list({ cursor })).nextCursor;
  return cursor;
}

await main();
