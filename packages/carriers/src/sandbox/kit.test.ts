import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { StatusMapping } from "../status-model";
import { answer, type LocalServer, startLocalServer } from "../testing/local-server";
import {
  createFaults,
  createSandboxClock,
  createWebhookOutbox,
  faultMiddleware,
  mountControlRoutes,
  mulberry32,
  randomDigits,
  randomUuid,
  SANDBOX_EPOCH_MS,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioStep,
  shuffleWithinWindows,
} from "./kit";
import { createSandboxControl, createScenarioTimeline } from "./timeline";

const servers: Array<{ close(): Promise<void> }> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function receiver(status = 200): Promise<LocalServer> {
  const server = await startLocalServer((_req, res) => answer(res, status, { ok: true }));
  servers.push(server);
  return server;
}

const HOUR = 3_600_000;

describe("createSandboxClock", () => {
  it("starts at the fixed sandbox epoch and moves only when told", () => {
    const clock = createSandboxClock();
    expect(clock.now()).toBe(SANDBOX_EPOCH_MS);
    expect(new Date(clock.now()).toISOString()).toBe("2026-01-05T04:30:00.000Z");
    clock.advance(HOUR);
    expect(clock.now()).toBe(SANDBOX_EPOCH_MS + HOUR);
    clock.set(0);
    expect(clock.now()).toBe(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe("seeded randomness", () => {
  it("replays the same sequence for the same seed and differs for another", () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    const c = mulberry32(8);
    const seqA = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(seqA);
    expect(Array.from({ length: 5 }, c)).not.toEqual(seqA);
    for (const value of seqA) expect(value >= 0 && value < 1).toBe(true);
  });

  it("makes ids of the right shape", () => {
    const random = mulberry32(1);
    expect(randomDigits(random, 10)).toMatch(/^\d{10}$/);
    expect(randomUuid(random)).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe("createFaults", () => {
  it("starts fault-free, validates patches and resets config and counters", () => {
    const faults = createFaults({ seed: 1 });
    expect(faults.config).toMatchObject({
      errorRate: 0,
      rateLimitBurst: 0,
      retryAfterSeconds: null,
    });
    faults.set({ errorRate: 0.5, retryAfterSeconds: 3 });
    expect(faults.config.errorRate).toBe(0.5);
    expect(() => faults.set({ errorRate: 2 })).toThrow();
    faults.counters.requests = 9;
    faults.reset();
    expect(faults.config.errorRate).toBe(0);
    expect(faults.config.retryAfterSeconds).toBeNull();
    expect(faults.counters.requests).toBe(0);
  });
});

describe("faultMiddleware", () => {
  function appWith(faults = createFaults({ seed: 42 }), holdMs?: number) {
    const app = new Hono();
    app.use(
      faultMiddleware(
        faults,
        {
          error5xx: (status) => ({ message: "Server Error", status_code: status }),
          rateLimited: () => ({ message: "Too Many Attempts." }),
        },
        holdMs === undefined ? {} : { holdMs },
      ),
    );
    app.get("/orders", (c) =>
      c.json({ data: [{ id: 1, status: "DELIVERED" }], meta: { total: 1 } }),
    );
    app.get("/__sandbox/truth", (c) => c.json({ shipments: [] }));
    return { app, faults };
  }

  it("passes requests through untouched with no faults", async () => {
    const { app, faults } = appWith();
    const res = await app.request("/orders");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      data: [{ id: 1, status: "DELIVERED" }],
      meta: { total: 1 },
    });
    expect(faults.counters.requests).toBe(1);
  });

  it("rate-limits exactly the next `rateLimitBurst` requests, without Retry-After unless configured", async () => {
    const { app, faults } = appWith();
    faults.set({ rateLimitBurst: 2 });
    const first = await app.request("/orders");
    expect(first.status).toBe(429);
    expect(first.headers.get("retry-after")).toBeNull();
    expect(await first.json()).toEqual({ message: "Too Many Attempts." });
    faults.set({ retryAfterSeconds: 7 });
    const second = await app.request("/orders");
    expect(second.headers.get("retry-after")).toBe("7");
    expect((await app.request("/orders")).status).toBe(200);
    expect(faults.counters.rateLimited).toBe(2);
  });

  it("answers 5xx with the carrier's body at errorRate 1", async () => {
    const { app, faults } = appWith();
    faults.set({ errorRate: 1 });
    const res = await app.request("/orders");
    expect([500, 502, 503, 504]).toContain(res.status);
    expect(await res.json()).toEqual({ message: "Server Error", status_code: res.status });
    expect(faults.counters.errors5xx).toBe(1);
  });

  it("hits roughly errorRate of the requests, reproducibly for a seed", async () => {
    const statuses = async () => {
      const { app, faults } = appWith(createFaults({ seed: 99 }));
      faults.set({ errorRate: 0.3 });
      const out: number[] = [];
      for (let i = 0; i < 200; i++) out.push((await app.request("/orders")).status);
      return out;
    };
    const first = await statuses();
    expect(await statuses()).toEqual(first);
    const failures = first.filter((status) => status >= 500).length;
    expect(failures).toBeGreaterThan(30);
    expect(failures).toBeLessThan(90);
  });

  it("sends a 200 whose JSON body is cut short at malformedRate 1", async () => {
    const { app, faults } = appWith();
    faults.set({ malformedRate: 1 });
    const res = await app.request("/orders");
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow();
    expect(faults.counters.malformed).toBe(1);
  });

  it("never applies faults to the /__sandbox control routes", async () => {
    const { app, faults } = appWith();
    faults.set({ errorRate: 1, rateLimitBurst: 5 });
    expect((await app.request("/__sandbox/truth")).status).toBe(200);
    expect(faults.config.rateLimitBurst).toBe(5);
    expect(faults.counters.requests).toBe(0);
  });

  it("holds a timed-out request until the hold ends", async () => {
    const { app, faults } = appWith(createFaults({ seed: 1 }), 5);
    faults.set({ timeoutRate: 1 });
    const res = await app.request("/orders");
    expect(res.status).toBe(504);
    expect(faults.counters.timeouts).toBe(1);
  });

  it("holds a timed-out request over real HTTP until the client gives up", async () => {
    const { app, faults } = appWith();
    faults.set({ timeoutRate: 1 });
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
    await new Promise<void>((resolve) => server.once("listening", () => resolve()));
    servers.push({
      close: () =>
        new Promise<void>((resolve) => {
          if ("closeAllConnections" in server) server.closeAllConnections();
          server.close(() => resolve());
        }),
    });
    const { port } = server.address() as AddressInfo;
    const client = new AbortController();
    const attempt = fetch(`http://127.0.0.1:${port}/orders`, { signal: client.signal });
    // Give up only once the server holds the request: a fixed client timeout raced the connection
    // under load, and the request was then aborted before the server ever saw it.
    await vi.waitFor(() => expect(faults.counters.timeouts).toBe(1), { timeout: 10_000 });
    client.abort();
    // Still unanswered when the client gave up: the fetch rejects instead of resolving.
    await expect(attempt).rejects.toThrow();
    expect(faults.counters.timeouts).toBe(1);
  });
});

describe("shuffleWithinWindows", () => {
  it("keeps every item and moves none out of its window", () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    const out = shuffleWithinWindows(items, 4, mulberry32(3));
    expect([...out].sort((a, b) => a - b)).toEqual(items);
    out.forEach((value, index) => {
      expect(Math.floor(value / 4)).toBe(Math.floor(index / 4));
    });
    expect(out).not.toEqual(items);
    expect(shuffleWithinWindows(items, 1, mulberry32(3))).toEqual(items);
  });
});

describe("createWebhookOutbox", () => {
  it("POSTs each webhook with the target's headers and records every attempt", async () => {
    const server = await receiver();
    const clock = createSandboxClock();
    const outbox = createWebhookOutbox(createFaults(), { clock });
    outbox.configure({ url: `${server.url}/hooks/acc_1`, headers: { "x-api-key": "hook-secret" } });
    outbox.enqueue('{"awb":"1","n":1}');
    outbox.enqueue("ZXlKaGJHY2lPaUpJVXpJMU5pSjk=", { "content-type": "text/plain" });
    expect(outbox.pending).toBe(2);
    const results = await outbox.flush();
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect(
      server.requests.map((r) => [
        r.method,
        r.url,
        r.headers["x-api-key"],
        r.headers["content-type"],
      ]),
    ).toEqual([
      ["POST", "/hooks/acc_1", "hook-secret", "application/json"],
      ["POST", "/hooks/acc_1", "hook-secret", "text/plain"],
    ]);
    expect(server.requests.map((r) => r.body)).toEqual([
      '{"awb":"1","n":1}',
      "ZXlKaGJHY2lPaUpJVXpJMU5pSjk=",
    ]);
    expect(outbox.sent).toEqual([
      {
        url: `${server.url}/hooks/acc_1`,
        status: 200,
        body: '{"awb":"1","n":1}',
        at: SANDBOX_EPOCH_MS,
      },
      {
        url: `${server.url}/hooks/acc_1`,
        status: 200,
        body: "ZXlKaGJHY2lPaUpJVXpJMU5pSjk=",
        at: SANDBOX_EPOCH_MS,
      },
    ]);
    expect(outbox.pending).toBe(0);
  });

  it("sends duplicates at duplicateRate and shuffles within the reorder window", async () => {
    const server = await receiver();
    const outbox = createWebhookOutbox(createFaults({ seed: 5 }));
    outbox.configure({ url: server.url, mode: { duplicateRate: 0.5, reorderWindow: 3 } });
    const bodies = Array.from({ length: 12 }, (_, i) => JSON.stringify({ n: i }));
    for (const body of bodies) outbox.enqueue(body);
    await outbox.flush();
    const received = server.requests.map((r) => (JSON.parse(r.body) as { n: number }).n);
    expect(received.length).toBeGreaterThan(12);
    expect(new Set(received)).toEqual(new Set(bodies.map((_, i) => i)));
    expect(received).not.toEqual([...received].sort((a, b) => a - b));
    expect(outbox.sent).toHaveLength(received.length);
  });

  it("records a refused delivery and the receiver's status", async () => {
    const failing = await receiver(500);
    const outbox = createWebhookOutbox(createFaults());
    outbox.configure({ url: failing.url });
    outbox.enqueue("{}");
    expect(await outbox.flush()).toEqual([{ status: 500, body: "{}" }]);

    const gone = await startLocalServer(() => {});
    await gone.close();
    outbox.configure({ url: gone.url });
    outbox.enqueue("{}");
    expect(await outbox.flush()).toEqual([{ status: null, body: "{}" }]);
  });

  it("drops webhooks while no target is configured", async () => {
    const outbox = createWebhookOutbox(createFaults());
    outbox.enqueue("{}");
    expect(outbox.pending).toBe(0);
    expect(await outbox.flush()).toEqual([]);
  });
});

// A toy carrier: enough of a sandbox to drive the shared timeline and control routes.
type ToyCode =
  | "BOOKED"
  | "PICKED"
  | "OFD"
  | "NDR"
  | "DLVD"
  | "RTO"
  | "RTD"
  | "LOST"
  | "CXL"
  | "HOLD"
  | "DESK"
  | "ZZZ";
const TOY_MAP: Record<ToyCode, StatusMapping> = {
  BOOKED: { status: "info_received", substatus: null },
  PICKED: { status: "in_transit", substatus: "picked_up" },
  OFD: { status: "out_for_delivery", substatus: null },
  NDR: { status: "failed_attempt", substatus: "undelivered" },
  DLVD: { status: "delivered", substatus: null },
  RTO: { status: "return_to_sender", substatus: null },
  RTD: { status: "returned", substatus: null },
  LOST: { status: "exception", substatus: "lost" },
  CXL: { status: "cancelled", substatus: null },
  HOLD: { status: "failed_attempt", substatus: "postponed" },
  DESK: { status: "available_for_pickup", substatus: null },
  ZZZ: { status: "unknown", substatus: null },
};
const step = (afterHours: number, code: ToyCode): ScenarioStep<ToyCode> => ({
  afterMs: afterHours * HOUR,
  code,
  label: code.toLowerCase(),
  location: "HUB",
});
const TOY_SCENARIOS: Record<ScenarioName, ScenarioStep<ToyCode>[]> = {
  delivered: [step(0, "BOOKED"), step(4, "PICKED"), step(30, "OFD"), step(34, "DLVD")],
  failed_attempt_then_delivered: [
    step(0, "BOOKED"),
    step(4, "PICKED"),
    step(30, "OFD"),
    step(34, "NDR"),
    step(54, "OFD"),
    step(58, "DLVD"),
  ],
  rto: [step(0, "BOOKED"), step(4, "PICKED"), step(30, "NDR"), step(60, "RTO"), step(120, "RTD")],
  lost: [step(0, "BOOKED"), step(4, "PICKED"), step(100, "LOST")],
  cancelled_before_pickup: [step(0, "BOOKED"), step(2, "CXL")],
  postponed: [
    step(0, "BOOKED"),
    step(4, "PICKED"),
    step(30, "HOLD"),
    step(54, "OFD"),
    step(58, "DLVD"),
  ],
  stop_desk: [step(0, "BOOKED"), step(4, "PICKED"), step(30, "DESK"), step(50, "DLVD")],
  unknown_code: [step(0, "BOOKED"), step(4, "PICKED"), step(6, "ZZZ")],
};

function toySandbox() {
  const clock = createSandboxClock();
  const faults = createFaults({ seed: 11 });
  const webhooks = createWebhookOutbox(faults, { clock });
  const timeline = createScenarioTimeline<ToyCode, { note: string }>({
    clock,
    scenarios: TOY_SCENARIOS,
    mapStatus: (code) => TOY_MAP[code],
    onEvent: (shipment, event) =>
      webhooks.enqueue(
        JSON.stringify({ awb: shipment.trackingNumber, code: event.code, at: event.occurredAt }),
      ),
  });
  let next = 1;
  const control = createSandboxControl({
    clock,
    faults,
    webhooks,
    timeline,
    createShipment: (input) =>
      timeline.add({
        scenario: input.scenario,
        trackingNumber: input.trackingNumber ?? `TOY${String(next++).padStart(6, "0")}`,
        orderNumber: input.orderNumber ?? null,
        data: { note: "control" },
      }),
  });
  const app = new Hono();
  mountControlRoutes(app, control);
  return { clock, faults, webhooks, timeline, control, app };
}

describe("createScenarioTimeline", () => {
  it("applies due steps across shipments in carrier time order", () => {
    const { clock, timeline } = toySandbox();
    const a = timeline.add({ scenario: "delivered", trackingNumber: "A", data: { note: "" } });
    clock.advance(HOUR);
    const b = timeline.add({ scenario: "lost", trackingNumber: "B", data: { note: "" } });
    clock.advance(40 * HOUR);
    const applied = timeline.applyDue();
    const times = applied.map(({ event }) => event.occurredAt);
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(
      applied.map(({ shipment, event }) => `${shipment.trackingNumber}:${event.code}`),
    ).toEqual(["A:BOOKED", "B:BOOKED", "A:PICKED", "B:PICKED", "A:OFD", "A:DLVD"]);
    expect(a.events.at(-1)?.occurredAt).toBe(SANDBOX_EPOCH_MS + 34 * HOUR);
    expect(b.upcoming.map((s) => s.code)).toEqual(["LOST"]);
    expect(timeline.applyDue()).toEqual([]);
  });

  it("waits for start() when a shipment is added unstarted", () => {
    const { clock, timeline } = toySandbox();
    const shipment = timeline.add({ scenario: "delivered", startAt: null, data: { note: "" } });
    clock.advance(100 * HOUR);
    expect(timeline.applyDue()).toEqual([]);
    timeline.start(shipment);
    clock.advance(5 * HOUR);
    expect(timeline.applyDue().map(({ event }) => event.code)).toEqual(["BOOKED", "PICKED"]);
  });

  it("records API-caused events now and can drop the rest of the scenario", () => {
    const { clock, timeline } = toySandbox();
    const shipment = timeline.add({
      scenario: "delivered",
      trackingNumber: "C",
      data: { note: "" },
    });
    timeline.applyDue();
    clock.advance(HOUR);
    timeline.record(shipment, { code: "CXL", label: "cancelled by API" }, { dropUpcoming: true });
    clock.advance(100 * HOUR);
    expect(timeline.applyDue()).toEqual([]);
    expect(timeline.truthOf(shipment)).toMatchObject({ status: "cancelled", rawCode: "CXL" });
  });

  it("reports a ground truth in which unknown codes do not move the status", () => {
    const { clock, timeline } = toySandbox();
    const shipment = timeline.add({
      scenario: "unknown_code",
      trackingNumber: "D",
      orderNumber: "WB-1",
      data: { note: "" },
    });
    clock.advance(10 * HOUR);
    timeline.applyDue();
    expect(timeline.truthOf(shipment)).toEqual({
      trackingNumber: "D",
      carrierOrderId: null,
      orderNumber: "WB-1",
      scenario: "unknown_code",
      rawCode: "ZZZ",
      status: "in_transit",
      events: [
        { rawCode: "BOOKED", occurredAt: "2026-01-05T04:30:00.000Z" },
        { rawCode: "PICKED", occurredAt: "2026-01-05T08:30:00.000Z" },
        { rawCode: "ZZZ", occurredAt: "2026-01-05T10:30:00.000Z" },
      ],
    });
  });

  it.each<[ScenarioName, string]>([
    ["delivered", "delivered"],
    ["failed_attempt_then_delivered", "delivered"],
    ["rto", "returned"],
    ["lost", "exception"],
    ["cancelled_before_pickup", "cancelled"],
    ["postponed", "delivered"],
    ["stop_desk", "delivered"],
    ["unknown_code", "in_transit"],
  ])("runs the %s scenario to %s", (scenario, status) => {
    const { clock, timeline } = toySandbox();
    const shipment = timeline.add({ scenario, data: { note: "" } });
    clock.advance(500 * HOUR);
    timeline.applyDue();
    expect(timeline.truthOf(shipment).status).toBe(status);
  });
});

describe("SandboxControl over the control routes", () => {
  it("creates shipments, advances, delivers webhooks and reports the truth", async () => {
    const hook = await receiver();
    const { app, control } = toySandbox();

    const configured = await app.request("/__sandbox/webhook", {
      method: "POST",
      body: JSON.stringify({ url: `${hook.url}/hooks/x`, headers: { "x-api-key": "k" } }),
    });
    expect(configured.status).toBe(200);

    const created = await app.request("/__sandbox/shipments", {
      method: "POST",
      body: JSON.stringify({ scenario: "delivered", orderNumber: "WB-2026-000001" }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({
      trackingNumber: "TOY000001",
      orderNumber: "WB-2026-000001",
      status: "info_received",
      rawCode: "BOOKED",
    });

    const advanced = await app.request("/__sandbox/advance", {
      method: "POST",
      body: JSON.stringify({ ms: 40 * HOUR }),
    });
    expect(await advanced.json()).toEqual({ now: "2026-01-06T20:30:00.000Z" });
    expect(hook.requests.map((r) => (JSON.parse(r.body) as { code: string }).code)).toEqual([
      "BOOKED",
      "PICKED",
      "OFD",
      "DLVD",
    ]);
    expect(hook.requests.every((r) => r.headers["x-api-key"] === "k")).toBe(true);

    const truth = (await (await app.request("/__sandbox/truth")).json()) as {
      shipments: Array<{ status: string }>;
    };
    expect(truth.shipments.map((s) => s.status)).toEqual(["delivered"]);
    expect(control.groundTruth()[0]?.events).toHaveLength(4);

    const sent = (await (await app.request("/__sandbox/webhook/sent")).json()) as {
      sent: unknown[];
    };
    expect(sent.sent).toHaveLength(4);
  });

  it("sets and resets faults", async () => {
    const { app, faults } = toySandbox();
    const set = await app.request("/__sandbox/faults", {
      method: "POST",
      body: JSON.stringify({ errorRate: 0.25, tokenExpired: true }),
    });
    expect(set.status).toBe(200);
    expect(faults.config).toMatchObject({ errorRate: 0.25, tokenExpired: true });
    await app.request("/__sandbox/faults/reset", { method: "POST" });
    expect(faults.config).toMatchObject({ errorRate: 0, tokenExpired: false });
  });

  it.each([
    ["/__sandbox/advance", { ms: -1 }],
    ["/__sandbox/advance", "not json"],
    ["/__sandbox/faults", { errorRate: 3 }],
    ["/__sandbox/faults", { nonsense: true }],
    ["/__sandbox/shipments", { scenario: "teleported" }],
    ["/__sandbox/webhook", { url: "not a url" }],
  ])("answers 400 to a bad body on %s", async (path, body) => {
    const { app } = toySandbox();
    const res = await app.request(path, {
      method: "POST",
      body: typeof body === "string" ? body : JSON.stringify(body),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: "invalid_request" });
  });

  it("answers 400 with the message when the sandbox refuses the shipment, and keeps bugs a 500", async () => {
    const { app, control } = toySandbox();
    const refuse = (error: Error) => {
      control.createShipment = () => {
        throw error;
      };
    };
    const post = () =>
      app.request("/__sandbox/shipments", {
        method: "POST",
        body: JSON.stringify({ scenario: "delivered" }),
      });

    refuse(new RangeError("no stop desk here"));
    const refused = await post();
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: "invalid_request",
      message: "no stop desk here",
    });

    refuse(z.string().safeParse(1).error as z.ZodError);
    const invalidInput = await post();
    expect(invalidInput.status).toBe(400);
    expect(await invalidInput.json()).toMatchObject({ error: "invalid_request" });

    refuse(new TypeError("cannot read properties of undefined"));
    // Hono's default error handler logs the bug; keep the test output quiet.
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      expect((await post()).status).toBe(500);
      expect(logged).toHaveBeenCalled();
    } finally {
      logged.mockRestore();
    }
  });

  it("removes the webhook target with null", async () => {
    const { app, webhooks } = toySandbox();
    await app.request("/__sandbox/webhook", {
      method: "POST",
      body: JSON.stringify({ url: "http://127.0.0.1:9/x" }),
    });
    expect(webhooks.target).not.toBeNull();
    await app.request("/__sandbox/webhook", { method: "POST", body: "null" });
    expect(webhooks.target).toBeNull();
  });

  it("covers every scenario name", () => {
    expect(Object.keys(TOY_SCENARIOS).sort()).toEqual([...SCENARIO_NAMES].sort());
  });
});
