import type { CarrierUpdate, TrackingScan } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../deps";
import { createTestDeps } from "../testing/deps";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { createSandboxAccount } from "../testing/sandboxes";
import { applyQueuedDeliveries, type QueuedDelivery } from "./applier";
import { insertDelivery } from "./deliveries";
import { receiveWebhook } from "./ingest";
import { deliveriesOf, shipmentOf, timelineOf } from "./testing";

const live: AppDeps[] = [];
afterEach(() => {
  for (const deps of live.splice(0)) {
    deps.webhooks.stop();
    deps.bus.close();
  }
});

/** A Shiprocket account (never called) with one shipped order, and a way to post its webhooks in process. */
function setup(overrides: Partial<AppDeps> = {}) {
  const deps = createTestDeps(overrides);
  live.push(deps);
  const account = createSandboxAccount(deps, "shiprocket", "http://127.0.0.1:9");
  const secret = deps.adapters.webhookSecretOf(account);
  const awb = "19041424751540";
  const { shipmentId } = createShippedOrder(deps.db, {
    carrier: "shiprocket",
    accountId: account.id,
    trackingNumber: awb,
  });
  const post = (scans: Array<{ code: string; at: string }>, to: AppDeps = deps) =>
    receiveWebhook(to, {
      accountId: account.id,
      token: secret,
      headers: { "x-api-key": secret },
      rawBody: JSON.stringify({
        awb,
        current_status: "IN TRANSIT",
        current_status_id: 20,
        shipment_status: "IN TRANSIT",
        shipment_status_id: 18,
        current_timestamp: "2026-11-20 10:00:00",
        courier_name: "Delhivery",
        scans: scans.map((s) => ({
          date: s.at,
          status: "X",
          activity: `scan ${s.code}`,
          location: "Delhi",
          "sr-status": s.code,
          "sr-status-label": `label ${s.code}`,
        })),
      }),
    });
  return { deps, account, shipmentId, post };
}

describe("webhook deliveries applied behind the reply", () => {
  it("answers once the delivery is stored, then applies it and records the verdict", async () => {
    const { deps, account, shipmentId, post } = setup();
    const outcome = post([{ code: "42", at: "2026-11-20 09:00:00" }]);

    expect(outcome).toMatchObject({ status: 200, verdict: "received" });
    expect(deliveriesOf(deps.db, account.id).map((d) => d.verdict)).toEqual(["received"]);
    expect(timelineOf(deps.db, shipmentId)).toHaveLength(0);

    await deps.webhooks.idle();
    const [delivery] = deliveriesOf(deps.db, account.id);
    expect(delivery).toMatchObject({ verdict: "accepted", error: null });
    expect(delivery?.processedAt).toBeInstanceOf(Date);
    expect(timelineOf(deps.db, shipmentId).map((event) => event.rawCode)).toEqual(["42"]);
    expect(shipmentOf(deps.db, shipmentId).status).toBe("in_transit");
  });

  it("gives each delivery of one batch its own verdict, a repeat within the batch included", async () => {
    const { deps, account, post } = setup();
    const first = [{ code: "42", at: "2026-11-20 09:00:00" }];
    post(first);
    post(first);
    post([...first, { code: "18", at: "2026-11-20 15:00:00" }]);
    expect(deps.webhooks.backlog()).toBe(3);

    await deps.webhooks.idle();
    expect(deliveriesOf(deps.db, account.id).map((d) => d.verdict)).toEqual([
      "accepted",
      "duplicate",
      "accepted",
    ]);
  });

  it("stores the one delivery an error stops as failed, and still applies the rest of its batch", () => {
    const { deps, account, shipmentId } = setup();
    const awb = "19041424751540";
    const good = queuedDelivery(deps, account.id, [
      scan("in_transit", "42", "2026-11-20T03:30:00Z"),
    ]);
    // An update the apply path cannot date, as an adapter bug would hand over.
    const undated = { ...scan("in_transit", "18", "2026-11-20T09:00:00Z"), occurredAt: undefined };
    const bad = queuedDelivery(deps, account.id, [undated as unknown as TrackingScan]);
    for (const queued of [good, bad])
      queued.updates[0] = { ...queued.updates[0], trackingNumber: awb } as CarrierUpdate;

    applyQueuedDeliveries(deps, [good, bad]);
    const verdicts = deliveriesOf(deps.db, account.id).map((d) => [d.id, d.verdict, d.error]);
    expect(verdicts).toEqual([
      [good.deliveryId, "accepted", null],
      [bad.deliveryId, "failed", expect.stringContaining("getTime")],
    ]);
    expect(timelineOf(deps.db, shipmentId).map((event) => event.rawCode)).toEqual(["42"]);
  });

  it("keeps a batch the database refused as received and applies it once the database recovers", async () => {
    const { deps, account, shipmentId, post } = setup();
    post([{ code: "42", at: "2026-11-20 09:00:00" }]);
    // Before the applier's turn: the database refuses every write from here on.
    deps.db.$client.pragma("query_only = ON");
    await new Promise((resolve) => setImmediate(resolve));
    expect(deliveriesOf(deps.db, account.id).map((d) => d.verdict)).toEqual(["received"]);
    expect(deps.webhooks.backlog()).toBe(1);

    deps.db.$client.pragma("query_only = OFF");
    await deps.webhooks.idle();
    expect(deliveriesOf(deps.db, account.id).map((d) => d.verdict)).toEqual(["accepted"]);
    expect(timelineOf(deps.db, shipmentId)).toHaveLength(1);
  });

  it("settles every idle() once stopped, also one asked after the stop with deliveries still queued", async () => {
    const { deps, account, post } = setup();
    post([{ code: "42", at: "2026-11-20 09:00:00" }]);
    const before = deps.webhooks.idle();
    deps.webhooks.stop();
    await before;
    await deps.webhooks.idle();
    // Nothing applied: the delivery stays received for the next process to recover.
    expect(deliveriesOf(deps.db, account.id).map((d) => d.verdict)).toEqual(["received"]);
  });
});

describe("recovery at start", () => {
  it("applies what a previous process answered but never applied, and nothing twice", async () => {
    const crashed = setup();
    // A process that dies right after its replies: the deliveries are stored, never applied.
    crashed.deps.webhooks.stop();
    crashed.post([{ code: "42", at: "2026-11-20 09:00:00" }]);
    crashed.post([
      { code: "42", at: "2026-11-20 09:00:00" },
      { code: "18", at: "2026-11-20 15:00:00" },
    ]);
    expect(deliveriesOf(crashed.deps.db, crashed.account.id).map((d) => d.verdict)).toEqual([
      "received",
      "received",
    ]);

    const restarted = createTestDeps({ db: crashed.deps.db });
    live.push(restarted);
    restarted.webhooks.recover();
    // A delivery arriving while the recovery runs is applied once, like the recovered ones.
    crashed.post([{ code: "17", at: "2026-11-21 08:00:00" }], restarted);
    await restarted.webhooks.idle();

    expect(deliveriesOf(restarted.db, crashed.account.id).map((d) => d.verdict)).toEqual([
      "accepted",
      "accepted",
      "accepted",
    ]);
    expect(timelineOf(restarted.db, crashed.shipmentId).map((event) => event.rawCode)).toEqual([
      "42",
      "18",
      "17",
    ]);
  });

  it("records a recovered delivery of an account disabled since as rejected, replayable later", async () => {
    const crashed = setup();
    crashed.deps.webhooks.stop();
    crashed.post([{ code: "42", at: "2026-11-20 09:00:00" }]);
    crashed.deps.db
      .update(schema.carrierAccounts)
      .set({ active: false })
      .where(eq(schema.carrierAccounts.id, crashed.account.id))
      .run();

    const restarted = createTestDeps({ db: crashed.deps.db });
    live.push(restarted);
    restarted.webhooks.recover();
    await restarted.webhooks.idle();
    const [delivery] = deliveriesOf(restarted.db, crashed.account.id);
    expect(delivery).toMatchObject({ verdict: "rejected" });
    expect(delivery?.error).toContain("disabled");
    expect(timelineOf(restarted.db, crashed.shipmentId)).toHaveLength(0);
  });
});

/** A delivery stored as received (its body is not read again) with the given scans queued by hand. */
function queuedDelivery(deps: AppDeps, accountId: string, scans: TrackingScan[]): QueuedDelivery {
  const deliveryId = insertDelivery(deps.db, {
    accountId,
    headers: {},
    body: "{}",
    receivedAt: deps.now(),
  });
  return { deliveryId, accountId, updates: [carrierUpdate("shiprocket", scans)] };
}
