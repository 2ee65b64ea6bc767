import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { setCarrierAccountActive } from "../carrier-accounts/accounts";
import { DomainError } from "../lib/errors";
import { type SandboxServer, startSandboxServer } from "../testing/sandboxes";
import { startTestServer, type TestServer } from "../testing/server";
import { REPLAY_OF_HEADER } from "./deliveries";
import { REJECTION_REASONS } from "./ingest";
import { replayDelivery } from "./replay";
import {
  countForOrder,
  createHookedAccount,
  createTrackedShipment,
  deliveriesOf,
  latestDeliveryOf,
  postRaw,
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
  sandbox = await startSandboxServer({ seed: 11 });
});
afterEach(() => sandbox.close());

function stateOf(shipment: { shipmentId: string; orderId: string }) {
  const { db } = server.deps;
  const row = shipmentOf(db, shipment.shipmentId);
  return {
    status: row.status,
    version: row.version,
    timeline: timelineOf(db, shipment.shipmentId).map(
      (e) => `${e.rawCode}@${e.occurredAt.getTime()}`,
    ),
    notifications: countForOrder(db, schema.notifications, shipment.orderId),
    emails: countForOrder(db, schema.outbox, shipment.orderId),
  };
}

function expectRefusal(run: () => unknown, code: DomainError["code"]) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(code);
    return;
  }
  throw new Error(`expected a ${code} refusal`);
}

describe("replayDelivery", () => {
  it("runs a stored Shiprocket delivery through the same path again and changes nothing twice", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const { control } = sandbox.sandboxes.shiprocket;
    control.webhooks.configure({ url: hookUrl, headers: { "x-api-key": secret } });
    const shipment = createTrackedShipment(server, sandbox, { account, scenario: "delivered" });
    await sandbox.sandboxes.advance(4 * DAY);
    await server.deps.webhooks.idle();
    const before = stateOf(shipment);
    const original = deliveriesOf(server.deps.db, account.id).find((d) => d.verdict === "accepted");
    if (!original) throw new Error("no accepted delivery");

    const first = replayDelivery(server.deps, original.id);
    const second = replayDelivery(server.deps, original.id);
    expect(first).toMatchObject({ status: 200, verdict: "duplicate" });
    expect(second).toMatchObject({ status: 200, verdict: "duplicate" });
    expect(stateOf(shipment)).toEqual(before);

    // Append-only: the original is untouched, each replay is a new row pointing at it.
    const replayRow = latestDeliveryOf(server.deps.db, account.id);
    expect(replayRow?.id).toBe(second.deliveryId);
    expect(JSON.parse(replayRow?.headers ?? "{}")[REPLAY_OF_HEADER]).toBe(original.id);
    expect(replayRow?.body).toBe(original.body);
    const originalNow = deliveriesOf(server.deps.db, account.id).find((d) => d.id === original.id);
    expect(originalNow).toEqual(original);
  });

  it("applies a delivery that failed once its cause is fixed", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const { control } = sandbox.sandboxes.shiprocket;
    const shipment = createTrackedShipment(server, sandbox, { account, scenario: "delivered" });
    const setCredentials = (sealed: string) =>
      server.deps.db
        .update(schema.carrierAccounts)
        .set({ credentialsEncrypted: sealed, updatedAt: new Date(Date.now() + 1) })
        .where(eq(schema.carrierAccounts.id, account.id))
        .run();
    // Credentials that do not open (a changed APP_SECRET) make every delivery fail...
    setCredentials("v1.AAAA.AAAA.AAAA");
    control.webhooks.configure({ url: hookUrl, headers: { "x-api-key": secret } });
    await sandbox.sandboxes.advance(4 * DAY);
    await server.deps.webhooks.idle();
    const failed = deliveriesOf(server.deps.db, account.id);
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.every((d) => d.verdict === "failed")).toBe(true);
    expect(shipmentOf(server.deps.db, shipment.shipmentId).status).toBe("pending");

    // ...until the admin restores them and replays the newest (Shiprocket's payload is cumulative).
    setCredentials(account.credentialsEncrypted);
    const newest = failed.at(-1);
    if (!newest) throw new Error("no delivery");
    expect(replayDelivery(server.deps, newest.id)).toMatchObject({ verdict: "accepted" });
    const [truth] = control.groundTruth();
    expect(shipmentOf(server.deps.db, shipment.shipmentId).status).toBe(truth?.status);
  });

  it("dates a Maystro scan by its first receipt, so a late replay adds no scan and moves nothing", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
    const { control } = sandbox.sandboxes.maystro;
    control.webhooks.configure({ url: hookUrl });
    const shipment = createTrackedShipment(server, sandbox, { account, scenario: "delivered" });
    await sandbox.sandboxes.advance(4 * DAY);
    await server.deps.webhooks.idle();
    const before = stateOf(shipment);
    expect(before.status).toBe("delivered");

    // Every delivery, the early in-transit ones included, replayed after the parcel was delivered.
    const deliveries = deliveriesOf(server.deps.db, account.id);
    for (const delivery of deliveries) replayDelivery(server.deps, delivery.id);
    // And a replay of a replay still goes back to the first receipt.
    const replays = deliveriesOf(server.deps.db, account.id).slice(deliveries.length);
    for (const replay of replays) replayDelivery(server.deps, replay.id);
    expect(stateOf(shipment)).toEqual(before);
  });

  it("refuses a delivery that was rejected for its secret, or is unknown", async () => {
    const { account } = createHookedAccount(server, sandbox, "maystro");
    await postWebhook(`${server.url}/hooks/${account.id}/wrong`, "{}");
    const rejected = latestDeliveryOf(server.deps.db, account.id);
    expect(rejected?.error).toBe(REJECTION_REASONS.badToken);
    expectRefusal(() => replayDelivery(server.deps, rejected?.id ?? ""), "CONFLICT");
    expectRefusal(() => replayDelivery(server.deps, "no-such-delivery"), "NOT_FOUND");
  });

  it("refuses a delivery whose body was not kept", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
    await postRaw(hookUrl, "x".repeat(300 * 1024));
    const oversize = latestDeliveryOf(server.deps.db, account.id);
    expect(oversize?.body).toBe("");
    expectRefusal(() => replayDelivery(server.deps, oversize?.id ?? ""), "CONFLICT");
  });

  it("keeps a disabled account's deliveries for replay once it is enabled again", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
    const { control } = sandbox.sandboxes.maystro;
    control.webhooks.configure({ url: hookUrl });
    const shipment = createTrackedShipment(server, sandbox, { account, scenario: "delivered" });
    setCarrierAccountActive(server.deps.db, { id: account.id, active: false, now: new Date() });
    await sandbox.sandboxes.advance(4 * DAY);
    await server.deps.webhooks.idle();

    const refused = deliveriesOf(server.deps.db, account.id);
    expect(refused.length).toBeGreaterThan(0);
    expect(control.webhooks.sent.every((d) => d.status === 401)).toBe(true);
    expect(refused.every((d) => d.error === REJECTION_REASONS.accountDisabled)).toBe(true);
    const stillDisabled = replayDelivery(server.deps, refused[0]?.id ?? "");
    expect(stillDisabled).toMatchObject({ status: 401, verdict: "rejected" });

    setCarrierAccountActive(server.deps.db, { id: account.id, active: true, now: new Date() });
    for (const delivery of refused) replayDelivery(server.deps, delivery.id);
    const [truth] = control.groundTruth();
    const row = shipmentOf(server.deps.db, shipment.shipmentId);
    expect(row.status).toBe(truth?.status);
    expect(new Set(timelineOf(server.deps.db, shipment.shipmentId).map((e) => e.rawCode))).toEqual(
      new Set(truth?.events.map((e) => e.rawCode)),
    );
  });
});
