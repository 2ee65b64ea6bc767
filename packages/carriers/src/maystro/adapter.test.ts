import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import type { Sandbox } from "../sandbox/kit";
import { answer, type LocalServer, startLocalServer } from "../testing/local-server";
import type { CarrierLogger, CarrierUpdate, CreateShipmentInput, TrackResult } from "../types";
import {
  buildCreateOrderRequest,
  createMaystroAdapter,
  type MaystroAdapterOptions,
} from "./adapter";
import createRequest from "./fixtures/create-request.json";
import { createMaystroSandbox, MAYSTRO_SANDBOX_TOKEN, type MaystroSandboxOptions } from "./sandbox";
import { RECEIPT_TIME_NOTE } from "./transform";

const HOUR = 3_600_000;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

type Harness = {
  sandbox: Sandbox;
  baseUrl: string;
  warnings: string[];
  adapter: ReturnType<typeof createMaystroAdapter>;
  adapterWith(
    overrides: { apiToken?: string; now?: () => number },
    options?: MaystroAdapterOptions,
  ): ReturnType<typeof createMaystroAdapter>;
};

async function startHarness(sandboxOptions: MaystroSandboxOptions = {}): Promise<Harness> {
  const sandbox = createMaystroSandbox(sandboxOptions);
  const baseUrl = await new Promise<string>((resolve) => {
    const server = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () => {
      const { port } = server.address() as AddressInfo;
      resolve(`http://127.0.0.1:${port}`);
    });
    cleanups.push(
      () =>
        new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
    );
  });
  const warnings: string[] = [];
  const logger: CarrierLogger = { warn: (message) => warnings.push(message) };
  const adapterWith: Harness["adapterWith"] = (overrides, options = {}) =>
    createMaystroAdapter(
      {
        id: "acc_maystro",
        carrier: "maystro",
        credentials: { apiToken: overrides.apiToken ?? MAYSTRO_SANDBOX_TOKEN, storeId: 42 },
        webhookSecret: "unused-by-maystro",
        baseUrl,
        logger,
        now: overrides.now ?? (() => sandbox.control.clock.now()),
      },
      { ...options, http: { sleep: async () => {}, random: () => 0, ...options.http } },
    );
  return { sandbox, baseUrl, warnings, adapter: adapterWith({}), adapterWith };
}

async function startReceiver(): Promise<LocalServer> {
  const receiver = await startLocalServer((_request, res) => answer(res, 200, { ok: true }));
  cleanups.push(() => receiver.close());
  return receiver;
}

function shipmentInput(orderNumber: string, overrides: Partial<CreateShipmentInput> = {}) {
  return {
    orderNumber,
    orderDate: new Date("2026-01-05T09:00:00Z"),
    address: {
      name: "Yacine Merabet",
      email: "yacine@example.com",
      phone: "0555123456",
      line1: "12 rue Hassiba Ben Bouali",
      city: "Hussein Dey",
      state: "Alger",
      postalCode: "16040",
      country: "DZ",
    },
    items: [{ name: "Perfume", sku: "PRF-1", units: 1, unitPrice: 4500 }],
    paymentMethod: "cod",
    subTotal: 4500,
    parcel: { lengthCm: 20, breadthCm: 15, heightCm: 10, weightKg: 0.8 },
    options: { wilaya: 16, commune: 1621, delivery_type: 1 },
    ...overrides,
  } satisfies CreateShipmentInput;
}

function okUpdate(result: TrackResult | undefined): CarrierUpdate {
  if (!result?.ok) throw new Error(`expected an ok result, got ${JSON.stringify(result)}`);
  return result.update;
}

function errorCode(result: TrackResult | undefined): string | undefined {
  return result && !result.ok ? result.error.code : undefined;
}

describe("maystro adapter: orders over real HTTP", () => {
  it("creates an order, learns its tracking number after pickup and tracks it to delivery", async () => {
    const { sandbox, adapter } = await startHarness();
    expect(await adapter.testConnection()).toMatchObject({ ok: true });

    const created = await adapter.createShipment(shipmentInput("WB-2026-000123"));
    expect(created.carrierOrderId).toMatch(/^[0-9a-f-]{36}$/);
    // Maystro hands out the display id at pickup, so a fresh order has no tracking number.
    expect(created).toMatchObject({ trackingNumber: null, courierName: null, trackingUrl: null });

    const early = await adapter.lookupByOrderNumbers(["WB-2026-000123"]);
    expect(early.get("WB-2026-000123")).toMatchObject({
      trackingNumber: null,
      created: { carrierOrderId: created.carrierOrderId, trackingNumber: null },
    });

    await sandbox.control.advance(3 * HOUR);
    const afterPickup = (await adapter.lookupByOrderNumbers(["WB-2026-000123"])).get(
      "WB-2026-000123",
    );
    const truthNow = sandbox.control.groundTruth()[0];
    expect(truthNow?.trackingNumber).toMatch(/^\d+$/);
    expect(afterPickup?.trackingNumber).toBe(truthNow?.trackingNumber);
    expect(afterPickup?.scans.at(-1)).toMatchObject({ rawCode: "5", status: "info_received" });

    await sandbox.control.advance(60 * HOUR);
    const [result] = await adapter.track([{ carrierOrderId: created.carrierOrderId }]);
    const update = okUpdate(result);
    const truth = sandbox.control.groundTruth()[0];
    expect(truth?.status).toBe("delivered");
    expect(update.trackingNumber).toBe(truth?.trackingNumber);
    expect(update.scans.map((scan) => scan.rawCode)).toEqual(truth?.events.map((e) => e.rawCode));
    expect(update.scans.map((scan) => scan.occurredAt.toISOString())).toEqual(
      truth?.events.map((e) => e.occurredAt),
    );
    expect(update.scans.at(-1)).toMatchObject({ status: "delivered", rawLabel: "DELIVERED" });
    expect(update.ref).toMatchObject({ orderNumber: "WB-2026-000123" });
  });

  it("tracks many refs in one call, by order id, order number or tracking number, and reports misses per ref", async () => {
    const { sandbox, adapter } = await startHarness();
    const shipments = ["delivered", "rto", "lost"].map((scenario) =>
      sandbox.control.createShipment({ scenario: scenario as "delivered" | "rto" | "lost" }),
    );
    await sandbox.control.advance(100 * HOUR);
    const [byId, byOrderNumber, byTracking] = shipments;
    const results = await adapter.track([
      { carrierOrderId: byId?.carrierOrderId },
      { orderNumber: byOrderNumber?.orderNumber },
      { trackingNumber: sandbox.control.groundTruth()[2]?.trackingNumber },
      { orderNumber: "WB-NOT-THERE" },
      { carrierOrderId: "00000000-0000-4000-8000-000000000000" },
      {},
    ]);
    expect(okUpdate(results[0]).scans.at(-1)?.status).toBe("delivered");
    expect(
      okUpdate(results[1])
        .scans.map((scan) => scan.rawCode)
        .slice(-4),
    ).toEqual(["50", "10", "51", "52"]);
    expect(okUpdate(results[1]).scans.at(-1)).toMatchObject({
      status: "returned",
      substatus: "taken_by_store",
    });
    expect(okUpdate(results[2]).scans.at(-1)).toMatchObject({
      status: "exception",
      substatus: "not_received",
    });
    expect(okUpdate(results[2]).ref.orderNumber).toBe(byTracking?.orderNumber);
    expect(results.slice(3).map(errorCode)).toEqual(["NOT_FOUND", "NOT_FOUND", "NOT_FOUND"]);
    expect(results.map((result) => result.ref)).toEqual([
      { carrierOrderId: byId?.carrierOrderId },
      { orderNumber: byOrderNumber?.orderNumber },
      { trackingNumber: sandbox.control.groundTruth()[2]?.trackingNumber },
      { orderNumber: "WB-NOT-THERE" },
      { carrierOrderId: "00000000-0000-4000-8000-000000000000" },
      {},
    ]);
  });

  it("lists the store's orders page by page, following next until it is null or the budget is spent", async () => {
    const { sandbox, adapterWith } = await startHarness();
    for (let i = 0; i < 45; i++) sandbox.control.createShipment({ scenario: "delivered" });
    const pages: number[] = [];
    const adapter = adapterWith(
      {},
      { http: { onAttempt: (info) => info.path.includes("orders") && pages.push(info.attempt) } },
    );

    const all: string[] = [];
    for await (const order of adapter.listOrders({ maxPages: 10 })) all.push(order.id);
    expect(all).toHaveLength(45);
    expect(new Set(all).size).toBe(45);
    expect(pages).toHaveLength(3);

    const budgeted: string[] = [];
    for await (const order of adapter.listOrders({ maxPages: 2 })) budgeted.push(order.id);
    expect(budgeted).toEqual(all.slice(0, 40));
  });

  it("finds order numbers within the page budget and leaves older ones out", async () => {
    const { sandbox, adapter } = await startHarness();
    const oldest = sandbox.control.createShipment({ scenario: "delivered", orderNumber: "WB-OLD" });
    for (let i = 0; i < 40; i++) sandbox.control.createShipment({ scenario: "delivered" });
    const newest = sandbox.control.createShipment({ scenario: "delivered", orderNumber: "WB-NEW" });

    const shallow = await adapter.lookupByOrderNumbers(["WB-OLD", "WB-NEW"], { maxPages: 2 });
    expect([...shallow.keys()]).toEqual(["WB-NEW"]);
    expect(shallow.get("WB-NEW")?.created.carrierOrderId).toBe(newest.carrierOrderId);

    const deep = await adapter.lookupByOrderNumbers(["WB-OLD", "WB-NEW"], { maxPages: 3 });
    expect(deep.get("WB-OLD")?.created.carrierOrderId).toBe(oldest.carrierOrderId);
    expect(await adapter.lookupByOrderNumbers([])).toEqual(new Map());
  });

  it("maps a stop-desk order waiting at the desk to available_for_pickup", async () => {
    const { sandbox, adapter } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "stop_desk" });
    await sandbox.control.advance(45 * HOUR);
    const update = okUpdate(
      (await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]))[0],
    );
    expect(update.scans.slice(-2).map((scan) => [scan.rawCode, scan.status])).toEqual([
      ["15", "available_for_pickup"],
      ["31", "available_for_pickup"],
    ]);
    expect(sandbox.control.groundTruth()[0]?.status).toBe("available_for_pickup");
  });

  it("keeps an undocumented code as an unknown scan without failing", async () => {
    const { sandbox, adapter, warnings } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "unknown_code" });
    await sandbox.control.advance(32 * HOUR);
    const update = okUpdate(
      (await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]))[0],
    );
    expect(update.scans.at(-1)).toMatchObject({ rawCode: "99", status: "unknown", rawLabel: null });
    expect(warnings.some((message) => message.includes("unknown status"))).toBe(true);
  });

  it("gives the postponed date as the estimated delivery", async () => {
    const { sandbox, adapter } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "postponed" });
    await sandbox.control.advance(51 * HOUR);
    const update = okUpdate(
      (await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]))[0],
    );
    const postponedAt = sandbox.control.clock.now() - HOUR;
    expect(update.scans.at(-1)).toMatchObject({ rawCode: "42", status: "failed_attempt" });
    expect(update.estimatedDelivery?.getTime()).toBe(postponedAt + 24 * HOUR);
  });

  it("ignores a history of unexpected shape with a warning and reports the order status alone", async () => {
    const { sandbox, adapter, warnings } = await startHarness({ historyShape: "activity" });
    const shipment = sandbox.control.createShipment({ scenario: "delivered" });
    await sandbox.control.advance(60 * HOUR);
    const update = okUpdate(
      (await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]))[0],
    );
    expect(update.scans).toHaveLength(1);
    expect(update.scans[0]).toMatchObject({ rawCode: "41", status: "delivered" });
    expect(update.scans[0]?.occurredAt.toISOString()).toBe(
      sandbox.control.groundTruth()[0]?.events.at(-1)?.occurredAt,
    );
    expect(warnings.some((message) => message.includes("history"))).toBe(true);
  });
});

describe("maystro adapter: creation and cancellation", () => {
  it("sends source 4, our order number, the numeric ids and the cash to collect", async () => {
    const { sandbox, adapter } = await startHarness();
    const created = await adapter.createShipment(
      shipmentInput("WB-1", { options: { wilaya: "31", commune: 3101, delivery_type: 2 } }),
    );
    const order = (await adapter.lookupByOrderNumbers(["WB-1"])).get("WB-1");
    expect(order?.created.carrierOrderId).toBe(created.carrierOrderId);
    const listed = [];
    for await (const item of adapter.listOrders()) listed.push(item);
    expect(listed[0]).toMatchObject({
      external_order_id: "WB-1",
      // Maystro sends wilaya as an id or a name, so ids are read as strings.
      wilaya: "31",
      commune: "3101",
      delivery_type: 2,
      product_price: 4500,
      customer_phone: "0555123456",
    });
    expect(sandbox.control.groundTruth()[0]?.scenario).toBe("stop_desk");

    await adapter.createShipment(
      shipmentInput("WB-2", {
        paymentMethod: "prepaid",
        address: { ...shipmentInput("x").address, name: "Another Person", phone: "0666000111" },
      }),
    );
    const prepaid = (await adapter.lookupByOrderNumbers(["WB-2"])).get("WB-2");
    expect(prepaid).toBeDefined();
    const again = [];
    for await (const item of adapter.listOrders()) again.push(item);
    expect(again.find((item) => item.external_order_id === "WB-2")?.product_price).toBe(0);
  });

  it("rejects Maystro's old-format validation errors with the field and message", async () => {
    const { adapter } = await startHarness();
    const attempt = adapter.createShipment(
      shipmentInput("WB-BAD", { address: { ...shipmentInput("x").address, phone: "12" } }),
    );
    await expect(attempt).rejects.toMatchObject({
      code: "REJECTED",
      status: 400,
      message: expect.stringContaining("customer_phone: Enter a valid phone number."),
    });
  });

  it("refuses to create without numeric wilaya and commune ids, before calling Maystro", async () => {
    const { adapter, sandbox } = await startHarness();
    await expect(
      adapter.createShipment(shipmentInput("WB-X", { options: { wilaya: "Oran" } })),
    ).rejects.toMatchObject({ code: "REJECTED", message: expect.stringContaining("wilaya") });
    expect(sandbox.control.faults.counters.requests).toBe(0);
  });

  it("rejects a second order for the same name and phone within 24 hours as a duplicate (error 55)", async () => {
    const { sandbox, adapter } = await startHarness();
    await adapter.createShipment(shipmentInput("WB-10"));
    const duplicate = adapter.createShipment(shipmentInput("WB-11"));
    await expect(duplicate).rejects.toMatchObject({
      code: "REJECTED",
      message: expect.stringMatching(/duplicate.*error 55.*24 hours/),
    });
    await sandbox.control.advance(25 * HOUR);
    await expect(adapter.createShipment(shipmentInput("WB-11"))).resolves.toMatchObject({
      carrierOrderId: expect.any(String),
    });
  });

  it("cancels an order before pickup and reports it cancelled", async () => {
    const { sandbox, adapter } = await startHarness();
    const created = await adapter.createShipment(shipmentInput("WB-20"));
    await adapter.cancelShipment({ orderNumber: "WB-20" });
    const update = okUpdate((await adapter.track([{ carrierOrderId: created.carrierOrderId }]))[0]);
    expect(update.scans.at(-1)).toMatchObject({ rawCode: "50", status: "cancelled" });
    expect(sandbox.control.groundTruth()[0]?.status).toBe("cancelled");
    await sandbox.control.advance(100 * HOUR);
    expect(sandbox.control.groundTruth()[0]?.status).toBe("cancelled");
  });

  it("reports Maystro's refusal to cancel a parcel already out for delivery", async () => {
    const { sandbox, adapter } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "delivered" });
    await sandbox.control.advance(49 * HOUR);
    await expect(
      adapter.cancelShipment({ carrierOrderId: shipment.carrierOrderId }),
    ).rejects.toMatchObject({ code: "REJECTED", message: expect.stringContaining("no longer") });
    await expect(adapter.cancelShipment({ orderNumber: "WB-NOPE" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("maystro adapter: auth and failures", () => {
  it("fails the connection test with AUTH_FAILED for a wrong token", async () => {
    const { adapterWith } = await startHarness();
    const verdict = await adapterWith({ apiToken: "not-the-token" }).testConnection();
    expect(verdict).toMatchObject({ ok: false, code: "AUTH_FAILED" });
    expect(verdict.message).toContain("Invalid token.");
  });

  it("builds an adapter over malformed credentials and answers AUTH_FAILED on use, sending nothing", async () => {
    const { sandbox, baseUrl } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "delivered" });
    const adapter = createMaystroAdapter({
      id: "a",
      carrier: "maystro",
      credentials: { token: "x" },
      webhookSecret: "s",
      baseUrl,
    });

    const verdict = await adapter.testConnection();
    expect(verdict).toMatchObject({ ok: false, code: "AUTH_FAILED" });
    expect(verdict.message).toContain("apiToken");
    const [result] = await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]);
    expect(errorCode(result)).toBe("AUTH_FAILED");
    const [byNumber] = await adapter.track([{ orderNumber: shipment.orderNumber }]);
    expect(errorCode(byNumber)).toBe("AUTH_FAILED");
    await expect(adapter.createShipment(shipmentInput("WB-AUTH-1"))).rejects.toMatchObject({
      code: "AUTH_FAILED",
    });
    await expect(adapter.cancelShipment({ carrierOrderId: "x" })).rejects.toMatchObject({
      code: "AUTH_FAILED",
    });
    await expect(adapter.lookupByOrderNumbers(["WB-1"])).rejects.toMatchObject({
      code: "AUTH_FAILED",
    });
    await expect(adapter.listWebhooks()).rejects.toMatchObject({ code: "AUTH_FAILED" });
    await expect(adapter.listOrders().next()).rejects.toMatchObject({ code: "AUTH_FAILED" });
    expect(sandbox.control.faults.counters.requests).toBe(0);
  });

  it("waits out a 429 and then succeeds", async () => {
    const { sandbox, adapter } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "delivered" });
    sandbox.control.faults.set({ rateLimitBurst: 1, retryAfterSeconds: 1 });
    const [result] = await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]);
    expect(okUpdate(result).scans.at(-1)?.rawCode).toBe("4");
    expect(sandbox.control.faults.counters.rateLimited).toBe(1);
  });

  it("gives up after bounded retries in a 5xx storm with UNAVAILABLE", async () => {
    const { sandbox, adapter } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "delivered" });
    sandbox.control.faults.set({ errorRate: 1 });
    const [result] = await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]);
    expect(errorCode(result)).toBe("UNAVAILABLE");
    // One attempt and the helper's default three retries, for the order; no history call.
    expect(sandbox.control.faults.counters.errors5xx).toBe(4);
  });

  it("reports a malformed body as INVALID_RESPONSE", async () => {
    const { sandbox, adapter } = await startHarness();
    const shipment = sandbox.control.createShipment({ scenario: "delivered" });
    sandbox.control.faults.set({ malformedRate: 1 });
    const [result] = await adapter.track([{ carrierOrderId: shipment.carrierOrderId }]);
    expect(errorCode(result)).toBe("INVALID_RESPONSE");
    expect((await adapter.testConnection()).ok).toBe(false);
  });
});

describe("maystro adapter: webhooks", () => {
  it("registers, lists and deletes hooks through the costume API", async () => {
    const { adapter } = await startHarness();
    const receiver = await startReceiver();
    const { id } = await adapter.registerWebhook(`${receiver.url}/hooks/acc/token`);
    expect(await adapter.listWebhooks()).toEqual([{ id, url: `${receiver.url}/hooks/acc/token` }]);
    await adapter.deleteWebhook(id);
    expect(await adapter.listWebhooks()).toEqual([]);
    await expect(adapter.deleteWebhook(id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("decodes every status change a registered hook receives into the shipment's history", async () => {
    const { sandbox, adapter } = await startHarness();
    const receiver = await startReceiver();
    const { id } = await adapter.registerWebhook(`${receiver.url}/hooks/acc/token`);
    const shipment = sandbox.control.createShipment({ scenario: "failed_attempt_then_delivered" });
    await sandbox.control.advance(80 * HOUR);

    const updates = receiver.requests.map((request) => {
      const parsed = adapter.parseWebhook(request.headers as Record<string, string>, request.body);
      if (!parsed.ok || parsed.kind !== "updates") throw new Error(JSON.stringify(parsed));
      return parsed.updates[0] as CarrierUpdate;
    });
    const truth = sandbox.control.groundTruth()[0];
    expect(updates.map((update) => update.scans[0]?.rawCode)).toEqual(
      truth?.events.map((event) => event.rawCode),
    );
    expect(updates.at(-1)).toMatchObject({
      ref: { carrierOrderId: shipment.carrierOrderId, orderNumber: shipment.orderNumber },
      trackingNumber: truth?.trackingNumber,
      scans: [{ status: "delivered", description: RECEIPT_TIME_NOTE }],
    });
    expect(updates.map((update) => update.scans[0]?.status)).toContain("failed_attempt");

    await adapter.deleteWebhook(id);
    const before = receiver.requests.length;
    sandbox.control.createShipment({ scenario: "delivered" });
    await sandbox.control.advance(HOUR);
    expect(receiver.requests).toHaveLength(before);
  });

  it.each(["raw", "payload", "data", "message"])(
    "parses the %s envelope the sandbox sends",
    async (variant) => {
      const { sandbox, adapter } = await startHarness();
      const receiver = await startReceiver();
      sandbox.control.webhooks.configure({ url: receiver.url, mode: { variant } });
      sandbox.control.createShipment({ scenario: "cancelled_before_pickup" });
      await sandbox.control.advance(4 * HOUR);
      const parsed = receiver.requests.map((request) => adapter.parseWebhook({}, request.body));
      expect(
        parsed.map(
          (result) => result.ok && result.kind === "updates" && result.updates[0]?.scans[0]?.status,
        ),
      ).toEqual(["pending", "cancelled"]);
    },
  );

  it("fires a test event at registered hooks", async () => {
    const { sandbox, adapter } = await startHarness();
    const receiver = await startReceiver();
    await adapter.registerWebhook(receiver.url);
    sandbox.control.createShipment({ scenario: "delivered" });
    await sandbox.control.advance(0);
    expect(receiver.requests).toHaveLength(1);
    const response = await sandbox.app.request("/api/stores/hooks/test/request/", {
      method: "POST",
      headers: { authorization: `Token ${MAYSTRO_SANDBOX_TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(receiver.requests).toHaveLength(2);
    expect(adapter.parseWebhook({}, receiver.requests[1]?.body ?? "")).toMatchObject({
      ok: true,
      updates: [{ scans: [{ rawCode: "4" }] }],
    });
  });

  it("dates a webhook scan by the receiver's clock when Maystro gives no time, and says so", async () => {
    const { adapterWith } = await startHarness();
    const receivedAt = Date.UTC(2026, 0, 6, 8, 0);
    const adapter = adapterWith({ now: () => receivedAt });
    const body = JSON.stringify({
      event: "OrderStatusChanged",
      payload: { id: "3f1c2a9e-7b4d-4c1a-9e2f-5d6b7a8c9d01", external_id: "WC-1", status: 31 },
    });
    const parsed = adapter.parseWebhook({}, body);
    expect(parsed).toMatchObject({
      ok: true,
      updates: [
        {
          scans: [
            {
              occurredAt: new Date(receivedAt),
              description: RECEIPT_TIME_NOTE,
              timeSource: "received",
            },
          ],
        },
      ],
    });
    const timed = adapter.parseWebhook(
      {},
      JSON.stringify({
        event: "OrderStatusChanged",
        payload: { external_order_id: "WC-1", status: 41, last_update: "2026-01-06 10:15:00" },
      }),
    );
    // A naive Maystro time is Algiers wall time (UTC+1).
    expect(timed).toMatchObject({
      ok: true,
      updates: [{ scans: [{ occurredAt: new Date("2026-01-06T09:15:00Z"), description: null }] }],
    });
    expect(timed.ok && timed.kind === "updates" && timed.updates[0]?.scans[0]?.timeSource).toBe(
      undefined,
    );
  });

  it.each([
    ["an empty body", ""],
    ["plain text", "hello"],
    ["an unsupported event", JSON.stringify({ event: "PaymentSettled", payload: { status: 41 } })],
    [
      "a payload naming no order",
      JSON.stringify({ event: "OrderStatusChanged", payload: { status: 41 } }),
    ],
    [
      "a non-numeric status",
      JSON.stringify({ event: "orderCreated", payload: { id: "x", status: "done" } }),
    ],
  ])("answers %s with MALFORMED", async (_name, body) => {
    const { adapter } = await startHarness();
    expect(adapter.parseWebhook({}, body)).toMatchObject({ ok: false, reason: "MALFORMED" });
  });
});

describe("maystro adapter: wire details", () => {
  it("builds the create body of carriers.md §3.3 from a shipment input", () => {
    const input = shipmentInput("WC-1001", {
      address: { ...shipmentInput("x").address, name: "Karim Benali" },
    });
    expect(buildCreateOrderRequest(input)).toEqual(createRequest);
  });

  it("authenticates with `Token <key>`, never Bearer", async () => {
    const fake = await startLocalServer((_request, res) =>
      answer(res, 200, { list: { count: 0, next: null, previous: null, results: [] } }),
    );
    cleanups.push(() => fake.close());
    const adapter = createMaystroAdapter({
      id: "a",
      carrier: "maystro",
      credentials: { apiToken: "k-123" },
      webhookSecret: "s",
      baseUrl: fake.url,
    });
    expect(await adapter.testConnection()).toMatchObject({ ok: true });
    expect(fake.requests[0]).toMatchObject({
      method: "GET",
      url: "/api/stores/orders/?page=1",
      headers: { authorization: "Token k-123" },
    });
  });

  it("treats an HTTP 200 carrying the old `status_code: 400` body as a rejection", async () => {
    const fake = await startLocalServer((_request, res) =>
      answer(res, 200, { status_code: 400, error: "Wilaya not served" }),
    );
    cleanups.push(() => fake.close());
    const adapter = createMaystroAdapter({
      id: "a",
      carrier: "maystro",
      credentials: { apiToken: "k-123" },
      webhookSecret: "s",
      baseUrl: fake.url,
    });
    await expect(adapter.createShipment(shipmentInput("WB-9"))).rejects.toMatchObject({
      code: "REJECTED",
      status: 400,
      message: expect.stringContaining("Wilaya not served"),
    });
    expect(JSON.parse(fake.requests[0]?.body ?? "{}")).toMatchObject({
      source: 4,
      external_order_id: "WB-9",
      wilaya: 16,
      commune: 1621,
      delivery_type: 1,
      product_price: 4500,
      products: [{ quantity: 1, logistical_description: "Perfume" }],
    });
  });
});
