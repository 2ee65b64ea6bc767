/**
 * Live-push benchmark (issue 5), run by `pnpm bench`. Not a test: it measures and records.
 *
 * 1. Heap per idle subscriber: the server (its own process, --expose-gc) holds 10,000 subscriptions
 *    opened over real WebSockets with the tRPC client (2,000 connections × 5 subscriptions, as browser
 *    tabs would). Heap after GC, minus the heap before the clients connected, divided by 10,000; the
 *    connections' own cost is included.
 * 2. Change → frame latency: 1,000 and then 10,000 subscribers (one tab each, `orders.onUpdate` on its order) while the
 *    server commits 1,000 changes a second, each in its own transaction followed by a wake, as `events`
 *    rows (the push path alone: tailer, registry, generators, tRPC, WebSocket). Latency is the time from
 *    the commit's end in the server to the frame's arrival in the client, on the machine's one clock;
 *    p50, p99 and p99.9 per round, and the median of three rounds.
 *    Then the same end to end through the tracking engine's commit path, at a rate it sustains on this
 *    machine (each engine commit costs a few ms, mostly drizzle building and preparing its queries).
 *
 * Loopback only; stops by itself (and gives up after a few minutes). Writes bench/results/subscribers.json
 * at the repository root.
 */
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createWsTrpcClient } from "../src/testing/ws-client";
import { median, percentile, round } from "./lib/stats";

const IDLE_CONNECTIONS = 2_000;
const SUBSCRIPTIONS_PER_CONNECTION = 5;
/** One tab each, subscribed to its own order: the two sizes. */
const LATENCY_SUBSCRIBERS = [1_000, 10_000];
const CHANGES_PER_SECOND = 1_000;
const ENGINE_CHANGES_PER_SECOND = 200;
const LATENCY_SECONDS = 4;
const LATENCY_ROUNDS = 3;
const WATCHDOG_MS = 5 * 60_000;

type Customer = { cookie: string; orderId: string; userId: string; shipmentId: string };
type DriveMode = "events" | "engine";

const here = fileURLToPath(new URL(".", import.meta.url));
const resultsDir = fileURLToPath(new URL("../../../bench/results/", import.meta.url));
const dataDir = mkdtempSync(join(tmpdir(), "waybill-bench-subscribers-"));

const child = fork(join(here, "subscribers-server.ts"), [], {
  execArgv: ["--expose-gc", "--import", "tsx"],
  env: { ...process.env, BENCH_DATA_DIR: dataDir },
  stdio: ["ignore", "inherit", "inherit", "ipc"],
});

const watchdog = setTimeout(() => {
  process.stderr.write("subscribers bench: gave up after the watchdog timeout\n");
  child.kill();
  process.exit(1);
}, WATCHDOG_MS);
watchdog.unref();

const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let ready: () => void;
const childReady = new Promise<void>((resolve) => {
  ready = resolve;
});
child.on("message", (message: { id: number; result?: unknown; error?: string }) => {
  if (message.id === 0) return ready();
  const waiter = pending.get(message.id);
  pending.delete(message.id);
  if (message.error) waiter?.reject(new Error(message.error));
  else waiter?.resolve(message.result);
});
child.on("exit", (code) => {
  for (const waiter of pending.values()) waiter.reject(new Error(`server exited (${code})`));
});

let requestId = 0;
function ask<T>(request: Record<string, unknown>): Promise<T> {
  requestId += 1;
  const id = requestId;
  return new Promise<T>((resolve, reject) => {
    pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
    child.send({ ...request, id });
  });
}

async function waitForSubscribers(expected: number) {
  for (let i = 0; i < 6_000; i++) {
    const { subscribers } = await ask<{ subscribers: number }>({ type: "count" });
    if (subscribers === expected) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`expected ${expected} live subscriptions on the server`);
}

async function measureIdleHeap(url: string, customers: Customer[]) {
  // Warm-up: one connection loads and compiles every code path first, so it is not counted.
  const warm = createWsTrpcClient(url, { cookie: customers[0]?.cookie, origin: url });
  const warmSub = warm.client.notifications.onNew.subscribe(undefined, {});
  await waitForSubscribers(1);
  warmSub.unsubscribe();
  warm.close();
  await waitForSubscribers(0);

  const before = await ask<{ heapUsed: number }>({ type: "heap" });
  const clients = customers.slice(0, IDLE_CONNECTIONS).map((customer) => {
    const socket = createWsTrpcClient(url, { cookie: customer.cookie, origin: url });
    const subs = [
      socket.client.orders.onMine.subscribe(undefined, {}),
      socket.client.notifications.onNew.subscribe(undefined, {}),
      ...Array.from({ length: SUBSCRIPTIONS_PER_CONNECTION - 2 }, () =>
        socket.client.orders.onUpdate.subscribe({ orderId: customer.orderId }, {}),
      ),
    ];
    return { socket, subs };
  });
  const subscribers = IDLE_CONNECTIONS * SUBSCRIPTIONS_PER_CONNECTION;
  await waitForSubscribers(subscribers);
  const samples: number[] = [];
  for (let i = 0; i < 3; i++)
    samples.push((await ask<{ heapUsed: number }>({ type: "heap" })).heapUsed);
  const delta = median(samples) - before.heapUsed;

  for (const { socket, subs } of clients) {
    for (const sub of subs) sub.unsubscribe();
    socket.close();
  }
  await waitForSubscribers(0);
  return {
    subscribers,
    connections: IDLE_CONNECTIONS,
    heapBeforeBytes: before.heapUsed,
    heapDeltaBytes: delta,
    bytesPerSubscriber: Math.round(delta / subscribers),
    bytesPerConnection: Math.round(delta / IDLE_CONNECTIONS),
  };
}

async function measureLatencyRound(
  url: string,
  customers: Customer[],
  mode: DriveMode,
  ratePerSecond: number,
  subscribers: number,
) {
  // Start each round from a collected heap, so one round's garbage does not pause the next.
  await ask({ type: "heap" });
  const arrivals = new Map<string, number>();
  const clients = customers.slice(0, subscribers).map((customer) => {
    const socket = createWsTrpcClient(url, { cookie: customer.cookie, origin: url });
    const sub = socket.client.orders.onUpdate.subscribe(
      { orderId: customer.orderId },
      {
        onData: (frame) => {
          arrivals.set(frame.id, performance.timeOrigin + performance.now());
        },
      },
    );
    return { socket, sub };
  });
  await waitForSubscribers(subscribers);

  const { commits } = await ask<{ commits: Array<[number, number]> }>({
    type: "drive",
    mode,
    targets: customers
      .slice(0, subscribers)
      .map(({ orderId, userId, shipmentId }) => ({ orderId, userId, shipmentId })),
    ratePerSecond,
    seconds: LATENCY_SECONDS,
  });
  const lastId = String(commits.at(-1)?.[0]);
  for (let i = 0; i < 500 && !arrivals.has(lastId); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const latencies = commits
    .map(([eventId, committedAt]) => {
      const arrivedAt = arrivals.get(String(eventId));
      return arrivedAt === undefined ? null : arrivedAt - committedAt;
    })
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);

  for (const { socket, sub } of clients) {
    sub.unsubscribe();
    socket.close();
  }
  await waitForSubscribers(0);
  return {
    changes: commits.length,
    frames: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    p999Ms: percentile(latencies, 99.9),
    maxMs: latencies.at(-1) ?? Number.NaN,
  };
}

try {
  await childReady;
  const { url, customers } = await ask<{ url: string; customers: Customer[] }>({
    type: "fixtures",
    count: Math.max(IDLE_CONNECTIONS, ...LATENCY_SUBSCRIBERS),
  });

  const idle = await measureIdleHeap(url, customers);
  process.stdout.write(
    `idle subscribers: ${idle.subscribers} on ${idle.connections} WebSockets, ` +
      `${(idle.bytesPerSubscriber / 1024).toFixed(1)} KB heap per subscriber ` +
      `(${(idle.bytesPerConnection / 1024).toFixed(1)} KB per connection of ${SUBSCRIPTIONS_PER_CONNECTION})\n`,
  );

  const measure = async (mode: DriveMode, ratePerSecond: number, subscribers: number) => {
    const rounds = [];
    for (let i = 0; i < LATENCY_ROUNDS; i++) {
      rounds.push(await measureLatencyRound(url, customers, mode, ratePerSecond, subscribers));
    }
    const result = {
      mode,
      subscribers,
      changesPerSecond: ratePerSecond,
      secondsPerRound: LATENCY_SECONDS,
      rounds: rounds.map((r) => ({
        ...r,
        p50Ms: round(r.p50Ms),
        p99Ms: round(r.p99Ms),
        p999Ms: round(r.p999Ms),
        maxMs: round(r.maxMs),
      })),
      medianP50Ms: round(median(rounds.map((r) => r.p50Ms))),
      medianP99Ms: round(median(rounds.map((r) => r.p99Ms))),
      medianP999Ms: round(median(rounds.map((r) => r.p999Ms))),
      framesDelivered: `${rounds.reduce((n, r) => n + r.frames, 0)}/${rounds.reduce((n, r) => n + r.changes, 0)}`,
    };
    process.stdout.write(
      `change -> frame (${mode}) at ${ratePerSecond}/s with ${subscribers} subscribers: ` +
        `p50 ${result.medianP50Ms} ms, p99 ${result.medianP99Ms} ms, p99.9 ${result.medianP999Ms} ms ` +
        `(median of ${LATENCY_ROUNDS} rounds; frames ${result.framesDelivered})\n`,
    );
    return result;
  };
  const [fewer, more] = LATENCY_SUBSCRIBERS as [number, number];
  const latency = await measure("events", CHANGES_PER_SECOND, fewer);
  const latencyAtScale = await measure("events", CHANGES_PER_SECOND, more);
  const engineLatency = await measure("engine", ENGINE_CHANGES_PER_SECOND, fewer);

  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    join(resultsDir, "subscribers.json"),
    `${JSON.stringify(
      {
        bench: "subscribers",
        recordedAt: new Date().toISOString(),
        machine: { cpus: cpus().length, node: process.version },
        idle,
        latency,
        latencyAtScale,
        engineLatency,
      },
      null,
      2,
    )}\n`,
  );
  await ask({ type: "stop" });
} catch (error) {
  process.stderr.write(`subscribers bench failed: ${String(error)}\n`);
  process.exitCode = 1;
  child.kill();
} finally {
  clearTimeout(watchdog);
  rmSync(dataDir, { recursive: true, force: true });
}
