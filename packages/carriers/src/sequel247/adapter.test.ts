import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import type { CarrierError } from "../errors";
import type { ScenarioName } from "../sandbox/kit";
import { answer, startLocalServer } from "../testing/local-server";
import type { CarrierLogger, CreateShipmentInput, TrackResult } from "../types";
import { createSequel247Adapter, type Sequel247AdapterOptions } from "./adapter";
import {
  createSequel247Sandbox,
  SEQUEL247_SANDBOX_TOKEN,
  type Sequel247Sandbox,
  type Sequel247SandboxOptions,
} from "./sandbox";

const HOUR = 3_600_000;
const closers: Array<() => Promise<void>> = [];

afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** The sandbox on a real socket: 127.0.0.1, port 0, closed after the test. */
async function startSandbox(options: Sequel247SandboxOptions = {}) {
  const sandbox = createSequel247Sandbox(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const started = serve({ fetch: sandbox.app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(started),
    );
  });
  closers.push(
    () =>
      new Promise<void>((resolve, reject) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { sandbox, baseUrl: `http://127.0.0.1:${port}` };
}

type Harness = { sleeps: number[]; warnings: Array<[string, unknown]> };

function adapterFor(
  baseUrl: string,
  credentials: unknown = { token: SEQUEL247_SANDBOX_TOKEN },
  options: Sequel247AdapterOptions = {},
) {
  const harness: Harness = { sleeps: [], warnings: [] };
  const logger: CarrierLogger = {
    warn: (message, context) => harness.warnings.push([message, context]),
  };
  const adapter = createSequel247Adapter(
    {
      id: "acct-sequel",
      carrier: "sequel247",
      credentials,
      webhookSecret: "unused",
      baseUrl,
      logger,
    },
    {
      // Retries stay instant: the backoff is recorded, never waited.
      sleep: async (ms) => {
        harness.sleeps.push(ms);
      },
      ...options,
    },
  );
  return { adapter, harness };
}

const ORDER: CreateShipmentInput = {
  orderNumber: "WB-2026-000123",
  orderDate: new Date("2026-01-05T04:00:00Z"),
  address: {
    name: "Meera Iyer",
    email: "meera@example.com",
    phone: "+91 98450 12345",
    line1: "Flat 12B, Lotus Residency, 14th Cross Road, Jayanagar 4th Block",
    line2: null,
    city: "Mumbai",
    state: "Maharashtra",
    postalCode: "400001",
    country: "IN",
  },
  items: [{ name: "Gold ring", sku: "RING-22K", units: 1, unitPrice: 45000 }],
  paymentMethod: "prepaid",
  subTotal: 45000,
  parcel: { lengthCm: 15, breadthCm: 10, heightCm: 8, weightKg: 0.07 },
  options: { fromStoreCode: "BLRAK" },
};

function okUpdate(result: TrackResult | undefined) {
  if (!result?.ok) throw new Error(`expected an update, got ${JSON.stringify(result)}`);
  return result.update;
}

function failure(result: TrackResult | undefined): CarrierError {
  if (!result || result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.error;
}

function truthFor(sandbox: Sequel247Sandbox, docket: string) {
  const truth = sandbox.control.groundTruth().find((s) => s.trackingNumber === docket);
  if (!truth) throw new Error(`no ground truth for ${docket}`);
  return truth;
}

describe("sequel247 adapter against the sandbox over HTTP", () => {
  it("books, tracks through delivery, and matches the carrier's ground truth", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);

    expect(await adapter.testConnection()).toMatchObject({ ok: true });

    const created = await adapter.createShipment(ORDER);
    expect(created.trackingNumber).toMatch(/^\d{10}$/);
    const docket = created.trackingNumber as string;
    expect(created).toEqual({
      carrierOrderId: truthFor(sandbox, docket).carrierOrderId,
      carrierShipmentId: null,
      trackingNumber: docket,
      courierName: null,
      trackingUrl: `https://sequel247.com/track/${docket}`,
      // Booked 2026-01-05 10:00 IST; the sandbox promises 18:00 IST three days later.
      estimatedDelivery: new Date("2026-01-08T12:30:00Z"),
    });

    const [booked] = await adapter.track([{ trackingNumber: docket }]);
    expect(okUpdate(booked).scans.map((scan) => [scan.rawCode, scan.status])).toEqual([
      ["SCREATED", "info_received"],
    ]);

    await sandbox.control.advance(60 * HOUR);
    const [result] = await adapter.track([
      { trackingNumber: docket, orderNumber: ORDER.orderNumber },
    ]);
    const update = okUpdate(result);
    const truth = truthFor(sandbox, docket);
    expect(update.ref).toEqual({ trackingNumber: docket, orderNumber: ORDER.orderNumber });
    expect(update.scans.map((scan) => scan.rawCode)).toEqual(truth.events.map((e) => e.rawCode));
    expect(update.scans.map((scan) => scan.occurredAt.toISOString())).toEqual(
      truth.events.map((e) => e.occurredAt),
    );
    expect(update.scans.at(-1)).toMatchObject({ status: "delivered", location: "MUMBAI" });
    expect(update.scans[0]).toMatchObject({ rawCode: "SCREATED", location: null, rawLabel: null });
    expect(truth.status).toBe("delivered");
  });

  it("tracks an admin-typed docket through an RTO to returned", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    sandbox.control.createShipment({ scenario: "rto", trackingNumber: "0581094993" });
    await sandbox.control.advance(200 * HOUR);

    const [result] = await adapter.track([{ trackingNumber: "0581094993" }]);
    const statuses = okUpdate(result).scans.map((scan) => scan.status);
    expect(statuses.slice(-3)).toEqual(["exception", "return_to_sender", "returned"]);
  });

  it("batches many dockets into trackMultiple and answers every ref on its own", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    const a = sandbox.control.createShipment({ scenario: "delivered" }).trackingNumber as string;
    const b = sandbox.control.createShipment({ scenario: "lost" }).trackingNumber as string;
    await sandbox.control.advance(100 * HOUR);

    const results = await adapter.track([
      { trackingNumber: a },
      { trackingNumber: "0000000001" },
      { trackingNumber: b },
      { trackingNumber: null, orderNumber: "WB-2026-000999" },
      { trackingNumber: "12345" },
      { trackingNumber: a, orderNumber: "duplicate ref" },
    ]);

    expect(results.map((r) => r.ok)).toEqual([true, false, true, false, false, true]);
    expect(okUpdate(results[0]).scans.at(-1)?.status).toBe("delivered");
    expect(okUpdate(results[2]).scans.at(-1)).toMatchObject({
      status: "exception",
      description: "Shipment not traceable, investigation opened",
    });
    expect(failure(results[1]).code).toBe("NOT_FOUND");
    expect(failure(results[3]).code).toBe("NOT_FOUND");
    expect(failure(results[4]).message).toContain("10 digits");
    expect(okUpdate(results[5]).ref).toEqual({ trackingNumber: a, orderNumber: "duplicate ref" });
    // Two distinct valid dockets plus one unknown: a single batch call, no per-docket fallbacks.
    expect(sandbox.control.faults.counters.requests).toBe(1);
  });

  it("splits a long list into trackMultiple calls of at most batchSize dockets", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl, undefined, { batchSize: 2 });
    const scenarios: ScenarioName[] = ["delivered", "rto", "lost", "delivered", "postponed"];
    const dockets = scenarios.map(
      (scenario) => sandbox.control.createShipment({ scenario }).trackingNumber as string,
    );
    const results = await adapter.track(dockets.map((trackingNumber) => ({ trackingNumber })));
    expect(results.map((r) => okUpdate(r).trackingNumber)).toEqual(dockets);
    expect(sandbox.control.faults.counters.requests).toBe(3);
  });

  it("reads the data-array variant of trackMultiple the same way", async () => {
    const { sandbox, baseUrl } = await startSandbox({ trackMultipleShape: "array" });
    const { adapter } = adapterFor(baseUrl);
    const a = sandbox.control.createShipment({ scenario: "delivered" }).trackingNumber as string;
    const b = sandbox.control.createShipment({ scenario: "rto" }).trackingNumber as string;
    await sandbox.control.advance(20 * HOUR);

    const results = await adapter.track([
      { trackingNumber: a },
      { trackingNumber: b },
      { trackingNumber: "0000000002" },
    ]);
    expect(okUpdate(results[0]).scans).toHaveLength(4);
    expect(okUpdate(results[1]).trackingNumber).toBe(b);
    expect(failure(results[2]).code).toBe("NOT_FOUND");
  });

  it("reports every docket of an all-unknown batch as NOT_FOUND", async () => {
    const { baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    const results = await adapter.track([
      { trackingNumber: "0000000001" },
      { trackingNumber: "0000000002" },
    ]);
    expect(results.map((r) => failure(r).code)).toEqual(["NOT_FOUND", "NOT_FOUND"]);
  });

  it("returns scans oldest first whichever order the carrier sends", async () => {
    const scansBy = async (trackingOrder: "newest_first" | "oldest_first") => {
      const { sandbox, baseUrl } = await startSandbox({ trackingOrder });
      sandbox.control.createShipment({
        scenario: "failed_attempt_then_delivered",
        trackingNumber: "0581094993",
      });
      await sandbox.control.advance(80 * HOUR);
      const [result] = await adapterFor(baseUrl).adapter.track([{ trackingNumber: "0581094993" }]);
      return okUpdate(result).scans;
    };
    const fromNewestFirst = await scansBy("newest_first");
    const fromOldestFirst = await scansBy("oldest_first");
    expect(fromNewestFirst).toEqual(fromOldestFirst);
    const times = fromNewestFirst.map((scan) => scan.occurredAt.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(fromNewestFirst.map((scan) => scan.rawCode)).toEqual([
      "SCREATED",
      "SPU",
      "SCHKINORIGN",
      "SLINORIN",
      "SLINDEST",
      "SDELASN",
      "SINEXCP",
      "SDELASN",
      "SDELVD",
    ]);
  });

  it("keeps a scan with an unknown code as unknown, warns, and does not throw", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter, harness } = adapterFor(baseUrl);
    sandbox.control.createShipment({ scenario: "unknown_code", trackingNumber: "0581094993" });
    await sandbox.control.advance(50 * HOUR);

    const [result] = await adapter.track([{ trackingNumber: "0581094993" }]);
    expect(okUpdate(result).scans.at(-1)).toMatchObject({
      rawCode: "SHLDCUST",
      status: "unknown",
      substatus: null,
      description: "Held at customer request",
    });
    expect(harness.warnings).toHaveLength(1);
    expect(harness.warnings[0]?.[1]).toMatchObject({ rawCode: "SHLDCUST" });
  });

  it("answers NOT_FOUND for a docket the carrier does not know (code 103)", async () => {
    const { baseUrl } = await startSandbox();
    const [result] = await adapterFor(baseUrl).adapter.track([{ trackingNumber: "0000000001" }]);
    expect(failure(result)).toMatchObject({ code: "NOT_FOUND", status: 404 });
  });

  it("cancels before pickup and refuses after it", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    const early = (await adapter.createShipment(ORDER)).trackingNumber as string;
    const late = (await adapter.createShipment(ORDER)).trackingNumber as string;

    await adapter.cancelShipment({ trackingNumber: early }, "Customer changed their mind");
    await sandbox.control.advance(7 * HOUR);
    await expect(adapter.cancelShipment({ trackingNumber: late })).rejects.toMatchObject({
      code: "REJECTED",
      message: "Shipment already picked up, cannot be cancelled",
    });

    const [cancelled] = await adapter.track([{ trackingNumber: early }]);
    expect(okUpdate(cancelled).scans.map((scan) => [scan.rawCode, scan.description])).toEqual([
      ["SCREATED", "Shipment created"],
      ["SCANCELLED", "Customer changed their mind"],
    ]);
    expect(truthFor(sandbox, early).status).toBe("cancelled");
    expect(truthFor(sandbox, late).status).toBe("in_transit");
  });

  it("refuses a booking the carrier rejects, with the carrier's field errors", async () => {
    const { baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    const unserviceable = { ...ORDER, address: { ...ORDER.address, postalCode: "999999" } };
    await expect(adapter.createShipment(unserviceable)).rejects.toMatchObject({
      code: "REJECTED",
      details: { "toAddress.pinCode": "Pincode is not serviceable" },
    });
  });

  it("refuses a booking without a store code before calling the carrier", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    await expect(adapter.createShipment({ ...ORDER, options: {} })).rejects.toMatchObject({
      code: "REJECTED",
      message: expect.stringContaining("fromStoreCode"),
    });
    expect(sandbox.control.faults.counters.requests).toBe(0);
  });

  it("tells a wrong token (401 invalid token) apart from an unreachable carrier", async () => {
    const { baseUrl } = await startSandbox();
    const wrong = adapterFor(baseUrl, { token: "0123456789abcdef0123456789abcdef" }).adapter;
    expect(await wrong.testConnection()).toMatchObject({ ok: false, code: "AUTH_FAILED" });
    const [result] = await wrong.track([{ trackingNumber: "0581094993" }]);
    expect(failure(result)).toMatchObject({ code: "AUTH_FAILED", status: 401 });

    const closed = await startLocalServer((_req, res) => answer(res, 200, {}));
    await closed.close();
    const { adapter: unreachable, harness } = adapterFor(closed.url);
    expect(await unreachable.testConnection()).toMatchObject({ ok: false, code: "UNAVAILABLE" });
    expect(harness.sleeps).toHaveLength(3);
  });

  it("reports a malformed token as AUTH_FAILED without sending it", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl, { token: "not-a-token" });
    expect(await adapter.testConnection()).toMatchObject({
      ok: false,
      code: "AUTH_FAILED",
      message: expect.stringContaining("32-character hex"),
    });
    const [result] = await adapter.track([{ trackingNumber: "0581094993" }]);
    expect(failure(result).code).toBe("AUTH_FAILED");
    expect(sandbox.control.faults.counters.requests).toBe(0);
  });

  it("retries a 429 and then succeeds", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter, harness } = adapterFor(baseUrl);
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" });
    sandbox.control.faults.set({ rateLimitBurst: 1, retryAfterSeconds: 2 });

    const [result] = await adapter.track([{ trackingNumber: "0581094993" }]);
    expect(okUpdate(result).scans).toHaveLength(1);
    expect(sandbox.control.faults.counters).toMatchObject({ rateLimited: 1, requests: 2 });
    expect(harness.sleeps).toEqual([2000]);
  });

  it("gives up on a 5xx storm after bounded retries with UNAVAILABLE", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter, harness } = adapterFor(baseUrl, undefined, { maxRetries: 2 });
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" });
    sandbox.control.faults.set({ errorRate: 1 });

    const [result] = await adapter.track([{ trackingNumber: "0581094993" }]);
    expect(failure(result).code).toBe("UNAVAILABLE");
    expect(sandbox.control.faults.counters.errors5xx).toBe(3);
    expect(harness.sleeps).toHaveLength(2);
  });

  it("fails a garbled body with INVALID_RESPONSE", async () => {
    const { sandbox, baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    sandbox.control.createShipment({ scenario: "delivered", trackingNumber: "0581094993" });
    sandbox.control.faults.set({ malformedRate: 1 });

    const [result] = await adapter.track([{ trackingNumber: "0581094993" }]);
    expect(failure(result).code).toBe("INVALID_RESPONSE");
  });

  it("names the offending field when a scan has an unexpected shape", async () => {
    const server = await startLocalServer((_req, res) =>
      answer(res, 200, {
        status: "true",
        data: {
          docket_no: "0581094993",
          tracking: [{ code: 7, date_time: "2026-03-01 10:00:00" }],
        },
      }),
    );
    closers.push(server.close);
    const [result] = await adapterFor(server.url).adapter.track([{ trackingNumber: "0581094993" }]);
    expect(failure(result)).toMatchObject({ code: "INVALID_RESPONSE" });
    expect(failure(result).message).toContain("data.tracking[0].code");
  });

  it("sends the token in the JSON body of a POST, numbers as strings", async () => {
    const server = await startLocalServer((_req, res) =>
      answer(res, 200, {
        status: true,
        data: { docketNumber: "0581094993", brn: 7710042, estimated_delivery: "04-03-2026 18:00" },
      }),
    );
    closers.push(server.close);
    const token = "ABCDEF0123456789abcdef0123456789";
    const created = await adapterFor(server.url, { token }).adapter.createShipment({
      ...ORDER,
      paymentMethod: "cod",
      subTotal: 45000.5,
    });

    expect(created.carrierOrderId).toBe("7710042");
    expect(created.estimatedDelivery?.toISOString()).toBe("2026-03-04T12:30:00.000Z");
    const [request] = server.requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("/api/shipment/create");
    const body = JSON.parse(request?.body ?? "{}");
    expect(body).toMatchObject({
      token,
      fromStoreCode: "BLRAK",
      net_weight: "70",
      net_value: "45000.50",
      codValue: "45000.50",
      no_of_packages: "1",
      invoice: ["WB-2026-000123"],
      toAddress: { pinCode: "400001", auth_receiver_phone: "9845012345" },
      boxes: [{ length: "15", breadth: "10", height: "8", gross_weight: "70" }],
    });
    // The street line is longer than Sequel's 50 characters: it wraps at a word, city included.
    expect(body.toAddress).toMatchObject({
      address_line1: "Flat 12B, Lotus Residency, 14th Cross Road",
      address_line2: "Jayanagar 4th Block, Mumbai",
    });
  });

  it("checks serviceability and asks the carrier for a delivery estimate", async () => {
    const { baseUrl } = await startSandbox();
    const { adapter } = adapterFor(baseUrl);
    expect(await adapter.checkServiceability("560078")).toEqual({
      serviceable: true,
      city: "BANGALORE",
      state: "KARNATAKA",
      hub: "BLR",
    });
    expect(await adapter.checkServiceability("999999")).toMatchObject({ serviceable: false });
    const estimate = await adapter.estimateDelivery({
      originPincode: "560078",
      destinationPincode: "400001",
      pickupDate: new Date("2026-03-01T20:00:00Z"),
    });
    // 20:00 UTC on 1 March is already 2 March in India; two days later, 18:00 IST.
    expect(estimate?.toISOString()).toBe("2026-03-04T12:30:00.000Z");
  });

  it("says Sequel247 sends no webhooks", () => {
    const { adapter } = adapterFor("http://127.0.0.1:9");
    expect(adapter.parseWebhook({}, "{}")).toEqual({
      ok: false,
      reason: "MALFORMED",
      message: "Sequel247 does not send webhooks",
    });
  });
});
