import { deriveOrderStatus } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SandboxServer, startSandboxServer } from "../testing/sandboxes";
import { startTestServer, type TestServer } from "../testing/server";
import { commitCarrierUpdates } from "../tracking/commit";
import {
  countForOrder,
  createHookedAccount,
  createTrackedShipment,
  deliveriesOf,
  orderStatusOf,
  postWebhook,
  shipmentOf,
  timelineOf,
} from "./testing";

const DAY = 86_400_000;

let server: TestServer;
let sandbox: SandboxServer;
beforeAll(async () => {
  server = await startTestServer({ env: { CARRIER_SANDBOX: "off" } });
});
afterAll(() => server.close());
beforeEach(async () => {
  sandbox = await startSandboxServer({ seed: 7 });
});
afterEach(() => sandbox.close());

async function pollShiprocket(
  account: ReturnType<typeof createHookedAccount>["account"],
  shipment: { shipmentId: string; trackingNumber: string | null },
) {
  const [result] = await server.deps.adapters
    .forAccount(account)
    .track([{ trackingNumber: shipment.trackingNumber }]);
  if (!result?.ok) throw new Error(`tracking failed: ${JSON.stringify(result)}`);
  return commitCarrierUpdates(
    server.deps,
    [{ shipmentId: shipment.shipmentId, update: result.update }],
    "poll",
  );
}

function sideEffectsOf(shipment: { shipmentId: string; orderId: string }) {
  const { db } = server.deps;
  return {
    trackingEvents: timelineOf(db, shipment.shipmentId).length,
    notifications: countForOrder(db, schema.notifications, shipment.orderId),
    emails: countForOrder(db, schema.outbox, shipment.orderId),
    events: countForOrder(db, schema.events, shipment.orderId),
  };
}

describe("one update from webhook and poll", () => {
  it("is stored once when the webhook comes first and the poll repeats it", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const { control } = sandbox.sandboxes.shiprocket;
    control.webhooks.configure({ url: hookUrl, headers: { "x-api-key": secret } });
    const shipment = createTrackedShipment(server, sandbox, { account, scenario: "delivered" });
    await sandbox.sandboxes.advance(4 * DAY);
    await server.deps.webhooks.idle();
    expect(shipmentOf(server.deps.db, shipment.shipmentId).status).toBe("delivered");
    const afterWebhooks = sideEffectsOf(shipment);
    expect(afterWebhooks.notifications).toBeGreaterThan(0);
    expect(afterWebhooks.emails).toBe(afterWebhooks.notifications);

    // The poll repeats every scan; it only adds the tracking URL, which the webhook does not carry.
    const polled = await pollShiprocket(account, shipment);
    expect(
      polled.map((change) => [change.newEvents, change.milestones, change.fieldsChanged]),
    ).toEqual([[0, [], ["trackingUrl"]]]);
    const { events: _eventRows, ...unchanged } = afterWebhooks;
    expect(sideEffectsOf(shipment)).toMatchObject(unchanged);
    expect(await pollShiprocket(account, shipment)).toEqual([]);
  });

  it("is stored once when the poll comes first and the webhook arrives late", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const { control } = sandbox.sandboxes.shiprocket;
    // The carrier's deliveries are held back (sent to a URL that answers 404) to be replayed late.
    control.webhooks.configure({
      url: `${sandbox.url}/held-back`,
      headers: { "x-api-key": secret },
    });
    const shipment = createTrackedShipment(server, sandbox, { account, scenario: "delivered" });
    await sandbox.sandboxes.advance(4 * DAY);
    await server.deps.webhooks.idle();

    const polled = await pollShiprocket(account, shipment);
    expect(polled.flatMap((change) => change.milestones)).toContain("delivered");
    const afterPoll = sideEffectsOf(shipment);
    const delivered = server.deps.db
      .select()
      .from(schema.notifications)
      .all()
      .filter((n) => n.orderId === shipment.orderId && n.title === "Delivered");
    expect(delivered).toHaveLength(1);

    const held = control.webhooks.sent;
    expect(held.length).toBeGreaterThan(0);
    const before = deliveriesOf(server.deps.db, account.id).length;
    for (const delivery of held) {
      const answer = await postWebhook(hookUrl, delivery.body, { "x-api-key": secret });
      expect(answer).toMatchObject({ status: 200, body: { ok: true, verdict: "received" } });
    }
    await server.deps.webhooks.idle();
    const late = deliveriesOf(server.deps.db, account.id).slice(before);
    expect(late.map((d) => d.verdict)).toEqual(held.map(() => "duplicate"));
    expect(sideEffectsOf(shipment)).toEqual(afterPoll);
  });
});

describe("a shuffled, duplicated webhook stream", () => {
  const MODE = { duplicateRate: 0.3, reorderWindow: 5 };

  it.each(["delivered", "failed_attempt_then_delivered", "rto", "lost", "postponed"] as const)(
    "ends in Shiprocket's ground truth (%s): status, raw codes and times",
    async (scenario) => {
      const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
      const { control } = sandbox.sandboxes.shiprocket;
      control.webhooks.configure({ url: hookUrl, headers: { "x-api-key": secret }, mode: MODE });
      const shipment = createTrackedShipment(server, sandbox, { account, scenario });
      // One big step: every scan of the journey is in one shuffled, duplicated burst.
      await sandbox.sandboxes.advance(10 * DAY);
      await server.deps.webhooks.idle();

      const [truth] = control.groundTruth();
      if (!truth) throw new Error("the sandbox has no shipment");
      expect(control.webhooks.sent.length).toBeGreaterThan(truth.events.length);
      expect(control.webhooks.sent.every((delivery) => delivery.status === 200)).toBe(true);
      const row = shipmentOf(server.deps.db, shipment.shipmentId);
      expect(row.status).toBe(truth.status);
      const stored = timelineOf(server.deps.db, shipment.shipmentId).map((event) => ({
        rawCode: event.rawCode,
        occurredAt: event.occurredAt.toISOString(),
      }));
      const expected = truth.events.filter((event) => event.rawCode !== "NA");
      expect(sortEvents(stored)).toEqual(sortEvents(expected));
      expect(new Set(deliveriesOf(server.deps.db, account.id).map((d) => d.verdict))).toEqual(
        new Set(["accepted", "duplicate"]),
      );
    },
  );

  // Not "lost": it ends in a non-terminal exception, and Maystro's webhook carries no time, so a scan
  // delivered late after it cannot be told apart from a newer one (the scheduled poll settles that case).
  it.each([
    "delivered",
    "failed_attempt_then_delivered",
    "postponed",
    "stop_desk",
    "rto",
    "cancelled_before_pickup",
  ] as const)(
    "ends in Maystro's ground truth (%s): status and the set of raw codes",
    async (scenario) => {
      const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
      const { control } = sandbox.sandboxes.maystro;
      control.webhooks.configure({ url: hookUrl, mode: MODE });
      const shipment = createTrackedShipment(server, sandbox, { account, scenario });
      await sandbox.sandboxes.advance(5 * DAY);
      await server.deps.webhooks.idle();

      const [truth] = control.groundTruth();
      if (!truth) throw new Error("the sandbox has no shipment");
      expect(control.webhooks.sent.every((delivery) => delivery.status === 200)).toBe(true);
      const row = shipmentOf(server.deps.db, shipment.shipmentId);
      expect(row.status).toBe(truth.status);
      expect(row.trackingNumber).toBe(truth.trackingNumber);
      expect(orderStatusOf(server.deps.db, shipment.orderId)).toBe(deriveOrderStatus(truth.status));
      // Maystro's webhook carries no time (we date its scans by receipt): compare the codes only.
      const storedCodes = new Set(
        timelineOf(server.deps.db, shipment.shipmentId).map((e) => e.rawCode),
      );
      expect(storedCodes).toEqual(new Set(truth.events.map((event) => event.rawCode)));
    },
  );
});

function sortEvents(events: Array<{ rawCode: string; occurredAt: string }>) {
  return [...events].sort(
    (a, b) => a.occurredAt.localeCompare(b.occurredAt) || a.rawCode.localeCompare(b.rawCode),
  );
}
