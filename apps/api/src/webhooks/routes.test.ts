import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type SandboxServer, startSandboxServer } from "../testing/sandboxes";
import { startTestServer, type TestServer } from "../testing/server";
import { REJECTION_REASONS, UNKNOWN_ACCOUNT_BODY_CHARS, UNREADABLE_BODY_PREFIX } from "./ingest";
import {
  createHookedAccount,
  createTrackedShipment,
  deliveriesOf,
  latestDeliveryOf,
  postRaw,
  postWebhook,
  shipmentOf,
} from "./testing";

const DAY = 86_400_000;

let server: TestServer;
let sandbox: SandboxServer;
beforeAll(async () => {
  server = await startTestServer({ env: { CARRIER_SANDBOX: "off" } });
});
afterAll(() => server.close());
// A fresh carrier world per test: shipments of one test never send webhooks into another.
beforeEach(async () => {
  sandbox = await startSandboxServer();
});
afterEach(() => sandbox.close());

const shiprocketPayload = (awb: string) =>
  JSON.stringify({
    awb,
    courier_name: "Delhivery Surface",
    current_status: "IN TRANSIT",
    current_status_id: 20,
    shipment_status: "IN TRANSIT",
    shipment_status_id: 18,
    current_timestamp: "23 05 2023 11:43:52",
    order_id: "1373900_150876814",
    sr_order_id: 348456385,
    scans: [
      {
        date: "2023-05-19 15:32:17",
        status: "X-PPOM",
        activity: "In Transit - Shipment picked up",
        location: "Chomu_SamodRd_D (Rajasthan)",
        "sr-status": "42",
        "sr-status-label": "PICKED UP",
      },
    ],
  });

describe("POST /hooks/:accountId/:token", () => {
  it("rejects a wrong path secret with 401 and logs the delivery as rejected, secrets masked", async () => {
    const { account, secret } = createHookedAccount(server, sandbox, "shiprocket");
    const { control } = sandbox.sandboxes.shiprocket;
    control.webhooks.configure({
      url: `${server.url}/hooks/${account.id}/not-the-secret`,
      headers: { "x-api-key": secret },
    });
    control.createShipment({ scenario: "delivered" });
    await sandbox.sandboxes.advance(DAY);
    await server.deps.webhooks.idle();

    expect(control.webhooks.sent.length).toBeGreaterThan(0);
    expect(control.webhooks.sent.every((delivery) => delivery.status === 401)).toBe(true);
    const rows = deliveriesOf(server.deps.db, account.id);
    expect(rows).toHaveLength(control.webhooks.sent.length);
    for (const row of rows) {
      expect(row.verdict).toBe("rejected");
      expect(row.error).toBe(REJECTION_REASONS.badToken);
      expect(row.processedAt).toBeInstanceOf(Date);
      expect(JSON.parse(row.headers)["x-api-key"]).toBe("***");
      expect(row.headers).not.toContain(secret);
      expect(row.body).toContain('"awb"');
    }
  });

  it("gives an unknown account the same 401 as a bad secret, and still logs it", async () => {
    const { account, secret } = createHookedAccount(server, sandbox, "maystro");
    const badToken = await postWebhook(`${server.url}/hooks/${account.id}/wrong`, "{}");
    const unknown = await postWebhook(`${server.url}/hooks/no-such-account/${secret}`, '{"x":1}');
    expect(unknown).toEqual(badToken);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toEqual({ ok: false, verdict: "rejected", message: "Unauthorized" });
    const orphan = deliveriesOf(server.deps.db, null).find((row) => row.body === '{"x":1}');
    expect(orphan).toMatchObject({ verdict: "rejected", error: REJECTION_REASONS.unknownAccount });

    const big = `{"pad":"${"x".repeat(50_000)}"}`;
    await postWebhook(`${server.url}/hooks/another-unknown/${secret}`, big);
    const kept = deliveriesOf(server.deps.db, null).find((row) => row.body.startsWith('{"pad"'));
    expect(kept?.body.length).toBe(UNKNOWN_ACCOUNT_BODY_CHARS);
  });

  it("rejects a Shiprocket delivery whose x-api-key is wrong even on the right path", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const answer = await postWebhook(hookUrl, shiprocketPayload("19041424751540"), {
      "x-api-key": "guessed",
    });
    expect(answer.status).toBe(401);
    expect(latestDeliveryOf(server.deps.db, account.id)).toMatchObject({
      verdict: "rejected",
      error: expect.stringContaining("x-api-key"),
    });
  });

  it("answers a malformed body 400 with a clear message and keeps it for the admin", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const answer = await postWebhook(hookUrl, '{"awb": "1904", "scans": "nope"', {
      "x-api-key": secret,
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ ok: false, verdict: "failed" });
    expect(answer.body.message).toMatch(/not JSON/);
    expect(latestDeliveryOf(server.deps.db, account.id)).toMatchObject({
      verdict: "failed",
      body: '{"awb": "1904", "scans": "nope"',
      error: answer.body.message,
    });
  });

  it("answers Shiprocket's empty validation ping with 200", async () => {
    const { secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const answer = await postWebhook(hookUrl, "", { "x-api-key": secret });
    expect(answer).toEqual({
      status: 200,
      body: { ok: true, verdict: "accepted", message: "Ping received." },
    });
  });

  it("answers an AWB we never shipped 200 unmatched (Shiprocket webhooks are account-wide)", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    const { control } = sandbox.sandboxes.shiprocket;
    control.webhooks.configure({ url: hookUrl, headers: { "x-api-key": secret } });
    control.createShipment({ scenario: "delivered" });
    await sandbox.sandboxes.advance(DAY);
    await server.deps.webhooks.idle();

    expect(control.webhooks.sent.length).toBeGreaterThan(0);
    expect(control.webhooks.sent.every((delivery) => delivery.status === 200)).toBe(true);
    const verdicts = new Set(deliveriesOf(server.deps.db, account.id).map((row) => row.verdict));
    expect(verdicts).toEqual(new Set(["unmatched"]));
  });

  it("accepts Maystro's unsigned webhook on the path secret alone and applies it", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
    const { control } = sandbox.sandboxes.maystro;
    control.webhooks.configure({ url: hookUrl });
    const shipment = createTrackedShipment(server, sandbox, { account, scenario: "delivered" });
    expect(shipment.trackingNumber).toBeNull();
    await sandbox.sandboxes.advance(3 * DAY);
    await server.deps.webhooks.idle();

    const [truth] = control.groundTruth();
    expect(control.webhooks.sent.every((delivery) => delivery.status === 200)).toBe(true);
    const row = shipmentOf(server.deps.db, shipment.shipmentId);
    expect(row.status).toBe("delivered");
    // The display id reached us only through the webhook.
    expect(row.trackingNumber).toBe(truth?.trackingNumber);
    expect(deliveriesOf(server.deps.db, account.id).map((d) => d.verdict)).not.toContain(
      "rejected",
    );
  });

  it("refuses a body over 256 KB with 413, logging only that for a known account", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
    const huge = JSON.stringify({ payload: "A".repeat(300 * 1024) });
    const answer = await postRaw(hookUrl, huge);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false, verdict: "failed" });
    expect(latestDeliveryOf(server.deps.db, account.id)).toMatchObject({
      verdict: "failed",
      body: "",
      error: `${UNREADABLE_BODY_PREFIX}body over 256 KB`,
    });

    // Without a Content-Length the limit is enforced while the body streams in.
    const streamed = await postRaw(hookUrl, huge, { chunked: true });
    expect(streamed.status).toBe(413);
    expect(deliveriesOf(server.deps.db, account.id)).toHaveLength(2);

    const before = deliveriesOf(server.deps.db, null).length;
    const unknown = await postRaw(`${server.url}/hooks/nobody/nothing`, huge);
    expect(unknown.status).toBe(413);
    expect(deliveriesOf(server.deps.db, null)).toHaveLength(before);
  });

  it("refuses a body that is not UTF-8 with 400 and logs it", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
    const answer = await postWebhook(hookUrl, new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]));
    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe("body is not valid UTF-8");
    expect(latestDeliveryOf(server.deps.db, account.id)).toMatchObject({
      verdict: "failed",
      body: "{\uFFFD\uFFFD}",
    });
  });

  it("stores an unexpected error as failed and answers without crashing", async () => {
    const { account, secret, hookUrl } = createHookedAccount(server, sandbox, "shiprocket");
    // Credentials that no longer open (a changed APP_SECRET): the adapter cannot be built.
    server.deps.db
      .update(schema.carrierAccounts)
      .set({ credentialsEncrypted: "v1.AAAA.AAAA.AAAA", updatedAt: new Date() })
      .where(eq(schema.carrierAccounts.id, account.id))
      .run();
    const answer = await postWebhook(hookUrl, shiprocketPayload("19041424751540"), {
      "x-api-key": secret,
    });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ ok: false, verdict: "failed" });
    const row = latestDeliveryOf(server.deps.db, account.id);
    expect(row?.verdict).toBe("failed");
    expect(row?.error).toBeTruthy();
  });

  it("rejects deliveries it cannot authenticate because the stored secret does not open", async () => {
    const { account, hookUrl } = createHookedAccount(server, sandbox, "maystro");
    server.deps.db
      .update(schema.carrierAccounts)
      .set({ webhookSecretEncrypted: "v1.AAAA.AAAA.AAAA" })
      .where(eq(schema.carrierAccounts.id, account.id))
      .run();
    const answer = await postWebhook(hookUrl, "{}");
    expect(answer.status).toBe(401);
    expect(latestDeliveryOf(server.deps.db, account.id)).toMatchObject({
      verdict: "rejected",
      error: REJECTION_REASONS.unreadableSecret,
    });
  });
});

describe("webhooks when the database fails", () => {
  it("answer 500 (so the carrier retries) instead of crashing", async () => {
    const own = await startTestServer({ env: { CARRIER_SANDBOX: "off" } });
    try {
      const { hookUrl } = createHookedAccount(own, sandbox, "maystro");
      own.deps.db.$client.close();
      const answer = await postWebhook(hookUrl, "{}");
      expect(answer.status).toBe(500);
      expect(answer.body).toMatchObject({ ok: false, verdict: "failed" });
    } finally {
      await own.close();
    }
  });
});
