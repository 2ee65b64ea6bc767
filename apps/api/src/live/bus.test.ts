import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, createDb, type Db, migrateDb, schema } from "@waybill/db";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDeps } from "../testing/deps";
import { createShippedOrder } from "../testing/fixtures";
import { createEventBus, type EventBus } from "./bus";
import type { LiveScope } from "./registry";
import type { LiveEvent } from "./subscription";

function appendEvent(
  db: Db,
  row: { topic: string; orderId?: string | null; userId?: string | null; n?: number },
): number {
  return db
    .insert(schema.events)
    .values({
      topic: row.topic,
      orderId: row.orderId ?? null,
      userId: row.userId ?? null,
      payload: JSON.stringify({ type: "test", n: row.n ?? 0 }),
    })
    .returning({ id: schema.events.id })
    .get().id;
}

/** Collects everything a subscription receives, draining it as a stream would. */
function listen(bus: EventBus, scope: LiveScope, options: { latestOnly?: boolean } = {}) {
  const received: LiveEvent[] = [];
  const abort = new AbortController();
  const subscription = bus.subscribe(scope, {
    signal: abort.signal,
    onOverflow: () => {},
    latestOnly: options.latestOnly,
  });
  const drain = async () => {
    for (;;) {
      const batch = await subscription.take();
      if (batch === null) return;
      received.push(...batch);
    }
  };
  const done = options.latestOnly ? Promise.resolve() : drain();
  return {
    subscription,
    received,
    async stop() {
      abort.abort();
      await done;
    },
  };
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("EventBus", () => {
  it("hands each row only to the subscriptions of its order, its user and its whole topic", async () => {
    const { db, bus } = createTestDeps();
    const a = createShippedOrder(db);
    const b = createShippedOrder(db);
    const orderA = listen(bus, { topic: "order", orderId: a.orderId });
    const userB = listen(bus, { topic: "order", userId: b.user.id });
    const allOrders = listen(bus, { topic: "order" });
    const bellA = listen(bus, { topic: "notification", userId: a.user.id });

    const ids = [
      appendEvent(db, { topic: "order", orderId: a.orderId, userId: a.user.id }),
      appendEvent(db, { topic: "order", orderId: b.orderId, userId: b.user.id }),
      appendEvent(db, { topic: "notification", orderId: a.orderId, userId: a.user.id }),
      appendEvent(db, { topic: "sync" }),
    ];
    bus.wake();
    await waitFor("the topic-wide subscriber", () => allOrders.received.length === 2);
    await waitFor("A's bell", () => bellA.received.length === 1);

    expect(orderA.received.map((e) => e.id)).toEqual([ids[0]]);
    expect(userB.received.map((e) => e.id)).toEqual([ids[1]]);
    expect(allOrders.received.map((e) => e.id)).toEqual([ids[0], ids[1]]);
    expect(bellA.received.map((e) => e.id)).toEqual([ids[2]]);
    expect(orderA.received[0]?.payload).toEqual({ type: "test", n: 0 });
    for (const l of [orderA, userB, allOrders, bellA]) await l.stop();
    expect(bus.subscriberCount).toBe(0);
  });

  it("picks up rows another process committed, without a wake", async () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-bus-"));
    const file = join(dir, "events.db");
    const mine = createDb(file);
    migrateDb(mine);
    const theirs = createDb(file);
    const bus = createEventBus({ db: mine, pollIntervalMs: 20 });
    cleanups.push(() => {
      bus.close();
      closeDb(mine);
      closeDb(theirs);
      rmSync(dir, { recursive: true, force: true });
    });
    const sync = listen(bus, { topic: "sync" });

    const id = appendEvent(theirs, { topic: "sync", n: 7 });
    await waitFor("the safety poll", () => sync.received.length === 1);
    expect(sync.received[0]).toMatchObject({ id, topic: "sync", payload: { n: 7 } });
  });

  it("keeps only the newest row for a latest-only subscriber, and drops an overflowing one", async () => {
    const { db, bus } = createTestDeps();
    const ticks = listen(bus, { topic: "sync" }, { latestOnly: true });
    // A regular subscriber that never reads.
    let overflowed = 0;
    const slow = bus.subscribe({ topic: "sync" }, { onOverflow: () => overflowed++ });

    let last = 0;
    for (let n = 0; n < 300; n++) last = appendEvent(db, { topic: "sync", n });
    bus.wake();
    await waitFor("the overflow", () => overflowed === 1);

    expect(slow.isClosed).toBe(true);
    expect((await ticks.subscription.take())?.map((e) => e.id)).toEqual([last]);
    expect(bus.subscriberCount).toBe(1);
    await ticks.stop();
    expect(bus.subscriberCount).toBe(0);
  });
});
