/**
 * The server side of bench/subscribers.ts, in its own process so its heap is measured alone. It speaks
 * to the parent over IPC: "fixtures" (users with a session and a shipped order), "heap" (after GC),
 * "count" (live subscriptions), "drive" (commit changes at a rate, see DriveMode).
 */
import { join } from "node:path";
import { schema } from "@waybill/db";
import { openSession } from "../src/auth/sessions";
import { SESSION_TTL_MS } from "../src/deps";
import { loadEnv } from "../src/env";
import { silentLogger } from "../src/lib/logger";
import { startServer } from "../src/server";
import { carrierUpdate, createShippedOrder, scan } from "../src/testing/fixtures";
import { commitCarrierUpdates } from "../src/tracking/commit";

type Request =
  | { id: number; type: "fixtures"; count: number }
  | { id: number; type: "heap" }
  | { id: number; type: "count" }
  | {
      id: number;
      type: "drive";
      mode: DriveMode;
      targets: Target[];
      ratePerSecond: number;
      seconds: number;
    }
  | { id: number; type: "stop" };

/**
 * "events": each change is one `events` row committed in its own transaction, then a wake: exactly what
 * the live path consumes from any writer, so this measures the push path alone. "engine": each change
 * goes through the tracking engine's commit path (one transaction per change), which costs more per
 * change than the push path, so it runs at a rate the engine sustains.
 */
type DriveMode = "events" | "engine";
type Target = { orderId: string; userId: string; shipmentId: string };

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error("Run with --expose-gc");

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error("BENCH_DATA_DIR is required");

const server = await startServer(
  loadEnv({
    PORT: "0",
    DATABASE_URL: `file:${join(dataDir, "bench.db")}`,
    APP_SECRET: "bench-secret-bench-secret-bench-secret-01",
    LOG_LEVEL: "error",
    CARRIER_SANDBOX: "off",
  }),
  { serveSpas: false, jobs: false, logger: silentLogger },
);
const { deps } = server;

async function settledHeap(): Promise<number> {
  // Several passes with turns of the event loop in between, so finalizers and weak refs settle.
  for (let i = 0; i < 4; i++) {
    gc?.();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

let scanCounter = 0;
function commitOne(mode: DriveMode, target: Target): number {
  scanCounter += 1;
  if (mode === "events") {
    const row = deps.db
      .insert(schema.events)
      .values({
        topic: "order",
        orderId: target.orderId,
        userId: target.userId,
        payload: JSON.stringify({
          type: "shipment.updated",
          orderId: target.orderId,
          shipmentId: target.shipmentId,
          source: "webhook",
          status: "in_transit",
          substatus: null,
          orderStatus: "shipped",
          newEvents: 1,
          milestones: [],
        }),
      })
      .returning({ id: schema.events.id })
      .get();
    deps.bus.wake();
    return row.id;
  }
  const at = new Date(Date.UTC(2026, 0, 1) + scanCounter * 1000).toISOString();
  const update = carrierUpdate("shiprocket", [scan("in_transit", `B${scanCounter}`, at)]);
  const [change] = commitCarrierUpdates(
    deps,
    [{ shipmentId: target.shipmentId, update }],
    "webhook",
  );
  return change?.eventId ?? 0;
}

/** Commits `ratePerSecond` changes a second, each in its own transaction, spread over 1 ms ticks. */
function drive(mode: DriveMode, targets: Target[], ratePerSecond: number, seconds: number) {
  return new Promise<Array<[number, number]>>((resolve) => {
    const commits: Array<[number, number]> = [];
    const total = ratePerSecond * seconds;
    const start = performance.now();
    let next = 0;
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * ratePerSecond) / 1000));
      while (next < due) {
        const eventId = commitOne(mode, targets[next % targets.length] as Target);
        // Wall-clock ms with sub-ms precision, comparable with the parent's (same machine clock).
        commits.push([eventId, performance.timeOrigin + performance.now()]);
        next += 1;
      }
      if (next >= total) {
        clearInterval(timer);
        resolve(commits);
      }
    }, 1);
  });
}

async function handle(request: Request): Promise<unknown> {
  switch (request.type) {
    case "fixtures": {
      const customers = [];
      for (let i = 0; i < request.count; i++) {
        const order = createShippedOrder(deps.db, { trackingNumber: `BENCH${i}` });
        const { token } = openSession(deps.db, order.user.id, new Date(), SESSION_TTL_MS);
        customers.push({
          cookie: `waybill_session=${token}`,
          orderId: order.orderId,
          userId: order.user.id,
          shipmentId: order.shipmentId,
        });
      }
      return { url: server.url, customers };
    }
    case "heap":
      return { heapUsed: await settledHeap() };
    case "count":
      return { subscribers: deps.bus.subscriberCount };
    case "drive":
      return {
        commits: await drive(request.mode, request.targets, request.ratePerSecond, request.seconds),
      };
    case "stop":
      await server.close();
      setImmediate(() => process.exit(0));
      return { stopped: true };
  }
}

process.on("message", (message: Request) => {
  handle(message).then(
    (result) => process.send?.({ id: message.id, result }),
    (error: unknown) => process.send?.({ id: message.id, error: String(error) }),
  );
});
process.send?.({ id: 0, result: { ready: true } });
