import { Hono, type MiddlewareHandler } from "hono";
import {
  createFaults,
  createSandboxClock,
  createSandboxControl,
  createScenarioTimeline,
  createWebhookOutbox,
  type Faults,
  faultMiddleware,
  type GroundTruthShipment,
  mountControlRoutes,
  mulberry32,
  randomDigits,
  randomUuid,
  type Sandbox,
  type SandboxClock,
  type SandboxControl,
  type ScenarioName,
  type TimelineEvent,
  type TimelineShipment,
  type WebhookOutbox,
} from "../sandbox/kit";
import { foldStatus } from "../status-model";
import {
  ABORTABLE_CODES,
  CREATED_CODE,
  DISPLAY_ID_CODES,
  MAYSTRO_SCENARIOS,
  type MaystroCode,
} from "./sandbox-scenarios";
import { mapMaystroStatus } from "./status-map";

/** The token the sandbox accepts unless told otherwise. */
export const MAYSTRO_SANDBOX_TOKEN = "maystro-sandbox-token";

const PAGE_SIZE = 20;
const DUPLICATE_WINDOW_MS = 24 * 3_600_000;
const POSTPONE_MS = 24 * 3_600_000;

/** How the sandbox wraps base64(base64(json)) in a webhook body (carriers.md §3.6). */
export type MaystroWebhookVariant = "raw" | "payload" | "data" | "message";
const WEBHOOK_VARIANTS: readonly string[] = ["raw", "payload", "data", "message"];

export type MaystroSandboxOptions = {
  clock?: SandboxClock;
  faults?: Faults;
  random?: () => number;
  /** Tokens accepted in `Authorization: Token <token>`. Default `[MAYSTRO_SANDBOX_TOKEN]`. */
  apiTokens?: string[];
  /**
   * Shape of `history_order`: the `[{status, created_at, comment}]` list courier-dz documents
   * (default) or the `{activity: [...]}` shape woo-bordereau parses, to exercise lenient readers.
   */
  historyShape?: "entries" | "activity";
  /** Scenario an order created through the API follows. Default: stop_desk for delivery_type 2, else delivered. */
  scenarioForCreatedOrder?: (body: { delivery_type: number }) => ScenarioName;
  /** Used to deliver webhooks. */
  fetch?: typeof fetch;
};

type MaystroOrderData = {
  id: string;
  displayId: number | null;
  customerName: string;
  customerPhone: string;
  destinationText: string;
  wilaya: number;
  commune: number;
  communeName: string;
  productPrice: number;
  deliveryType: number;
  express: boolean;
  noteToDriver: string;
  stopDeskId: string | null;
  products: Array<{ product_id: string; quantity: number; logistical_description: string }>;
  createdAt: number;
  alertedAt: number | null;
  alertReason: string | null;
  postponedTo: number | null;
  abortReason: number | null;
  /** A display id the control route asked for, used when pickup assigns one. */
  requestedDisplayId: string | null;
};

type Shipment = TimelineShipment<MaystroCode, MaystroOrderData>;
type Hook = { id: number; endpoint: string; trigger_type_id: number | null; created_at: string };

const HOOK_TYPES = [
  { id: 1, name: "orderCreated" },
  { id: 2, name: "OrderStatusChanged" },
] as const;

/**
 * Maystro's backend API in memory: Token auth, the store's orders with `list`-wrapped pages,
 * creation with old-style validation errors and the 24 h duplicate rule (error 55), abort,
 * status history, the hooks API, and base64(base64(json)) webhooks without a signature.
 */
export function createMaystroSandbox(options: MaystroSandboxOptions = {}): Sandbox {
  const clock = options.clock ?? createSandboxClock();
  const random = options.random ?? mulberry32(0x3a7_5e0);
  const faults = options.faults ?? createFaults({ random });
  const tokens = new Set(options.apiTokens ?? [MAYSTRO_SANDBOX_TOKEN]);
  const outboxOptions = { clock, ...(options.fetch ? { fetch: options.fetch } : {}) };
  const webhooks = createWebhookOutbox(faults, outboxOptions);
  const hooks = new Map<number, Hook>();
  const hookOutboxes = new Map<number, WebhookOutbox>();
  let nextHookId = 800;
  const usedDisplayIds = new Set<number>();

  const timeline = createScenarioTimeline<MaystroCode, MaystroOrderData>({
    clock,
    scenarios: MAYSTRO_SCENARIOS,
    mapStatus: (code) => mapMaystroStatus(Number(code)),
    onEvent: (shipment, event) => {
      applyEventToOrder(shipment, event);
      sendWebhooks(shipment, event);
    },
  });

  function applyEventToOrder(shipment: Shipment, event: TimelineEvent<MaystroCode>) {
    const data = shipment.data;
    if (data.displayId === null && DISPLAY_ID_CODES.has(event.code)) {
      data.displayId = allocateDisplayId(data.requestedDisplayId);
      shipment.trackingNumber = String(data.displayId);
    }
    if (event.code === "32") {
      data.alertedAt = event.occurredAt;
      data.alertReason = event.description;
    }
    if (event.code === "42") data.postponedTo = event.occurredAt + POSTPONE_MS;
  }

  function allocateDisplayId(requested: string | null): number {
    if (requested !== null && /^\d+$/.test(requested)) {
      usedDisplayIds.add(Number(requested));
      return Number(requested);
    }
    for (;;) {
      const candidate = Number(`1${randomDigits(random, 6)}`);
      if (!usedDisplayIds.has(candidate)) {
        usedDisplayIds.add(candidate);
        return candidate;
      }
    }
  }

  function webhookBody(shipment: Shipment, event: TimelineEvent<MaystroCode>) {
    const json = JSON.stringify({
      event: event.code === CREATED_CODE ? "orderCreated" : "OrderStatusChanged",
      payload: {
        id: shipment.data.id,
        external_id: shipment.orderNumber,
        status: Number(event.code),
        status_label: event.label,
        display_id_order: shipment.data.displayId,
      },
    });
    return encodeWebhook(json, webhookVariant(webhooks.mode.variant), clock.now());
  }

  function sendWebhooks(shipment: Shipment, event: TimelineEvent<MaystroCode>) {
    const { body, contentType } = webhookBody(shipment, event);
    const headers = { "content-type": contentType };
    webhooks.enqueue(body, headers);
    const eventName = event.code === CREATED_CODE ? "orderCreated" : "OrderStatusChanged";
    for (const hook of hooks.values()) {
      const type = HOOK_TYPES.find((candidate) => candidate.id === hook.trigger_type_id);
      if (type && type.name !== eventName) continue;
      hookOutbox(hook).enqueue(body, headers);
    }
  }

  function hookOutbox(hook: Hook): WebhookOutbox {
    let outbox = hookOutboxes.get(hook.id);
    if (!outbox) {
      outbox = createWebhookOutbox(faults, outboxOptions);
      hookOutboxes.set(hook.id, outbox);
    }
    // Registered hooks get the same duplicate/reorder faults as the control target.
    outbox.configure({ url: hook.endpoint, mode: webhooks.mode });
    return outbox;
  }

  async function flushHooks() {
    for (const outbox of hookOutboxes.values()) await outbox.flush();
  }

  function newOrderData(overrides: Partial<MaystroOrderData> = {}): MaystroOrderData {
    return {
      id: randomUuid(random),
      displayId: null,
      customerName: "Client Sandbox",
      customerPhone: `05${randomDigits(random, 8)}`,
      destinationText: "Cité des 200 logements, bâtiment B",
      wilaya: 31,
      commune: 3101,
      communeName: "Oran",
      productPrice: 3500,
      deliveryType: 1,
      express: false,
      noteToDriver: "",
      stopDeskId: null,
      products: [
        { product_id: randomUuid(random), quantity: 1, logistical_description: "Article" },
      ],
      createdAt: clock.now(),
      alertedAt: null,
      alertReason: null,
      postponedTo: null,
      abortReason: null,
      requestedDisplayId: null,
      ...overrides,
    };
  }

  function currentCode(shipment: Shipment): MaystroCode {
    return timeline.latest(shipment)?.code ?? CREATED_CODE;
  }

  function serializeOrder(shipment: Shipment) {
    const data = shipment.data;
    const latest = timeline.latest(shipment);
    const delivered = shipment.events.findLast((event) => event.code === "41");
    return {
      id: data.id,
      instance_uuid: data.id,
      display_id: data.displayId,
      external_order_id: shipment.orderNumber,
      status: Number(currentCode(shipment)),
      customer_name: data.customerName,
      customer_phone: data.customerPhone,
      destination_text: data.destinationText,
      wilaya: data.wilaya,
      commune: data.commune,
      commune_name: data.communeName,
      product_price: data.productPrice,
      delivery_type: data.deliveryType,
      express: data.express,
      note_to_driver: data.noteToDriver,
      stop_desk_id: data.stopDeskId,
      created_at: iso(data.createdAt),
      last_update: iso(latest?.occurredAt ?? data.createdAt),
      delivered_at: delivered ? iso(delivered.occurredAt) : null,
      alerted_at: data.alertedAt === null ? null : iso(data.alertedAt),
      alert_reason: data.alertReason,
      postponed_to: data.postponedTo === null ? null : iso(data.postponedTo),
      abort_reason: data.abortReason,
      products: data.products,
    };
  }

  /** The stop-desk mapping needs the order's delivery type, which the shared fold cannot see. */
  function truthOf(shipment: Shipment): GroundTruthShipment {
    const base = timeline.truthOf(shipment);
    const scans = shipment.events.map((event) => ({
      ...mapMaystroStatus(Number(event.code), { deliveryType: shipment.data.deliveryType }),
      occurredAt: new Date(event.occurredAt),
    }));
    return {
      ...base,
      status: foldStatus({ status: "pending", substatus: null }, scans).current.status,
    };
  }

  let orderSeq = 0;
  // The shipment the last control call created: looking it up again would walk every order.
  let lastCreated: Shipment | null = null;
  const base = createSandboxControl({
    clock,
    faults,
    webhooks,
    timeline,
    createShipment(input) {
      orderSeq++;
      const data = newOrderData({
        customerName: `Client ${orderSeq}`,
        deliveryType: input.scenario === "stop_desk" ? 2 : 1,
      });
      lastCreated = timeline.add({
        scenario: input.scenario,
        carrierOrderId: data.id,
        orderNumber: input.orderNumber ?? `WB-SBX-${String(orderSeq).padStart(6, "0")}`,
        // Kept until pickup: Maystro only hands out the display id then.
        trackingNumber: null,
        data: { ...data, requestedDisplayId: input.trackingNumber ?? null },
      });
      return lastCreated;
    },
  });
  const control: SandboxControl = {
    ...base,
    createShipment(input) {
      lastCreated = null;
      const truth = base.createShipment(input);
      return lastCreated ? truthOf(lastCreated) : truth;
    },
    async advance(ms) {
      await base.advance(ms);
      await flushHooks();
    },
    groundTruth: () => timeline.shipments().map(truthOf),
  };

  const app = new Hono();
  mountControlRoutes(app, control);
  app.use(
    "/api/*",
    faultMiddleware(faults, {
      error5xx: () => ({ detail: "A server error occurred." }),
      rateLimited: () => ({ detail: "Request was throttled." }),
    }),
  );
  app.use("/api/*", tokenAuth(tokens, faults));

  const findOrder = (id: string) =>
    timeline.find(
      (s) => s.data.id === id || (s.data.displayId !== null && String(s.data.displayId) === id),
    );
  const notFound = { detail: "Not found." };

  app.get("/api/stores/orders/", (c) => {
    const page = Number(c.req.query("page") ?? "1");
    // Newest first, as the store's order screen lists them.
    const orders = [...timeline.shipments()].sort(
      (a, b) => b.data.createdAt - a.data.createdAt || b.seq - a.seq,
    );
    const pages = Math.max(1, Math.ceil(orders.length / PAGE_SIZE));
    if (!Number.isInteger(page) || page < 1 || page > pages)
      return c.json({ detail: "Invalid page." }, 404);
    // Absolute, from the request's own URL, so a sandbox mounted under a prefix links to itself.
    const pageUrl = (n: number) => {
      const url = new URL(c.req.url);
      url.searchParams.set("page", String(n));
      return url.toString();
    };
    return c.json({
      list: {
        count: orders.length,
        next: page < pages ? pageUrl(page + 1) : null,
        previous: page > 1 ? pageUrl(page - 1) : null,
        results: orders.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE).map(serializeOrder),
      },
    });
  });

  app.get("/api/stores/orders/:id/", (c) => {
    const shipment = timeline.find((s) => s.data.id === c.req.param("id"));
    return shipment ? c.json(serializeOrder(shipment)) : c.json(notFound, 404);
  });

  app.post("/api/stores/orders/", async (c) => {
    const body = await readJsonObject(c.req.raw);
    if (body === null) return c.json({ status_code: 400, error: "JSON parse error" }, 400);
    const invalid = validateCreateBody(body);
    if (invalid) return c.json({ status_code: 400, ...invalid }, 400);
    const input = body as CreateBody;
    if (isDuplicate(input)) return c.json({ status_code: 400, errors: [55] }, 400);
    orderSeq++;
    const scenario =
      options.scenarioForCreatedOrder?.(input) ??
      (input.delivery_type === 2 ? "stop_desk" : "delivered");
    const id = randomUuid(random);
    const shipment = timeline.add({
      scenario,
      carrierOrderId: id,
      orderNumber: input.external_order_id,
      data: newOrderData({
        id,
        customerName: input.customer_name.trim(),
        customerPhone: input.customer_phone.trim(),
        destinationText: input.destination_text ?? "",
        wilaya: input.wilaya,
        commune: input.commune,
        communeName: `Commune ${input.commune}`,
        productPrice: input.product_price,
        deliveryType: input.delivery_type,
        express: input.express ?? false,
        noteToDriver: input.note_to_driver ?? "",
        stopDeskId:
          input.stop_desk_id === undefined || input.stop_desk_id === null
            ? null
            : String(input.stop_desk_id),
        products: input.products.map((product) => ({
          product_id: product.product_id ?? randomUuid(random),
          quantity: product.quantity,
          logistical_description: product.logistical_description,
        })),
      }),
    });
    timeline.applyDue();
    return c.json(serializeOrder(shipment), 201);
  });

  app.patch("/api/shared/status/:id/", async (c) => {
    const shipment = findOrder(c.req.param("id"));
    if (!shipment) return c.json(notFound, 404);
    const body = await readJsonObject(c.req.raw);
    if (body === null || body.status !== 50) {
      return c.json(
        { status_code: 400, status: "Only status 50 (abort) can be set by a store." },
        400,
      );
    }
    if (!ABORTABLE_CODES.has(currentCode(shipment))) {
      return c.json({ status_code: 400, error: "This order can no longer be aborted." }, 400);
    }
    shipment.data.abortReason = typeof body.abort_reason === "number" ? body.abort_reason : null;
    timeline.record(
      shipment,
      { code: "50", label: "ABORTED", location: null, description: "Aborted by the store" },
      { dropUpcoming: true },
    );
    return c.json(serializeOrder(shipment));
  });

  app.get("/api/stores/history_order/:id", (c) => {
    const shipment = findOrder(c.req.param("id"));
    if (!shipment) return c.json(notFound, 404);
    if (options.historyShape === "activity") {
      return c.json({
        activity: shipment.events.map((event) => ({
          status: event.label,
          date: iso(event.occurredAt).slice(0, 10),
          time: iso(event.occurredAt).slice(11, 16),
          scanLocation: event.location,
        })),
      });
    }
    return c.json(
      shipment.events.map((event) => ({
        status: Number(event.code),
        created_at: iso(event.occurredAt),
        comment: event.description,
      })),
    );
  });

  app.get("/api/stores/hooks/types/", (c) => c.json(drfPage(HOOK_TYPES)));
  app.get("/api/stores/hooks/costume/", (c) => c.json(drfPage([...hooks.values()])));
  app.post("/api/stores/hooks/costume/", async (c) => {
    const body = await readJsonObject(c.req.raw);
    const endpoint = typeof body?.endpoint === "string" ? body.endpoint : "";
    if (!isHttpUrl(endpoint))
      return c.json({ status_code: 400, endpoint: "Enter a valid URL." }, 400);
    const triggerType = body?.trigger_type_id;
    const triggerTypeId =
      triggerType === undefined || triggerType === null ? null : Number(triggerType);
    if (triggerTypeId !== null && !HOOK_TYPES.some((type) => type.id === triggerTypeId)) {
      return c.json({ status_code: 400, trigger_type_id: "Invalid trigger type." }, 400);
    }
    const hook: Hook = {
      id: nextHookId++,
      endpoint,
      trigger_type_id: triggerTypeId,
      created_at: iso(clock.now()),
    };
    hooks.set(hook.id, hook);
    return c.json(hook, 201);
  });
  app.delete("/api/stores/hooks/costume/:id/", (c) => {
    const id = Number(c.req.param("id"));
    if (!hooks.delete(id)) return c.json(notFound, 404);
    hookOutboxes.delete(id);
    return c.body(null, 204);
  });
  // Fires the newest order's current status at every hook, encoded exactly like a real event.
  app.post("/api/stores/hooks/test/request/", async (c) => {
    const newest = [...timeline.shipments()].sort(
      (a, b) => b.data.createdAt - a.data.createdAt || b.seq - a.seq,
    )[0];
    const latest = newest ? timeline.latest(newest) : null;
    if (!newest || !latest)
      return c.json({ status_code: 400, error: "The store has no order to send." }, 400);
    if (hooks.size === 0)
      return c.json({ status_code: 400, error: "No webhook is registered." }, 400);
    const { body, contentType } = webhookBody(newest, latest);
    for (const hook of hooks.values())
      hookOutbox(hook).enqueue(body, { "content-type": contentType });
    await flushHooks();
    return c.json({ detail: "Test request sent." });
  });

  function isDuplicate(input: CreateBody): boolean {
    const name = normalizeName(input.customer_name);
    const phone = input.customer_phone.replace(/\D/g, "");
    const since = clock.now() - DUPLICATE_WINDOW_MS;
    return timeline
      .shipments()
      .some(
        (s) =>
          s.data.createdAt > since &&
          normalizeName(s.data.customerName) === name &&
          s.data.customerPhone.replace(/\D/g, "") === phone,
      );
  }

  return { carrier: "maystro", app, control };
}

/** Encode a webhook the way Maystro does: base64 twice, in the chosen envelope. */
export function encodeWebhook(
  json: string,
  variant: MaystroWebhookVariant,
  nowMs: number,
): { body: string; contentType: string } {
  const encoded = Buffer.from(Buffer.from(json, "utf8").toString("base64"), "utf8").toString(
    "base64",
  );
  switch (variant) {
    case "raw":
      return { body: encoded, contentType: "text/plain" };
    case "payload":
      return { body: JSON.stringify({ payload: encoded }), contentType: "application/json" };
    case "data":
      return { body: JSON.stringify({ data: encoded }), contentType: "application/json" };
    case "message":
      return {
        body: JSON.stringify({
          message: { data: encoded, messageId: String(nowMs), publishTime: iso(nowMs) },
          subscription: "projects/maystro/subscriptions/store-hooks",
        }),
        contentType: "application/json",
      };
  }
}

function webhookVariant(value: string | undefined): MaystroWebhookVariant {
  return value !== undefined && WEBHOOK_VARIANTS.includes(value)
    ? (value as MaystroWebhookVariant)
    : "payload";
}

/** DRF token auth: `Token <key>` only; Bearer and unknown keys get DRF's own 401 body. */
function tokenAuth(tokens: ReadonlySet<string>, faults: Faults): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header("authorization");
    if (!header) return c.json({ detail: "Authentication credentials were not provided." }, 401);
    const match = /^Token\s+(\S+)$/.exec(header.trim());
    if (!match?.[1] || !tokens.has(match[1]) || faults.config.tokenExpired) {
      return c.json({ detail: "Invalid token." }, 401);
    }
    return next();
  };
}

type CreateBody = {
  source: number;
  external_order_id: string;
  customer_name: string;
  customer_phone: string;
  wilaya: number;
  commune: number;
  destination_text?: string;
  product_price: number;
  delivery_type: number;
  express?: boolean;
  note_to_driver?: string;
  stop_desk_id?: string | number | null;
  products: Array<{ quantity: number; logistical_description: string; product_id?: string }>;
};

/** Old-style validation: the first failing field with its message, as the backend API answers. */
function validateCreateBody(body: Record<string, unknown>): Record<string, string> | null {
  const isPositiveInt = (value: unknown) => Number.isInteger(value) && (value as number) > 0;
  if (body.source !== 4) return { source: "This field is required and must be 4." };
  if (typeof body.external_order_id !== "string" || body.external_order_id.trim() === "") {
    return { external_order_id: "This field is required." };
  }
  if (body.external_order_id.length > 100) {
    return { external_order_id: "Ensure this field has no more than 100 characters." };
  }
  if (typeof body.customer_name !== "string" || body.customer_name.trim() === "") {
    return { customer_name: "This field may not be blank." };
  }
  if (
    typeof body.customer_phone !== "string" ||
    !/^0[5-7]\d{8}$|^0[2-4]\d{7}$/.test(body.customer_phone.replace(/\s/g, ""))
  ) {
    return { customer_phone: "Enter a valid phone number." };
  }
  if (!isPositiveInt(body.wilaya) || (body.wilaya as number) > 58)
    return { wilaya: "Invalid wilaya." };
  if (!isPositiveInt(body.commune)) return { commune: "Invalid commune." };
  if (typeof body.product_price !== "number" || body.product_price < 0) {
    return { product_price: "A valid number is required." };
  }
  if (![0, 1, 2].includes(body.delivery_type as number))
    return { delivery_type: "Invalid delivery type." };
  const products = body.products;
  if (
    !Array.isArray(products) ||
    products.length === 0 ||
    !products.every(
      (product) =>
        typeof product === "object" &&
        product !== null &&
        isPositiveInt((product as Record<string, unknown>).quantity) &&
        typeof (product as Record<string, unknown>).logistical_description === "string",
    )
  ) {
    return {
      products: "At least one product with a quantity and a logistical description is required.",
    };
  }
  return null;
}

function normalizeName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toLowerCase();
}

async function readJsonObject(request: Request): Promise<Record<string, unknown> | null> {
  try {
    const value: unknown = JSON.parse(await request.text());
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

function drfPage<T>(results: readonly T[]) {
  return { count: results.length, next: null, previous: null, results };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
