import { createUser } from "@waybill/db";
import { afterEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../deps";
import { DomainError } from "../lib/errors";
import { createTestDeps } from "../testing/deps";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { commitCarrierUpdates } from "../tracking/commit";
import {
  createConnectionTracker,
  type LiveSocket,
  MAX_BUFFERED_BYTES,
  SLOW_CONSUMER_CLOSE_CODE,
} from "./connections";
import { latestEventId } from "./event-log";
import {
  STATS_MIN_INTERVAL_MS,
  streamMyNotifications,
  streamOrderUpdates,
  streamStatsTicks,
} from "./streams";
import { SUBSCRIPTION_QUEUE_LIMIT } from "./subscription";

/** The two things a stream reads from a `ws` socket, and what it does to it. */
class SocketDouble implements LiveSocket {
  bufferedAmount = 0;
  closedWith: number | null = null;
  close(code: number) {
    this.closedWith = code;
  }
  once() {
    return this;
  }
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

let minute = 0;
function commitScan(deps: AppDeps, shipmentId: string): number {
  minute += 1;
  const at = new Date(Date.UTC(2026, 10, 2, 0, minute)).toISOString();
  const update = carrierUpdate("shiprocket", [scan("in_transit", `S${minute}`, at)]);
  const [change] = commitCarrierUpdates(deps, [{ shipmentId, update }], "webhook");
  return change?.eventId as number;
}

const aborts: AbortController[] = [];
function liveRequest(userId: string, lastEventId: number | null = null) {
  const socket = new SocketDouble();
  const abort = new AbortController();
  aborts.push(abort);
  const connection = createConnectionTracker().open(userId, socket);
  return { socket, abort, request: { connection, lastEventId, signal: abort.signal } };
}

afterEach(() => {
  for (const abort of aborts.splice(0)) abort.abort();
});

describe("streamOrderUpdates", () => {
  it("skips rows that reach it both from the backlog and from the tailer", async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    // Another subscriber keeps the tailer running, so its last seen id stays behind the commits below.
    const other = liveRequest(order.user.id);
    streamMyNotifications(deps, { id: order.user.id, role: "customer" }, other.request).next();

    const before = latestEventId(deps.db);
    // Committed, their wake not yet run: they are in the backlog AND will be fanned out.
    const committed = [1, 2, 3].map(() => commitScan(deps, order.shipmentId));
    const { request } = liveRequest(order.user.id, before);
    const stream = streamOrderUpdates(
      deps,
      { id: order.user.id, role: "customer" },
      { ...request, orderId: order.orderId },
    );
    const replayed = [];
    for (let i = 0; i < 3; i++) replayed.push((await stream.next()).value?.[0]);
    // Let the tailer run: it hands the same three rows to the stream's queue.
    await new Promise((resolve) => setImmediate(resolve));
    const next = commitScan(deps, order.shipmentId);
    const live = (await stream.next()).value?.[0];

    expect(replayed).toEqual(committed.map(String));
    expect(live).toBe(String(next));
  });

  it("tells another customer the order does not exist, and lets an admin in", () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    const stranger = createShippedOrder(deps.db).user;
    const admin = createUser(deps.db, {
      email: `admin-${Date.now()}@example.test`,
      name: "Admin",
      passwordHash: "x",
      role: "admin",
    });
    const ask = (viewer: { id: string; role: "customer" | "admin" }, orderId = order.orderId) =>
      streamOrderUpdates(deps, viewer, { ...liveRequest(viewer.id).request, orderId });

    expect(() => ask({ id: stranger.id, role: "customer" })).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => ask({ id: stranger.id, role: "customer" }, "no-such-order")).toThrow(
      expect.objectContaining({ code: "NOT_FOUND" }),
    );
    expect(() => ask({ id: admin.id, role: "admin" })).not.toThrow();
    expect(() => ask({ id: order.user.id, role: "customer" })).not.toThrow();
  });

  it("is refused outside a WebSocket connection", () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    const call = () =>
      streamOrderUpdates(
        deps,
        { id: order.user.id, role: "customer" },
        { connection: null, lastEventId: null, signal: undefined, orderId: order.orderId },
      );
    expect(call).toThrow(DomainError);
    expect(call).toThrow(/WebSocket/);
  });

  it("drops a client that stops reading once its queue overflows, and forgets it", async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    const { socket, abort, request } = liveRequest(order.user.id);
    const stream = streamOrderUpdates(
      deps,
      { id: order.user.id, role: "customer" },
      { ...request, orderId: order.orderId },
    );
    const first = stream.next();
    await waitFor("the subscription", () => deps.bus.subscriberCount === 1);

    // The socket stops draining: the stream holds the first event back and the queue fills up.
    socket.bufferedAmount = MAX_BUFFERED_BYTES + 1;
    commitScan(deps, order.shipmentId);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < SUBSCRIPTION_QUEUE_LIMIT + 1; i++) commitScan(deps, order.shipmentId);
    await waitFor("the drop", () => socket.closedWith !== null);

    expect(socket.closedWith).toBe(SLOW_CONSUMER_CLOSE_CODE);
    expect(deps.bus.subscriberCount).toBe(0);
    // The socket's close aborts the subscription (tRPC does that): the stream ends without yielding.
    abort.abort();
    expect(await first).toEqual({ done: true, value: undefined });
    expect(request.connection.subscriptions).toBe(0);
  });
});

describe("connection limits", () => {
  it("refuses a subscription past the per-connection limit, and every one on a connection past the per-user limit", () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    const viewer = { id: order.user.id, role: "customer" as const };
    const tracker = createConnectionTracker({
      subscriptionsPerConnection: 2,
      connectionsPerUser: 1,
    });
    const connection = tracker.open(viewer.id, new SocketDouble());
    const open = (c = connection) =>
      streamMyNotifications(deps, viewer, { connection: c, lastEventId: null, signal: undefined });

    open();
    open();
    expect(open).toThrow(expect.objectContaining({ code: "TOO_MANY_REQUESTS" }));
    const second = tracker.open(viewer.id, new SocketDouble());
    expect(() => open(second)).toThrow(expect.objectContaining({ code: "TOO_MANY_REQUESTS" }));
    expect(tracker.connectionsOf(viewer.id)).toBe(2);
  });
});

describe("streamStatsTicks", () => {
  it(`coalesces a burst into ticks at least ${STATS_MIN_INTERVAL_MS} ms apart, the last carrying the newest id`, async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    const admin = createUser(deps.db, {
      email: `admin-stats-${Date.now()}@example.test`,
      name: "Admin",
      passwordHash: "x",
      role: "admin",
    });
    const { request, abort } = liveRequest(admin.id);
    const stream = streamStatsTicks(deps, request);
    const ticks: Array<{ id: number; receivedAt: number }> = [];
    const consume = (async () => {
      for await (const [id] of stream)
        ticks.push({ id: Number(id), receivedAt: performance.now() });
    })();
    await waitFor("the subscription", () => deps.bus.subscriberCount === 1);

    let newest = 0;
    for (let i = 0; i < 40; i++) {
      newest = commitScan(deps, order.shipmentId);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor("the newest tick", () => ticks.at(-1)?.id === newest);

    expect(ticks.length).toBeLessThan(40);
    for (let i = 1; i < ticks.length; i++) {
      const gap = (ticks[i]?.receivedAt ?? 0) - (ticks[i - 1]?.receivedAt ?? 0);
      // A lower bound only: timers never fire early, however slow the machine.
      expect(gap).toBeGreaterThanOrEqual(STATS_MIN_INTERVAL_MS - 5);
    }
    abort.abort();
    await consume;
    expect(deps.bus.subscriberCount).toBe(0);
  });
});
