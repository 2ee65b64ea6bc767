import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { CarrierError } from "../errors";
import type { HttpAttemptInfo } from "../http";
import { SANDBOX_EPOCH_MS } from "../sandbox/kit";
import type { CarrierAccountConfig, CreateShipmentInput, TrackResult } from "../types";
import { createShiprocketAdapter, type ShiprocketAdapterOptions } from "./adapter";
import {
  createShiprocketSandbox,
  SHIPROCKET_SANDBOX_CREDENTIALS,
  type ShiprocketSandboxOptions,
} from "./sandbox";
import { listen } from "./test-server";

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const SECRET = "wbk_7f3a9c2e1d";

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

type Setup = Awaited<ReturnType<typeof setup>>;

/** A sandbox served over real HTTP, a webhook receiver, and an adapter pointed at both. */
async function setup(
  sandboxOptions: ShiprocketSandboxOptions = {},
  adapterOptions: ShiprocketAdapterOptions & { account?: Partial<CarrierAccountConfig> } = {},
) {
  const sandbox = createShiprocketSandbox({
    scenarioForOrder: () => "delivered",
    ...sandboxOptions,
  });
  const server = await listen(sandbox.app.fetch);
  cleanups.push(server.close);

  const received: Array<{ headers: Record<string, string>; body: string }> = [];
  const hooks = new Hono().post("/hooks/acc_1", async (c) => {
    received.push({ headers: Object.fromEntries(c.req.raw.headers), body: await c.req.text() });
    return c.body(null, 200);
  });
  const hookServer = await listen(hooks.fetch);
  cleanups.push(hookServer.close);
  sandbox.control.webhooks.configure({
    url: `${hookServer.url}/hooks/acc_1`,
    headers: { "x-api-key": SECRET },
  });

  const attempts: HttpAttemptInfo[] = [];
  const warnings: string[] = [];
  const clock = { now: sandbox.control.clock.now() };
  const { account: accountOverrides, ...options } = adapterOptions;
  const adapter = createShiprocketAdapter(
    {
      id: "acc_1",
      carrier: "shiprocket",
      credentials: SHIPROCKET_SANDBOX_CREDENTIALS,
      webhookSecret: SECRET,
      baseUrl: server.url,
      now: () => clock.now,
      logger: { warn: (message) => void warnings.push(message) },
      ...accountOverrides,
    },
    {
      ...options,
      http: {
        sleep: async () => {},
        onAttempt: (info) => void attempts.push(info),
        ...options.http,
      },
    },
  );
  return { sandbox, adapter, received, attempts, warnings, clock, url: server.url };
}

function shipmentInput(orderNumber: string): CreateShipmentInput {
  return {
    orderNumber,
    orderDate: new Date(SANDBOX_EPOCH_MS),
    address: {
      name: "Asha Rao",
      email: "asha@example.com",
      phone: "9876543210",
      line1: "12 MG Road",
      city: "Bengaluru",
      state: "Karnataka",
      postalCode: "560001",
      country: "India",
    },
    items: [{ name: "Cotton kurta", sku: "KU-RED-M", units: 1, unitPrice: 899 }],
    paymentMethod: "prepaid",
    subTotal: 899,
    parcel: { lengthCm: 20, breadthCm: 15, heightCm: 5, weightKg: 0.5 },
    options: { pickupLocation: "Primary" },
  };
}

function okUpdate(result: TrackResult | undefined) {
  if (!result?.ok) throw new Error(`expected an ok result, got ${JSON.stringify(result)}`);
  return result.update;
}

function iso(offsetMs: number): string {
  return new Date(SANDBOX_EPOCH_MS + offsetMs).toISOString();
}

const count = (s: Setup, path: string) => s.attempts.filter((a) => a.path === path).length;

describe("shiprocket adapter: full flow over HTTP", () => {
  it("logs in, ships, tracks, batches, looks up, and parses the webhooks the sandbox sends", async () => {
    const s = await setup();
    expect(await s.adapter.testConnection()).toMatchObject({ ok: true });

    const created = await s.adapter.createShipment(shipmentInput("WB-2026-000123"));
    expect(created).toMatchObject({
      carrierOrderId: expect.stringMatching(/^\d+$/),
      carrierShipmentId: expect.stringMatching(/^\d+$/),
      trackingNumber: expect.stringMatching(/^\d{14}$/),
      courierName: expect.any(String),
      trackingUrl: null,
      estimatedDelivery: null,
      awbAssignError: null,
      pickupError: null,
      adopted: false,
    });
    // 2026-01-05 is a Monday: pickup four hours after booking.
    expect(created.pickupScheduledAt?.toISOString()).toBe(iso(4 * HOUR));
    const awb = created.trackingNumber as string;

    // Right after AWB assignment Shiprocket has no scans: an ok answer with nothing in it.
    const early = okUpdate((await s.adapter.track([{ trackingNumber: awb }]))[0]);
    expect(early.scans).toEqual([]);
    expect(early.trackingNumber).toBe(awb);

    await s.sandbox.control.advance(3 * DAY);
    const update = okUpdate((await s.adapter.track([{ trackingNumber: awb }]))[0]);
    expect(count(s, `courier/track/awb/${awb}`)).toBe(2);
    expect(update.scans.map((scan) => [scan.rawCode, scan.status, scan.substatus])).toEqual([
      ["5", "info_received", "manifest"],
      ["42", "in_transit", "picked_up"],
      ["18", "in_transit", null],
      ["18", "in_transit", null],
      ["38", "in_transit", "at_destination_hub"],
      ["17", "out_for_delivery", null],
      ["7", "delivered", null],
    ]);
    // IST wall times without offset are read as UTC+05:30: the first scan is 3 h after booking.
    expect(update.scans[0]?.occurredAt.toISOString()).toBe(iso(3 * HOUR));
    expect(update.scans[0]).toMatchObject({
      rawLabel: "MANIFEST GENERATED",
      description: "Manifested - Manifest uploaded",
      location: "Mumbai_Andheri_PC (Maharashtra)",
    });
    expect(update.trackingUrl).toBe(`https://shiprocket.co//tracking/${awb}`);
    expect(update.courierName).toBe(created.courierName);
    expect(update.estimatedDelivery?.toISOString()).toBe(iso(3 * DAY));
    const [truth] = s.sandbox.control.groundTruth();
    expect(
      update.scans.map((scan) => ({
        rawCode: scan.rawCode,
        occurredAt: scan.occurredAt.toISOString(),
      })),
    ).toEqual(truth?.events);

    // Every scan produced one webhook with x-api-key; each parses and carries the scans so far.
    expect(s.received).toHaveLength(7);
    const parsed = s.received.map((hook) => s.adapter.parseWebhook(hook.headers, hook.body));
    for (const result of parsed) expect(result).toMatchObject({ ok: true, kind: "updates" });
    const last = parsed.at(-1);
    if (!last?.ok || last.kind !== "updates") throw new Error("expected updates");
    expect(last.updates[0]?.scans).toEqual(update.scans);
    expect(last.updates[0]?.ref).toEqual({
      trackingNumber: awb,
      orderNumber: "WB-2026-000123",
      carrierOrderId: created.carrierOrderId,
    });

    const found = await s.adapter.lookupByOrderNumbers(["WB-2026-000123", "WB-2026-404404"]);
    expect([...found.keys()]).toEqual(["WB-2026-000123"]);
    expect(found.get("WB-2026-000123")).toMatchObject({
      trackingNumber: awb,
      created: {
        carrierOrderId: created.carrierOrderId,
        carrierShipmentId: created.carrierShipmentId,
      },
      scans: [{ status: "delivered", rawCode: "order:7" }],
    });

    // Without an AWB the adapter falls back to the shipment id, then to our order number.
    const [byShipment, byOrder] = await s.adapter.track([
      { carrierShipmentId: created.carrierShipmentId },
      { orderNumber: "WB-2026-000123" },
    ]);
    expect(okUpdate(byShipment).scans).toEqual(update.scans);
    expect(okUpdate(byOrder).scans).toEqual(update.scans);
    expect(count(s, "auth/login")).toBe(1);
  });

  it("batches AWBs 50 per call, keeps input order, and reports unknown AWBs as NOT_FOUND", async () => {
    const s = await setup();
    const awbs: string[] = [];
    for (let i = 0; i < 60; i++) {
      awbs.push(
        s.sandbox.control.createShipment({ scenario: "delivered" }).trackingNumber as string,
      );
    }
    await s.sandbox.control.advance(12 * HOUR);
    const refs = [
      { trackingNumber: "00000000000000" },
      ...awbs.map((trackingNumber) => ({ trackingNumber })),
    ];
    refs.push({ trackingNumber: awbs[0] as string });
    const results = await s.adapter.track(refs);

    expect(count(s, "courier/track/awbs")).toBe(2);
    expect(results).toHaveLength(62);
    expect(results[0]).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    results.slice(1).forEach((result, i) => {
      expect(result.ref).toBe(refs[i + 1]);
      expect(okUpdate(result).scans.map((scan) => scan.rawCode)).toEqual(["5", "42", "18"]);
    });
  });

  it("answers 'no data yet' by order number as an ok result with zero scans", async () => {
    const s = await setup();
    await s.adapter.createShipment(shipmentInput("WB-2026-000124"));
    const [result] = await s.adapter.track([{ orderNumber: "WB-2026-000124" }]);
    expect(okUpdate(result).scans).toEqual([]);
    const [missing] = await s.adapter.track([{ orderNumber: "WB-2026-999999" }]);
    expect(missing).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("cancels an order with 204 and then tracks it as cancelled", async () => {
    const s = await setup();
    const created = await s.adapter.createShipment(shipmentInput("WB-2026-000125"));
    await s.adapter.cancelShipment({ orderNumber: "WB-2026-000125" });
    const update = okUpdate(
      (await s.adapter.track([{ trackingNumber: created.trackingNumber }]))[0],
    );
    expect(update.scans.at(-1)).toMatchObject({ rawCode: "8", status: "cancelled" });
    await expect(s.adapter.cancelShipment({ orderNumber: "WB-2026-000000" })).rejects.toMatchObject(
      {
        code: "NOT_FOUND",
      },
    );
  });
});

describe("shiprocket adapter: shipment creation", () => {
  it("keeps the AWB null and surfaces the reason when assignment fails inside HTTP 200", async () => {
    const s = await setup({ awbAssignError: "Insufficient wallet balance. Please recharge." });
    const created = await s.adapter.createShipment(shipmentInput("WB-2026-000200"));
    expect(created).toMatchObject({
      carrierOrderId: expect.any(String),
      trackingNumber: null,
      awbAssignError: "Insufficient wallet balance. Please recharge.",
      pickupScheduledAt: null,
      pickupError: null,
    });
    expect(count(s, "courier/generate/pickup")).toBe(0);

    // Once the wallet is topped up, the AWB can be assigned for the same shipment.
    s.sandbox.settings.awbAssignError = null;
    const retried = await s.adapter.assignAwb(created.carrierShipmentId as string);
    expect(retried).toMatchObject({
      trackingNumber: expect.stringMatching(/^\d{14}$/),
      error: null,
    });
  });

  it("adopts the order a lost answer created instead of creating a duplicate", async () => {
    let dropped = false;
    const s = await setup(
      {},
      {
        account: {
          // The sandbox creates the order, then the answer is lost on the way back.
          fetch: async (input, init) => {
            const res = await fetch(input, init);
            if (!dropped && String(input).endsWith("/orders/create/adhoc")) {
              dropped = true;
              throw new TypeError("fetch failed: socket hang up");
            }
            return res;
          },
        },
      },
    );
    const created = await s.adapter.createShipment(shipmentInput("WB-2026-000201"));
    expect(created.adopted).toBe(true);
    expect(created.trackingNumber).toMatch(/^\d{14}$/);
    expect(s.sandbox.stats.ordersCreated).toBe(1);
    expect(s.sandbox.control.groundTruth()).toHaveLength(1);
    expect(s.sandbox.control.groundTruth()[0]?.carrierOrderId).toBe(created.carrierOrderId);
  });

  it("adopts on a 422 for an order id already used, keeping the existing AWB", async () => {
    const s = await setup();
    const first = await s.adapter.createShipment(shipmentInput("WB-2026-000202"));
    const second = await s.adapter.createShipment(shipmentInput("WB-2026-000202"));
    expect(second).toMatchObject({
      adopted: true,
      carrierOrderId: first.carrierOrderId,
      carrierShipmentId: first.carrierShipmentId,
      trackingNumber: first.trackingNumber,
    });
    expect(s.sandbox.stats.ordersCreated).toBe(1);
  });

  it("passes a 422 through as REJECTED with the field errors when no order was created", async () => {
    const s = await setup();
    const input = shipmentInput("WB-2026-000203");
    const bad = { ...input, address: { ...input.address, city: "" } };
    const error = await s.adapter.createShipment(bad).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CarrierError);
    expect(error).toMatchObject({
      code: "REJECTED",
      status: 422,
      details: { billing_city: expect.any(Array) },
    });
    expect(count(s, "orders")).toBe(1);
  });
});

describe("shiprocket adapter: authentication", () => {
  it("caches the token and logs in again after 9 days on its own clock", async () => {
    const s = await setup();
    await s.adapter.track([{ trackingNumber: "1" }]);
    await s.adapter.track([{ trackingNumber: "1" }]);
    expect(s.sandbox.stats.logins).toBe(1);
    s.clock.now += 9 * DAY;
    await s.adapter.track([{ trackingNumber: "1" }]);
    expect(s.sandbox.stats.logins).toBe(2);
  });

  it("shares one re-login among concurrent calls that hit 401, and retries each once", async () => {
    const s = await setup({ tokenTtlMs: 2 * HOUR });
    await s.adapter.testConnection();
    // The sandbox's clock passes its token TTL; the adapter's own clock does not know.
    s.sandbox.control.clock.advance(3 * HOUR);
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) => s.adapter.track([{ orderNumber: `WB-404-${i}` }])),
    );
    for (const [result] of results)
      expect(result).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(s.sandbox.stats.logins).toBe(2);
    expect(count(s, "courier/track")).toBe(10);
  });

  it("gives up with AUTH_FAILED after one re-login when every token is refused", async () => {
    const s = await setup();
    await s.adapter.testConnection();
    s.sandbox.control.faults.set({ tokenExpired: true });
    const [result] = await s.adapter.track([{ trackingNumber: "19041424751540" }]);
    expect(result).toMatchObject({ ok: false, error: { code: "AUTH_FAILED", status: 401 } });
    expect(s.sandbox.stats.logins).toBe(2);
  });

  it("reports an MFA account as TWO_FACTOR_REQUIRED and fails calls with AUTH_FAILED naming the fix", async () => {
    const s = await setup({ mfa: true });
    expect(await s.adapter.testConnection()).toMatchObject({
      ok: false,
      code: "TWO_FACTOR_REQUIRED",
    });
    const error = await s.adapter
      .createShipment(shipmentInput("WB-2026-000300"))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "AUTH_FAILED" });
    expect((error as Error).message).toMatch(/API user without MFA/);
  });

  it("tells a non-whitelisted IP from a missing module permission", async () => {
    const s = await setup({ forbidden: "ip" });
    expect(await s.adapter.testConnection()).toMatchObject({ ok: false, code: "FORBIDDEN_IP" });
    s.sandbox.settings.forbidden = "permission";
    expect(await s.adapter.testConnection()).toMatchObject({
      ok: false,
      code: "MISSING_PERMISSION",
    });
  });

  it("reports wrong credentials and malformed credentials as AUTH_FAILED", async () => {
    const wrong = await setup(
      {},
      { account: { credentials: { email: "x@example.com", password: "nope" } } },
    );
    expect(await wrong.adapter.testConnection()).toMatchObject({ ok: false, code: "AUTH_FAILED" });
    const malformed = await setup({}, { account: { credentials: { user: "x" } } });
    expect(await malformed.adapter.testConnection()).toMatchObject({
      ok: false,
      code: "AUTH_FAILED",
    });
    expect(malformed.attempts).toEqual([]);
  });
});

describe("shiprocket adapter: transport failures", () => {
  it("waits out a 429 burst and then succeeds", async () => {
    const s = await setup();
    const awb = s.sandbox.control.createShipment({ scenario: "delivered" })
      .trackingNumber as string;
    await s.adapter.testConnection();
    s.sandbox.control.faults.set({ rateLimitBurst: 2 });
    const [result] = await s.adapter.track([{ trackingNumber: awb }]);
    expect(result?.ok).toBe(true);
    expect(s.sandbox.control.faults.counters.rateLimited).toBe(2);
    expect(s.attempts.filter((a) => a.status === 429)).toHaveLength(2);
  });

  it("stops a 5xx storm after bounded retries with UNAVAILABLE per ref", async () => {
    const s = await setup();
    await s.adapter.testConnection();
    s.sandbox.control.faults.set({ errorRate: 1 });
    const results = await s.adapter.track([{ trackingNumber: "1" }, { trackingNumber: "2" }]);
    for (const result of results)
      expect(result).toMatchObject({ ok: false, error: { code: "UNAVAILABLE" } });
    // One batch call: the first attempt and three retries.
    expect(count(s, "courier/track/awbs")).toBe(4);
  });

  it("turns a garbled 200 body into INVALID_RESPONSE", async () => {
    const s = await setup();
    await s.adapter.testConnection();
    s.sandbox.control.faults.set({ malformedRate: 1 });
    const [result] = await s.adapter.track([{ carrierShipmentId: "1" }]);
    expect(result).toMatchObject({ ok: false, error: { code: "INVALID_RESPONSE" } });
  });
});

describe("shiprocket adapter: webhooks from the sandbox", () => {
  it("parses the legacy variant, duplicates included, to the same scans as tracking", async () => {
    const s = await setup();
    const target = s.sandbox.control.webhooks.target;
    s.sandbox.control.webhooks.configure({
      ...target,
      url: target?.url ?? "",
      mode: { variant: "legacy", duplicateRate: 1 },
    });
    const awb = s.sandbox.control.createShipment({
      scenario: "failed_attempt_then_delivered",
    }).trackingNumber;
    await s.sandbox.control.advance(4 * DAY);
    expect(s.received.length).toBe(18);
    const last = s.adapter.parseWebhook(
      s.received.at(-1)?.headers ?? {},
      s.received.at(-1)?.body ?? "",
    );
    if (!last.ok || last.kind !== "updates") throw new Error("expected updates");
    const update = last.updates[0];
    expect(update?.trackingNumber).toBe(awb);
    // Only the newest legacy scan has a code; older ones are label-only unknown rows.
    expect(update?.scans.at(-1)).toMatchObject({ rawCode: "7", status: "delivered" });
    expect(update?.scans.slice(0, -1).every((scan) => scan.status === "unknown")).toBe(true);
    expect(update?.scans.at(-2)).toMatchObject({
      rawCode: "DISPATCHED - OUT FOR DELIVERY",
      rawLabel: "DISPATCHED - OUT FOR DELIVERY",
    });
    const times = update?.scans.map((scan) => scan.occurredAt.getTime()) ?? [];
    expect([...times].sort((a, b) => a - b)).toEqual(times);
  });

  it("rejects a webhook whose x-api-key does not match", async () => {
    const s = await setup();
    s.sandbox.control.webhooks.configure({
      url: s.sandbox.control.webhooks.target?.url ?? "",
      headers: { "x-api-key": "wbk_wrong_token" },
    });
    s.sandbox.control.createShipment({ scenario: "delivered" });
    await s.sandbox.control.advance(4 * HOUR);
    const [hook] = s.received;
    expect(s.adapter.parseWebhook(hook?.headers ?? {}, hook?.body ?? "")).toMatchObject({
      ok: false,
      reason: "UNAUTHORIZED",
    });
  });
});
