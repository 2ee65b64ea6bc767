import { Hono } from "hono";
import { afterEach, describe, expect, it } from "vitest";
import { SCENARIO_NAMES, type ScenarioName } from "../sandbox/kit";
import { answer, type LocalServer, startLocalServer } from "../testing/local-server";
import { createMaystroSandbox, MAYSTRO_SANDBOX_TOKEN } from "./sandbox";

const HOUR = 3_600_000;
const AUTH = { authorization: `Token ${MAYSTRO_SANDBOX_TOKEN}` };
const servers: LocalServer[] = [];

afterEach(async () => {
  while (servers.length > 0) await servers.pop()?.close();
});

async function receiver(): Promise<LocalServer> {
  const server = await startLocalServer((_request, res) => answer(res, 200, {}));
  servers.push(server);
  return server;
}

const createBody = (overrides: Record<string, unknown> = {}) => ({
  source: 4,
  external_order_id: "WB-1",
  customer_name: "Nadia Saidi",
  customer_phone: "0770123456",
  wilaya: 16,
  commune: 1621,
  destination_text: "Rue Didouche Mourad",
  product_price: 2500,
  delivery_type: 1,
  products: [{ quantity: 1, logistical_description: "Scarf" }],
  ...overrides,
});

type Page = {
  list: { count: number; next: string | null; previous: string | null; results: unknown[] };
};
type Order = { id: string; status: number; display_id: number | null; created_at: string };
type HistoryEntry = { status: number; created_at: string; comment: string | null };

/** The JSON body, typed by the test that knows what the route answers. */
async function readJson<T>(response: Response | Promise<Response>): Promise<T> {
  return (await (await response).json()) as T;
}

const post = (body: unknown) => ({
  method: "POST",
  headers: { ...AUTH, "content-type": "application/json" },
  body: JSON.stringify(body),
});

describe("maystro sandbox: auth", () => {
  it.each([
    ["a Bearer token", { authorization: `Bearer ${MAYSTRO_SANDBOX_TOKEN}` }, "Invalid token."],
    ["an unknown token", { authorization: "Token nope" }, "Invalid token."],
    ["no header", {}, "Authentication credentials were not provided."],
  ])("answers %s with DRF's 401", async (_name, headers, detail) => {
    const { app } = createMaystroSandbox();
    const response = await app.request("/api/stores/orders/?page=1", { headers });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ detail });
  });

  it("refuses every token while the tokenExpired fault is on", async () => {
    const { app, control } = createMaystroSandbox();
    control.faults.set({ tokenExpired: true });
    expect((await app.request("/api/stores/orders/?page=1", { headers: AUTH })).status).toBe(401);
  });
});

describe("maystro sandbox: orders", () => {
  it("pages the store's orders 20 at a time in a list wrapper with absolute next links", async () => {
    const sandbox = createMaystroSandbox();
    for (let i = 0; i < 21; i++) sandbox.control.createShipment({ scenario: "delivered" });
    const mounted = new Hono().route("/maystro", sandbox.app);

    const first = await readJson<Page>(
      mounted.request("http://sandbox.test/maystro/api/stores/orders/?page=1", { headers: AUTH }),
    );
    expect(first.list.count).toBe(21);
    expect(first.list.results).toHaveLength(20);
    expect(first.list.next).toBe("http://sandbox.test/maystro/api/stores/orders/?page=2");
    expect(first.list.previous).toBeNull();

    const second = await readJson<Page>(mounted.request(first.list.next ?? "", { headers: AUTH }));
    expect(second.list.results).toHaveLength(1);
    expect(second.list.next).toBeNull();
    expect(second.list.previous).toBe("http://sandbox.test/maystro/api/stores/orders/?page=1");

    const beyond = await mounted.request("/maystro/api/stores/orders/?page=3", { headers: AUTH });
    expect(beyond.status).toBe(404);
    expect(await beyond.json()).toEqual({ detail: "Invalid page." });
  });

  it("creates an order without a display id and assigns one when pickup is requested", async () => {
    const { app, control } = createMaystroSandbox();
    const response = await app.request("/api/stores/orders/", post(createBody()));
    expect(response.status).toBe(201);
    const created = await readJson<Order>(response);
    expect(created).toMatchObject({
      status: 4,
      display_id: null,
      external_order_id: "WB-1",
      product_price: 2500,
    });
    expect(created.created_at).toMatch(/Z$/);

    await control.advance(2 * HOUR);
    const order = await readJson<Order>(
      app.request(`/api/stores/orders/${created.id}/`, { headers: AUTH }),
    );
    expect(order.status).toBe(5);
    expect(order.display_id).toEqual(expect.any(Number));
    expect(control.groundTruth()[0]?.trackingNumber).toBe(String(order.display_id));
  });

  it.each([
    [{ source: 1 }, "source"],
    [{ customer_phone: "12" }, "customer_phone"],
    [{ wilaya: 70 }, "wilaya"],
    [{ commune: "Hussein Dey" }, "commune"],
    [{ products: [] }, "products"],
  ])("answers an invalid body %j in the old error format", async (overrides, field) => {
    const { app } = createMaystroSandbox();
    const response = await app.request("/api/stores/orders/", post(createBody(overrides)));
    expect(response.status).toBe(400);
    const body = await readJson<Record<string, unknown>>(response);
    expect(body.status_code).toBe(400);
    expect(body[field]).toEqual(expect.any(String));
  });

  it("refuses the same name and phone within 24 hours of sandbox time with error 55", async () => {
    const { app, control } = createMaystroSandbox();
    await app.request("/api/stores/orders/", post(createBody()));
    const again = await app.request(
      "/api/stores/orders/",
      post(createBody({ external_order_id: "WB-2", customer_name: " nadia  SAIDI " })),
    );
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({ status_code: 400, errors: [55] });
    await control.advance(24 * HOUR + 1);
    expect(
      (await app.request("/api/stores/orders/", post(createBody({ external_order_id: "WB-2" }))))
        .status,
    ).toBe(201);
  });

  it("aborts an order before pickup and refuses once it is out for delivery", async () => {
    const { app, control } = createMaystroSandbox();
    const early = control.createShipment({ scenario: "delivered" });
    const late = control.createShipment({ scenario: "delivered" });
    const abort = { status: 50, abort_reason: 21 };
    const patch = (id: string | null) =>
      app.request(`/api/shared/status/${id}/`, { ...post(abort), method: "PATCH" });

    expect((await patch(early.carrierOrderId)).status).toBe(200);
    await control.advance(50 * HOUR);
    const refused = await patch(late.carrierOrderId);
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({ status_code: 400, error: expect.any(String) });
    expect(control.groundTruth().map((truth) => truth.status)).toEqual([
      "cancelled",
      "out_for_delivery",
    ]);
    expect((await patch("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("serves the history as [{status, created_at, comment}] oldest first", async () => {
    const { app, control } = createMaystroSandbox();
    const shipment = control.createShipment({ scenario: "failed_attempt_then_delivered" });
    await control.advance(80 * HOUR);
    const history = await readJson<HistoryEntry[]>(
      app.request(`/api/stores/history_order/${shipment.carrierOrderId}`, { headers: AUTH }),
    );
    expect(history.map((entry) => entry.status)).toEqual([4, 5, 6, 8, 9, 15, 22, 31, 32, 31, 41]);
    expect(history[8]).toMatchObject({ comment: "Client injoignable" });
    expect(history.map((entry) => entry.created_at)).toEqual(
      control.groundTruth()[0]?.events.map((event) => event.occurredAt),
    );
  });
});

describe("maystro sandbox: scenarios", () => {
  const FINAL: Record<ScenarioName, [string, string]> = {
    delivered: ["41", "delivered"],
    failed_attempt_then_delivered: ["41", "delivered"],
    postponed: ["41", "delivered"],
    stop_desk: ["41", "delivered"],
    rto: ["52", "returned"],
    cancelled_before_pickup: ["50", "cancelled"],
    lost: ["53", "exception"],
    unknown_code: ["15", "in_transit"],
  };

  it.each(SCENARIO_NAMES.map((name) => [name, ...FINAL[name]] as const))(
    "runs %s to raw %s (%s)",
    async (scenario, rawCode, status) => {
      const { control } = createMaystroSandbox();
      control.createShipment({ scenario });
      await control.advance(200 * HOUR);
      expect(control.groundTruth()[0]).toMatchObject({ scenario, rawCode, status });
    },
  );

  it("never assigns a display id to an order cancelled before pickup", async () => {
    const { control } = createMaystroSandbox();
    control.createShipment({ scenario: "cancelled_before_pickup" });
    await control.advance(200 * HOUR);
    expect(control.groundTruth()[0]?.trackingNumber).toBeNull();
  });
});

describe("maystro sandbox: webhooks", () => {
  it("posts base64(base64(json)) in a payload envelope without any signature", async () => {
    const target = await receiver();
    const { control } = createMaystroSandbox();
    control.webhooks.configure({ url: target.url });
    const shipment = control.createShipment({ scenario: "delivered" });
    await control.advance(3 * HOUR);

    expect(target.requests).toHaveLength(2);
    const events = target.requests.map((request) => {
      const envelope = JSON.parse(request.body);
      const once = Buffer.from(envelope.payload, "base64").toString("utf8");
      return JSON.parse(Buffer.from(once, "base64").toString("utf8"));
    });
    expect(events).toEqual([
      {
        event: "orderCreated",
        payload: {
          id: shipment.carrierOrderId,
          external_id: shipment.orderNumber,
          status: 4,
          status_label: "CREATED",
          display_id_order: null,
        },
      },
      {
        event: "OrderStatusChanged",
        payload: {
          id: shipment.carrierOrderId,
          external_id: shipment.orderNumber,
          status: 5,
          status_label: "PICK_UP_REQUESTED",
          display_id_order: Number(control.groundTruth()[0]?.trackingNumber),
        },
      },
    ]);
    for (const request of target.requests) {
      expect(Object.keys(request.headers).filter((name) => /signature|hmac/i.test(name))).toEqual(
        [],
      );
    }
  });

  it("sends the raw variant as the bare encoded string", async () => {
    const target = await receiver();
    const { control } = createMaystroSandbox();
    control.webhooks.configure({ url: target.url, mode: { variant: "raw" } });
    control.createShipment({ scenario: "delivered" });
    await control.advance(0);
    expect(target.requests[0]?.body).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(target.requests[0]?.headers["content-type"]).toBe("text/plain");
  });

  it("delivers to each registered hook only the events of its trigger type", async () => {
    const everything = await receiver();
    const createdOnly = await receiver();
    const { app, control } = createMaystroSandbox();
    const types = await readJson<{ results: Array<{ id: number; name: string }> }>(
      app.request("/api/stores/hooks/types/", { headers: AUTH }),
    );
    const orderCreated = types.results.find((type) => type.name === "orderCreated");
    await app.request("/api/stores/hooks/costume/", post({ endpoint: everything.url }));
    await app.request(
      "/api/stores/hooks/costume/",
      post({ endpoint: createdOnly.url, trigger_type_id: String(orderCreated?.id) }),
    );

    control.createShipment({ scenario: "delivered" });
    await control.advance(7 * HOUR);
    expect(everything.requests).toHaveLength(3);
    expect(createdOnly.requests).toHaveLength(1);
  });

  it("refuses a hook whose endpoint is not a URL", async () => {
    const { app } = createMaystroSandbox();
    const response = await app.request("/api/stores/hooks/costume/", post({ endpoint: "nope" }));
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ status_code: 400, endpoint: "Enter a valid URL." });
  });
});
