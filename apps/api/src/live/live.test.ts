import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, createDb, createUser, type Db, schema } from "@waybill/db";
import { and, asc, eq, gt } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openSession } from "../auth/sessions";
import { SESSION_TTL_MS } from "../deps";
import { loadEnv } from "../env";
import { silentLogger } from "../lib/logger";
import { notifyAdmins } from "../notifications/notify";
import { type RunningServer, startServer } from "../server";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { startTestServer, type TestServer } from "../testing/server";
import { createWsTrpcClient, upgradeStatus } from "../testing/ws-client";
import { commitCarrierUpdates } from "../tracking/commit";
import { createEventBus } from "./bus";
import { MAX_CONNECTIONS_PER_USER, MAX_SUBSCRIPTIONS_PER_CONNECTION } from "./connections";
import { latestEventId } from "./event-log";

type Received<T = Record<string, unknown>> = { id: string; data: T };
type Handlers = { onData: (value: unknown) => void; onError: (error: unknown) => void };

/** Records what one subscription receives, in order. */
function record<T = Record<string, unknown>>(
  subscribe: (handlers: Handlers) => { unsubscribe(): void },
) {
  const items: Array<Received<T>> = [];
  const errors: Array<{ message: string; data?: { code?: string } }> = [];
  const subscription = subscribe({
    onData: (value) => items.push(value as Received<T>),
    onError: (error) => errors.push(error as (typeof errors)[number]),
  });
  return { items, errors, stop: () => subscription.unsubscribe() };
}

/** Bounded polling: resolves as soon as the condition holds, fails with `what` if it never does. */
async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function cookieFor(db: Db, userId: string): string {
  return `waybill_session=${openSession(db, userId, new Date(), SESSION_TTL_MS).token}`;
}

let scanMinute = 0;
/** One visible change (a new carrier scan) on a shipment, through the engine's commit path. */
function commitScan(deps: Parameters<typeof commitCarrierUpdates>[0], shipmentId: string) {
  scanMinute += 1;
  const at = new Date(Date.UTC(2026, 10, 1, 0, scanMinute)).toISOString();
  const update = carrierUpdate("shiprocket", [scan("in_transit", `T${scanMinute}`, at)]);
  const [change] = commitCarrierUpdates(deps, [{ shipmentId, update }], "webhook");
  if (!change?.eventId) throw new Error("expected a visible change");
  return change.eventId;
}

function orderEventIdsAfter(db: Db, orderId: string, afterId: number): string[] {
  const { events } = schema;
  return db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.orderId, orderId), eq(events.topic, "order"), gt(events.id, afterId)))
    .orderBy(asc(events.id))
    .all()
    .map((row) => String(row.id));
}

describe("live subscriptions over the WebSocket", () => {
  let server: TestServer;
  const clients: Array<{ close(): void }> = [];
  const connect = (cookie?: string) => {
    const client = createWsTrpcClient(server.url, { cookie, origin: server.url });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const client of clients.splice(0)) client.close();
    await waitFor("every subscription to end", () => server.deps.bus.subscriberCount === 0);
  });
  afterAll(() => server.close());

  it("resumes with the last id: exactly the five missed changes in order, then live ones", async () => {
    const { db } = server.deps;
    const a = createShippedOrder(db);
    const cookie = cookieFor(db, a.user.id);

    const first = connect(cookie);
    const live = record((h) => first.client.orders.onUpdate.subscribe({ orderId: a.orderId }, h));
    await waitFor("the subscription to register", () => server.deps.bus.subscriberCount === 1);
    commitScan(server.deps, a.shipmentId);
    await waitFor("the first live event", () => live.items.length === 1);
    const lastSeen = live.items[0]?.id as string;
    expect(live.items[0]?.data).toMatchObject({ type: "shipment.updated", orderId: a.orderId });
    first.close();
    await waitFor("the subscriber to leave", () => server.deps.bus.subscriberCount === 0);

    const missed = Array.from({ length: 5 }, () => String(commitScan(server.deps, a.shipmentId)));
    expect(orderEventIdsAfter(db, a.orderId, Number(lastSeen))).toEqual(missed);

    const second = connect(cookie);
    const resumed = record((h) =>
      second.client.orders.onUpdate.subscribe({ orderId: a.orderId, lastEventId: lastSeen }, h),
    );
    await waitFor("the five missed events", () => resumed.items.length >= 5);
    const next = String(commitScan(server.deps, a.shipmentId));
    await waitFor("the next live event", () => resumed.items.length >= 6);

    expect(resumed.items.map((item) => item.id)).toEqual([...missed, next]);
    expect(resumed.errors).toEqual([]);
  });

  it("never delivers customer A's events to customer B, who is refused A's order", async () => {
    const { db } = server.deps;
    const a = createShippedOrder(db);
    const b = createShippedOrder(db);
    const b2 = createShippedOrder(db);
    // B's second order, moved to B so B has two orders.
    db.update(schema.orders)
      .set({ userId: b.user.id })
      .where(eq(schema.orders.id, b2.orderId))
      .run();
    const bOrders = new Set([b.orderId, b2.orderId]);

    const bSocket = connect(cookieFor(db, b.user.id));
    const refused = record((h) =>
      bSocket.client.orders.onUpdate.subscribe({ orderId: a.orderId }, h),
    );
    const mine = record<{ orderId: string }>((h) =>
      bSocket.client.orders.onMine.subscribe(undefined, h),
    );
    const bell = record<{ orderId: string | null }>((h) =>
      bSocket.client.notifications.onNew.subscribe(undefined, h),
    );
    await waitFor("A's order to be refused", () => refused.errors.length === 1);
    expect(refused.errors[0]?.data?.code).toBe("NOT_FOUND");
    await waitFor("B's subscriptions to register", () => server.deps.bus.subscriberCount === 2);
    const before = latestEventId(db);

    // Mixed traffic: A's and B's orders, milestones (notifications) on both, in one interleaved run.
    const expectedForB: string[] = [];
    for (let round = 0; round < 6; round++) {
      commitScan(server.deps, a.shipmentId);
      expectedForB.push(String(commitScan(server.deps, round % 2 ? b.shipmentId : b2.shipmentId)));
      commitScan(server.deps, a.shipmentId);
    }
    const milestone = (shipmentId: string, status: "out_for_delivery" | "delivered", at: string) =>
      commitCarrierUpdates(
        server.deps,
        [{ shipmentId, update: carrierUpdate("shiprocket", [scan(status, status, at)]) }],
        "poll",
      );
    milestone(a.shipmentId, "out_for_delivery", "2026-12-01T03:00:00Z");
    milestone(b.shipmentId, "out_for_delivery", "2026-12-01T03:05:00Z");
    milestone(a.shipmentId, "delivered", "2026-12-01T06:00:00Z");
    // Last: B's delivery. Once B has it, every earlier row has been through the tailer.
    const [last] = milestone(b.shipmentId, "delivered", "2026-12-01T06:05:00Z");
    expectedForB.push(String(last?.eventId));

    await waitFor("B's last order event", () => mine.items.at(-1)?.id === String(last?.eventId));
    await waitFor("B's two notifications", () => bell.items.length === 2);
    // Everything B's orders produced since B subscribed, in order, and nothing else.
    expect(mine.items.map((item) => item.id)).toEqual(
      orderEventIdsFor(db, [...bOrders]).filter((id) => Number(id) > before),
    );
    expect(mine.items.map((item) => item.id)).toEqual(expect.arrayContaining(expectedForB));
    for (const item of mine.items) expect(bOrders.has(item.data.orderId)).toBe(true);
    for (const item of bell.items) expect(item.data.orderId).toBe(b.orderId);
  });

  it("refuses customer subscriptions on a socket without a session", async () => {
    const { db } = server.deps;
    const a = createShippedOrder(db);
    const anonymous = connect();
    const mine = record((h) => anonymous.client.orders.onMine.subscribe(undefined, h));
    const one = record((h) =>
      anonymous.client.orders.onUpdate.subscribe({ orderId: a.orderId }, h),
    );
    const bell = record((h) => anonymous.client.notifications.onNew.subscribe(undefined, h));
    const admin = record((h) => anonymous.client.admin.onEvents.subscribe(undefined, h));
    await waitFor("four refusals", () =>
      [mine, one, bell, admin].every((sub) => sub.errors.length === 1),
    );
    for (const sub of [mine, one, bell, admin]) {
      expect(sub.errors[0]?.data?.code).toBe("UNAUTHORIZED");
      expect(sub.items).toEqual([]);
    }
    expect(await upgradeStatus(server.url, { origin: "https://evil.example" })).toBe(403);
  });

  it("keeps admin events for admins, and delivers admin notices on their bell", async () => {
    const { db } = server.deps;
    const admin = createUser(db, {
      email: `admin-live-${Date.now()}@example.test`,
      name: "Admin",
      passwordHash: "not-a-real-hash",
      role: "admin",
    });
    const customer = createShippedOrder(db);
    const customerSocket = connect(cookieFor(db, customer.user.id));
    const forbidden = record((h) => customerSocket.client.admin.onEvents.subscribe(undefined, h));
    await waitFor("the customer to be refused", () => forbidden.errors.length === 1);
    expect(forbidden.errors[0]?.data?.code).toBe("FORBIDDEN");

    const adminSocket = connect(cookieFor(db, admin.id));
    const all = record<{ orderId: string }>((h) =>
      adminSocket.client.admin.onEvents.subscribe(undefined, h),
    );
    const onlyOne = record<{ orderId: string }>((h) =>
      adminSocket.client.admin.onEvents.subscribe(
        { filter: { orderId: customer.orderId, types: ["shipment.updated"] } },
        h,
      ),
    );
    const bell = record<{ title: string; category: string }>((h) =>
      adminSocket.client.notifications.onNew.subscribe(undefined, h),
    );
    const other = createShippedOrder(db);
    await waitFor("the admin subscriptions", () => server.deps.bus.subscriberCount === 3);

    commitScan(server.deps, other.shipmentId);
    const mineId = String(commitScan(server.deps, customer.shipmentId));
    db.transaction((tx) =>
      notifyAdmins(tx, {
        title: "Sync run failed",
        body: "Shiprocket answered 503 for 12 shipments.",
        dedupeKey: `sync-failed:${Date.now()}`,
        now: new Date(),
      }),
    );
    server.deps.bus.wake();

    await waitFor("both order events", () => all.items.length === 2);
    await waitFor("the filtered event", () => onlyOne.items.length === 1);
    await waitFor("the admin notice", () => bell.items.length === 1);
    expect(all.items.map((item) => item.data.orderId)).toEqual([other.orderId, customer.orderId]);
    expect(onlyOne.items.map((item) => item.id)).toEqual([mineId]);
    expect(bell.items[0]?.data).toMatchObject({ title: "Sync run failed", category: "account" });
  });

  it(`refuses subscription ${MAX_SUBSCRIPTIONS_PER_CONNECTION + 1} on one connection and connection ${MAX_CONNECTIONS_PER_USER + 1} of one user`, async () => {
    const { db } = server.deps;
    const a = createShippedOrder(db);
    const cookie = cookieFor(db, a.user.id);
    const socket = connect(cookie);
    const subs = Array.from({ length: MAX_SUBSCRIPTIONS_PER_CONNECTION + 1 }, () =>
      record((h) => socket.client.orders.onUpdate.subscribe({ orderId: a.orderId }, h)),
    );
    await waitFor("one refusal", () => subs.some((sub) => sub.errors.length > 0));
    const refusedSubs = subs.filter((sub) => sub.errors.length > 0);
    expect(refusedSubs).toHaveLength(1);
    expect(refusedSubs[0]?.errors[0]?.data?.code).toBe("TOO_MANY_REQUESTS");
    for (const sub of subs) sub.stop();

    // This user now has one connection open; open the rest up to the limit, then one more.
    const sockets = Array.from({ length: MAX_CONNECTIONS_PER_USER }, () => connect(cookie));
    const bells = sockets.map((s) =>
      record((h) => s.client.notifications.onNew.subscribe(undefined, h)),
    );
    await waitFor("one connection refused", () => bells.some((sub) => sub.errors.length > 0));
    const refusedBells = bells.filter((sub) => sub.errors.length > 0);
    expect(refusedBells).toHaveLength(1);
    expect(refusedBells[0]?.errors[0]?.data?.code).toBe("TOO_MANY_REQUESTS");
  });
});

function orderEventIdsFor(db: Db, orderIds: string[]): string[] {
  const { events } = schema;
  return db
    .select({ id: events.id, orderId: events.orderId })
    .from(events)
    .where(eq(events.topic, "order"))
    .orderBy(asc(events.id))
    .all()
    .filter((row) => row.orderId !== null && orderIds.includes(row.orderId))
    .map((row) => String(row.id));
}

describe("resuming across a server restart", () => {
  let dataDir: string;
  let running: RunningServer | null = null;

  const start = (port: number) =>
    startServer(
      loadEnv({
        PORT: String(port),
        DATABASE_URL: `file:${join(dataDir, "waybill.db")}`,
        APP_SECRET: "test-secret-test-secret-test-secret-0123",
        LOG_LEVEL: "error",
      }),
      { serveSpas: false, jobs: false, logger: silentLogger },
    );

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), "waybill-restart-"));
  });
  afterAll(async () => {
    await running?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("reconnects on its own and gets the five changes committed while the server was down, then live ones", async () => {
    running = await start(0);
    const { port } = running;
    const a = createShippedOrder(running.deps.db);
    const cookie = cookieFor(running.deps.db, a.user.id);

    const { client, close } = createWsTrpcClient(running.url, { cookie, origin: running.url });
    const received = record((h) => client.orders.onUpdate.subscribe({ orderId: a.orderId }, h));
    const bus = running.deps.bus;
    await waitFor("the subscription to register", () => bus.subscriberCount === 1);
    commitScan(running.deps, a.shipmentId);
    await waitFor("the first event", () => received.items.length === 1);

    await running.close();
    running = null;

    // Another process writes while the server is down.
    const db = createDb(join(dataDir, "waybill.db"));
    const offline = { db, bus: createEventBus(), now: () => new Date(), publicUrl: "http://x" };
    const missed = Array.from({ length: 5 }, () => String(commitScan(offline, a.shipmentId)));
    closeDb(db);

    running = await start(port);
    await waitFor("the five missed events after the restart", () => received.items.length === 6);
    const next = String(commitScan(running.deps, a.shipmentId));
    await waitFor("the next live event", () => received.items.length === 7);
    close();

    expect(received.items.slice(1).map((item) => item.id)).toEqual([...missed, next]);
    expect(received.errors).toEqual([]);
  });
});
