import { type Context, Hono } from "hono";
import {
  createFaults,
  createSandboxClock,
  createWebhookOutbox,
  type Faults,
  faultMiddleware,
  mountControlRoutes,
  mulberry32,
  randomDigits,
  type Sandbox,
  type SandboxClock,
  type ScenarioName,
} from "../sandbox/kit";
import {
  createSandboxControl,
  createScenarioTimeline,
  type TimelineEvent,
  type TimelineShipment,
} from "../sandbox/timeline";
import {
  COURIER_SCAN_CODES,
  ORDER_CODE_FOR_SHIPMENT_CODE,
  SANDBOX_COURIERS,
  SHIPROCKET_SCENARIOS,
  type ShiprocketSandboxCode,
} from "./sandbox-scenarios";
import { mapShiprocketShipmentStatus, SHIPROCKET_SHIPMENT_STATUS_LABELS } from "./status-map";

/**
 * A Shiprocket simulator speaking the real `/v1/external` endpoints and payloads (carriers.md §1):
 * login with expiring tokens (and an MFA mode), ad-hoc orders that refuse a reused `order_id`, AWB
 * assignment (or its HTTP-200 failure), pickups, the three tracking shapes plus the batch, order
 * search, cancel, PHP-style 500s on wrong types, and tracking webhooks in the current or legacy
 * format with `x-api-key`. Shipments move on the sandbox clock only.
 */

/** The API user the sandbox accepts unless told otherwise. Frozen: every sandbox defaults to it. */
export const SHIPROCKET_SANDBOX_CREDENTIALS = Object.freeze({
  email: "api-user@waybill.test",
  password: "sandbox-password",
});

export type ShiprocketSandboxSettings = {
  /** Default 10 days (SR-DOC). */
  tokenTtlMs: number;
  /** Login answers the MFA challenge instead of a token. */
  mfa: boolean;
  /** Every API call except login answers 403: the IP whitelist or a missing module. */
  forbidden: "ip" | "permission" | null;
  /** When set, AWB assignment answers HTTP 200 with `awb_assign_status: 0` and this reason. */
  awbAssignError: string | null;
  /** Scenario of an order created through the API. */
  scenarioForOrder: (orderNumber: string) => ScenarioName;
};

export type ShiprocketSandboxOptions = {
  clock?: SandboxClock;
  faults?: Faults;
  /** Seeded source for ids and scenario choice; default seeded, so runs replay. */
  random?: () => number;
  /** Used to deliver webhooks. */
  fetch?: typeof fetch;
  credentials?: { email: string; password: string };
} & Partial<ShiprocketSandboxSettings>;

export type ShiprocketSandbox = Sandbox & {
  /** Live settings: tests flip them between calls. */
  settings: ShiprocketSandboxSettings;
  /** Calls counted per kind (logins, so tests can prove one shared re-login). */
  stats: { logins: number; ordersCreated: number };
};

type ShipmentData = {
  srOrderId: number;
  shipmentId: number;
  courier: (typeof SANDBOX_COURIERS)[number] | null;
  createdAt: number;
  updatedAt: number;
  awbAssignedAt: number | null;
  pickupScheduledAt: number | null;
  etd: number | null;
  /** Order-level status (table B) while no scan has set one: 1 NEW, 5 CANCELED. */
  orderCode: { code: number; name: string };
  request: Record<string, unknown>;
};

type SrShipment = TimelineShipment<ShiprocketSandboxCode, ShipmentData>;
type SrEvent = TimelineEvent<ShiprocketSandboxCode>;

const DAY = 24 * 60 * 60 * 1000;
const IST_OFFSET_MS = 330 * 60 * 1000;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const NO_ACTIVITIES =
  "Aahh! There is no activities found in our DB. Please have some patience it will be updated soon.";
const DEFAULT_SCENARIO_WEIGHTS: Array<[ScenarioName, number]> = [
  ["delivered", 0.55],
  ["failed_attempt_then_delivered", 0.15],
  ["rto", 0.1],
  ["postponed", 0.08],
  ["unknown_code", 0.06],
  ["lost", 0.03],
  ["cancelled_before_pickup", 0.03],
];
const REQUIRED_ORDER_FIELDS = [
  "order_id",
  "order_date",
  "pickup_location",
  "billing_customer_name",
  "billing_address",
  "billing_city",
  "billing_pincode",
  "billing_state",
  "billing_country",
  "billing_email",
  "billing_phone",
  "order_items",
  "payment_method",
  "sub_total",
  "length",
  "breadth",
  "height",
  "weight",
] as const;

// ------------------------------------------------------------------------------------ time formats

function istParts(ms: number) {
  const d = new Date(ms + IST_OFFSET_MS);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    y: String(d.getUTCFullYear()),
    mo: pad(d.getUTCMonth() + 1),
    monthName: MONTHS[d.getUTCMonth()] as string,
    d: pad(d.getUTCDate()),
    h24: d.getUTCHours(),
    h: pad(d.getUTCHours()),
    mi: pad(d.getUTCMinutes()),
    s: pad(d.getUTCSeconds()),
    pad,
  };
}
/** "2026-01-05 10:00:00" IST: tracking, scans, etd. */
function istIso(ms: number): string {
  const p = istParts(ms);
  return `${p.y}-${p.mo}-${p.d} ${p.h}:${p.mi}:${p.s}`;
}
/** "05 01 2026 10:00:00" IST: webhook `current_timestamp`. */
function istSpaced(ms: number): string {
  const p = istParts(ms);
  return `${p.d} ${p.mo} ${p.y} ${p.h}:${p.mi}:${p.s}`;
}
/** "05 Jan 2026 10:00 AM" IST: order list dates. */
function istListDate(ms: number): string {
  const p = istParts(ms);
  const hour12 = p.h24 % 12 === 0 ? 12 : p.h24 % 12;
  return `${p.d} ${p.monthName} ${p.y} ${p.pad(hour12)}:${p.mi} ${p.h24 < 12 ? "AM" : "PM"}`;
}

// ------------------------------------------------------------------------------------ error bodies

const notFoundBody = { message: "404 Not Found", status_code: 404 };
const phpForeach = { message: "Invalid argument supplied for foreach()", status_code: 500 };
function invalidData(message: string, errors: Record<string, string[]>) {
  return { message, errors, status_code: 422 };
}
function requiredMessage(field: string) {
  return `The ${field.replaceAll("_", " ")} field is required.`;
}

async function readBody(c: Context): Promise<Record<string, unknown>> {
  // Laravel reads an unparseable or non-object body as no input at all.
  try {
    const value: unknown = JSON.parse(await c.req.text());
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function isPositiveInt(value: unknown): value is number {
  return typeof value === "number" && Number.isSafeInteger(value) && value > 0;
}

/** Creates the Shiprocket sandbox: `app` serves `/v1/external/...` and `/__sandbox/...`. */
export function createShiprocketSandbox(options: ShiprocketSandboxOptions = {}): ShiprocketSandbox {
  const clock = options.clock ?? createSandboxClock();
  const random = options.random ?? mulberry32(0x5a1d_0c7e);
  const faults = options.faults ?? createFaults({ random });
  const webhooks = createWebhookOutbox(faults, {
    clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const credentials = options.credentials ?? SHIPROCKET_SANDBOX_CREDENTIALS;
  const settings: ShiprocketSandboxSettings = {
    tokenTtlMs: options.tokenTtlMs ?? 10 * DAY,
    mfa: options.mfa ?? false,
    forbidden: options.forbidden ?? null,
    awbAssignError: options.awbAssignError ?? null,
    scenarioForOrder:
      options.scenarioForOrder ?? (() => pickWeighted(DEFAULT_SCENARIO_WEIGHTS, random)),
  };
  const stats = { logins: 0, ordersCreated: 0 };
  const tokens = new Map<string, number>();
  let nextOrderId = 481_250_000 + Math.floor(random() * 10_000);
  let nextShipmentId = 478_900_000 + Math.floor(random() * 10_000);

  const timeline = createScenarioTimeline<ShiprocketSandboxCode, ShipmentData>({
    clock,
    scenarios: SHIPROCKET_SCENARIOS,
    mapStatus: (code) => mapShiprocketShipmentStatus(code),
    onEvent(shipment, event) {
      shipment.data.updatedAt = event.occurredAt;
      // Webhooks are per AWB; an order without one sends nothing. Nor does a sandbox with no target set,
      // and the cumulative payload is too costly to build for nothing when a demo advances 100k shipments.
      if (shipment.trackingNumber === null || webhooks.target === null) return;
      const legacy = webhooks.mode.variant === "legacy";
      const at = event.occurredAt;
      webhooks.enqueue(
        JSON.stringify(legacy ? legacyWebhook(shipment, at) : currentWebhook(shipment, at)),
      );
    },
  });

  // -------------------------------------------------------------------------------- shipment state

  function newShipment(input: {
    scenario: ScenarioName;
    orderNumber: string;
    request: Record<string, unknown>;
  }) {
    const now = clock.now();
    stats.ordersCreated++;
    return timeline.add({
      scenario: input.scenario,
      orderNumber: input.orderNumber,
      carrierOrderId: String(nextOrderId),
      startAt: null,
      data: {
        srOrderId: nextOrderId++,
        shipmentId: nextShipmentId++,
        courier: null,
        createdAt: now,
        updatedAt: now,
        awbAssignedAt: null,
        pickupScheduledAt: null,
        etd: null,
        orderCode: { code: 1, name: "NEW" },
        request: input.request,
      },
    });
  }

  /** Gives the shipment an AWB and starts its scenario (the scans follow hours later). */
  function assignAwb(shipment: SrShipment, trackingNumber?: string) {
    const now = clock.now();
    const courier =
      SANDBOX_COURIERS[Math.floor(random() * SANDBOX_COURIERS.length)] ?? SANDBOX_COURIERS[0];
    shipment.trackingNumber = trackingNumber ?? `1904${randomDigits(random, 10)}`;
    shipment.data.courier = courier;
    shipment.data.awbAssignedAt = now;
    shipment.data.updatedAt = now;
    shipment.data.orderCode = { code: 3, name: "READY TO SHIP" };
    // Shiprocket's promise at booking; scenarios that run late simply miss it, as couriers do.
    shipment.data.etd = now + 3 * DAY;
    timeline.start(shipment, now);
    timeline.applyDue();
  }

  /** The latest Shiprocket-coded event ("NA" scans do not change the shipment status). */
  function latestCoded(shipment: SrShipment): SrEvent | null {
    for (let i = shipment.events.length - 1; i >= 0; i--) {
      const event = shipment.events[i] as SrEvent;
      if (event.code !== "NA") return event;
    }
    return null;
  }

  function shipmentStatus(shipment: SrShipment): { code: number; label: string } {
    const event = latestCoded(shipment);
    if (event) return { code: Number(event.code), label: event.label };
    // Before the first scan, Shiprocket reports the booking state.
    return shipment.trackingNumber === null
      ? { code: 11, label: "PENDING" }
      : { code: 1, label: "AWB ASSIGNED" };
  }

  function orderStatus(shipment: SrShipment): { code: number; name: string } {
    const event = latestCoded(shipment);
    return (event && ORDER_CODE_FOR_SHIPMENT_CODE[event.code]) || shipment.data.orderCode;
  }

  // ---------------------------------------------------------------------------------- wire shapes

  function activity(event: SrEvent) {
    return {
      date: istIso(event.occurredAt),
      status: COURIER_SCAN_CODES[event.code] ?? "UD",
      activity: event.description ?? event.label,
      location: event.location ?? "",
      "sr-status": event.code,
      "sr-status-label": event.label,
    };
  }

  function trackingData(shipment: SrShipment) {
    if (shipment.trackingNumber === null || shipment.events.length === 0) {
      return { tracking_data: { track_status: 0, error: NO_ACTIVITIES } };
    }
    const status = shipmentStatus(shipment);
    const delivered = shipment.events.find((event) => event.code === "7");
    const pickedUp = shipment.events.find((event) => event.code === "42");
    const courier = shipment.data.courier;
    return {
      tracking_data: {
        track_status: 1,
        shipment_status: status.code,
        shipment_track: [
          {
            id: shipment.data.shipmentId,
            awb_code: shipment.trackingNumber,
            courier_company_id: courier?.id ?? null,
            shipment_id: shipment.data.shipmentId,
            order_id: shipment.data.srOrderId,
            pickup_date: pickedUp ? istIso(pickedUp.occurredAt) : null,
            delivered_date: delivered ? istIso(delivered.occurredAt) : null,
            weight: String(shipment.data.request.weight ?? "0.50"),
            packages: 1,
            current_status: titleCase(status.label),
            delivered_to: delivered ? "Bengaluru" : "",
            destination: "Bengaluru",
            consignee_name: "",
            origin: "Mumbai",
            courier_agent_details: null,
            courier_name: courier?.name ?? "",
            edd: null,
            pod: delivered ? "Available" : "Not Available",
            pod_status: delivered ? `https://shiprocket.co/pod/${shipment.trackingNumber}.png` : "",
          },
        ],
        // The tracking API lists newest first.
        shipment_track_activities: [...shipment.events].reverse().map(activity),
        // Double slash as Shiprocket sends it.
        track_url: `https://shiprocket.co//tracking/${shipment.trackingNumber}`,
        etd: shipment.data.etd === null ? null : istIso(shipment.data.etd),
        qc_response: { qc_image: "", qc_failed_reason: "" },
      },
    };
  }

  /** The payload as of `at`; scans are cumulative so far. */
  function currentWebhook(shipment: SrShipment, at: number) {
    const status = shipmentStatus(shipment);
    const order = orderStatus(shipment);
    return {
      awb: shipment.trackingNumber,
      courier_name: shipment.data.courier?.name ?? null,
      current_status: order.name,
      current_status_id: order.code,
      shipment_status: status.label,
      shipment_status_id: status.code,
      current_timestamp: istSpaced(at),
      order_id: shipment.orderNumber,
      sr_order_id: shipment.data.srOrderId,
      awb_assigned_date:
        shipment.data.awbAssignedAt === null ? null : istIso(shipment.data.awbAssignedAt),
      pickup_scheduled_date:
        shipment.data.pickupScheduledAt === null ? null : istIso(shipment.data.pickupScheduledAt),
      etd: shipment.data.etd === null ? null : istIso(shipment.data.etd),
      // Cumulative, oldest first, as in the SR-DOC sample.
      scans: shipment.events.map(activity),
      is_return: 0,
      channel_id: 3422553,
      pod_status: "OTP Based Delivery",
      pod: "Not Available",
      qc_image: "",
      qc_failure_reason: "",
    };
  }

  function legacyWebhook(shipment: SrShipment, at: number) {
    const status = shipmentStatus(shipment);
    const order = orderStatus(shipment);
    return {
      awb: Number(shipment.trackingNumber),
      current_status: titleCase(order.name),
      order_id: String(shipment.data.srOrderId),
      current_timestamp: istIso(at),
      etd: shipment.data.etd === null ? null : istIso(shipment.data.etd),
      current_status_id: order.code,
      shipment_status: titleCase(status.label),
      shipment_status_id: status.code,
      channel_order_id: shipment.orderNumber,
      channel: "CUSTOM",
      courier_name: shipment.data.courier?.name ?? null,
      // Newest first, labels only.
      scans: [...shipment.events].reverse().map((event) => ({
        date: istIso(event.occurredAt),
        activity: (event.description ?? event.label).toUpperCase(),
        location: event.location ?? "",
      })),
    };
  }

  function orderListItem(shipment: SrShipment) {
    const order = orderStatus(shipment);
    const request = shipment.data.request;
    const status = shipmentStatus(shipment);
    return {
      id: shipment.data.srOrderId,
      channel_id: 3422553,
      channel_name: "CUSTOM",
      base_channel_code: "CS",
      channel_order_id: shipment.orderNumber,
      customer_name: [request.billing_customer_name, request.billing_last_name]
        .filter(Boolean)
        .join(" "),
      customer_email: request.billing_email ?? "",
      customer_phone: request.billing_phone ?? "",
      customer_city: request.billing_city ?? "",
      customer_pincode: request.billing_pincode ?? "",
      payment_method: String(request.payment_method ?? "Prepaid").toLowerCase(),
      total: request.sub_total ?? 0,
      status: order.name,
      status_code: order.code,
      created_at: istListDate(shipment.data.createdAt),
      updated_at: istListDate(shipment.data.updatedAt),
      shipments: [
        {
          id: shipment.data.shipmentId,
          awb: shipment.trackingNumber,
          courier: shipment.data.courier?.name ?? "",
          status: titleCase(status.label).toUpperCase(),
          etd: shipment.data.etd === null ? "" : istIso(shipment.data.etd),
          pickup_scheduled_date:
            shipment.data.pickupScheduledAt === null ? "" : istIso(shipment.data.pickupScheduledAt),
          delivered_date: "",
          created_at: istListDate(shipment.data.createdAt),
        },
      ],
      activities: order.code === 5 ? ["ORDER_CREATED", "ORDER_CANCELLED"] : ["ORDER_CREATED"],
    };
  }

  // ----------------------------------------------------------------------------------------- app

  const app = new Hono();
  const control = createSandboxControl({
    clock,
    faults,
    webhooks,
    timeline,
    createShipment(input) {
      const shipment = newShipment({
        scenario: input.scenario,
        orderNumber: input.orderNumber ?? `SBX-${randomDigits(random, 8)}`,
        request: {},
      });
      assignAwb(shipment, input.trackingNumber);
      return shipment;
    },
  });
  mountControlRoutes(app, control);
  app.use(
    "/v1/external/*",
    faultMiddleware(faults, {
      error5xx: (status) => ({
        message: status === 500 ? "Trying to get property of non-object" : "Service Unavailable",
        status_code: status,
      }),
      rateLimited: () => ({ message: "You have exceeded the API call rate limit" }),
    }),
  );

  const api = new Hono();

  api.post("/auth/login", async (c) => {
    stats.logins++;
    const body = await readBody(c);
    if (body.email !== credentials.email || body.password !== credentials.password) {
      return c.json({ message: "Invalid email and password combination", status_code: 400 }, 400);
    }
    if (settings.mfa) {
      return c.json({
        is_mfa_enabled: true,
        user_id: 1234567,
        is_subuser: false,
        data: "OTP has been generated",
      });
    }
    const token = `eyJhbGciOiJIUzI1NiJ9.${randomDigits(random, 24)}.${randomDigits(random, 16)}`;
    tokens.set(token, clock.now());
    return c.json({
      id: 1234567,
      first_name: "API",
      last_name: "User",
      email: credentials.email,
      company_id: 7654321,
      created_at: istIso(clock.now()),
      token,
    });
  });

  api.use("*", async (c, next) => {
    if (c.req.path.endsWith("/auth/login")) return next();
    const token = /^Bearer (.+)$/.exec(c.req.header("authorization") ?? "")?.[1];
    const issuedAt = token === undefined ? undefined : tokens.get(token);
    if (
      issuedAt === undefined ||
      faults.config.tokenExpired ||
      clock.now() - issuedAt >= settings.tokenTtlMs
    ) {
      return c.json({ message: "Unauthenticated." }, 401);
    }
    if (settings.forbidden === "ip") {
      return c.json({ message: "Unauthorized! You do not have the required permissions[IP]" }, 403);
    }
    if (settings.forbidden === "permission") {
      return c.json({ message: "Unauthorized. You do not have permission for this action." }, 403);
    }
    return next();
  });

  api.post("/orders/create/adhoc", async (c) => {
    const body = await readBody(c);
    const errors: Record<string, string[]> = {};
    for (const field of REQUIRED_ORDER_FIELDS) {
      const value = body[field];
      if (value === undefined || value === null || value === "")
        errors[field] = [requiredMessage(field)];
    }
    if (Object.keys(errors).length > 0)
      return c.json(invalidData("Oops! Invalid Data.", errors), 422);
    if (!Array.isArray(body.order_items)) return c.json(phpForeach, 500);
    const orderNumber = String(body.order_id);
    // Unique including cancelled orders (§1.3.1).
    if (timeline.find((shipment) => shipment.orderNumber === orderNumber)) {
      return c.json(
        invalidData("Oops! Invalid Data.", { order_id: ["The order id has already been taken."] }),
        422,
      );
    }
    const shipment = newShipment({
      scenario: settings.scenarioForOrder(orderNumber),
      orderNumber,
      request: body,
    });
    return c.json({
      order_id: shipment.data.srOrderId,
      shipment_id: shipment.data.shipmentId,
      status: "NEW",
      status_code: 1,
      onboarding_completed_now: 0,
      awb_code: null,
      courier_company_id: null,
      courier_name: null,
    });
  });

  const byShipmentId = (id: unknown) =>
    timeline.find((shipment) => shipment.data.shipmentId === Number(id));

  api.post("/courier/assign/awb", async (c) => {
    const body = await readBody(c);
    if (body.shipment_id === undefined || body.shipment_id === null || body.shipment_id === "") {
      return c.json(
        invalidData("Required field missing", { shipment_id: [requiredMessage("shipment_id")] }),
        422,
      );
    }
    const shipment = byShipmentId(body.shipment_id);
    if (!shipment) return c.json({ message: "Invalid shipment id", status_code: 400 }, 400);
    const failure =
      settings.awbAssignError ??
      (shipment.trackingNumber !== null ? "AWB is already assigned" : null) ??
      (shipment.data.orderCode.code === 5 ? "Order is cancelled" : null);
    if (failure !== null)
      return c.json({ awb_assign_status: 0, response: { data: { awb_assign_error: failure } } });
    assignAwb(shipment);
    const now = clock.now();
    return c.json({
      awb_assign_status: 1,
      response: {
        data: {
          courier_company_id: shipment.data.courier?.id,
          awb_code: shipment.trackingNumber,
          cod: String(shipment.data.request.payment_method).toUpperCase() === "COD" ? 1 : 0,
          order_id: shipment.data.srOrderId,
          shipment_id: shipment.data.shipmentId,
          awb_code_status: 1,
          assigned_date_time: {
            date: `${istIso(now)}.000000`,
            timezone_type: 3,
            timezone: "Asia/Kolkata",
          },
          applied_weight: shipment.data.request.weight ?? 0.5,
          company_id: 7654321,
          courier_name: shipment.data.courier?.name,
          child_courier_name: null,
          pickup_scheduled_date: null,
          routing_code: "",
          rto_routing_code: "",
          invoice_no: `retail${randomDigits(random, 10)}`,
          transporter_id: "",
          transporter_name: "",
          shipped_by: {
            shipper_company_name: "Waybill Sandbox Store",
            shipper_city: "Mumbai",
            rto_city: "Mumbai",
          },
        },
      },
    });
  });

  api.post("/courier/generate/pickup", async (c) => {
    const body = await readBody(c);
    if (body.shipment_id === undefined) {
      return c.json(
        invalidData("Required field missing", { shipment_id: [requiredMessage("shipment_id")] }),
        422,
      );
    }
    if (!Array.isArray(body.shipment_id)) return c.json(phpForeach, 500);
    const shipment = byShipmentId(body.shipment_id[0]);
    if (!shipment || shipment.trackingNumber === null) {
      return c.json({ message: "Invalid shipment id", status_code: 400 }, 400);
    }
    const now = clock.now();
    shipment.data.pickupScheduledAt = nextWorkingDayIst(now + 4 * 60 * 60 * 1000);
    const courier = shipment.data.courier?.name ?? "Courier";
    return c.json({
      pickup_status: 1,
      response: {
        pickup_scheduled_date: istIso(shipment.data.pickupScheduledAt),
        pickup_token_number: `Reference No: ${randomDigits(random, 3)}_WAYBILL ${shipment.data.shipmentId}`,
        status: 3,
        others: JSON.stringify({
          tier_id: "[]",
          data: JSON.stringify({ awb: shipment.trackingNumber }),
        }),
        pickup_generated_date: {
          date: `${istIso(now)}.000000`,
          timezone_type: 3,
          timezone: "Asia/Kolkata",
        },
        data: `Pickup is confirmed by ${courier} For AWB :- ${shipment.trackingNumber}`,
      },
    });
  });

  api.get("/courier/track/awb/:awb", (c) => {
    const shipment = timeline.find((s) => s.trackingNumber === c.req.param("awb"));
    return shipment ? c.json(trackingData(shipment)) : c.json(notFoundBody, 404);
  });

  api.get("/courier/track/shipment/:id", (c) => {
    const shipment = byShipmentId(c.req.param("id"));
    return shipment ? c.json(trackingData(shipment)) : c.json(notFoundBody, 404);
  });

  api.get("/courier/track", (c) => {
    const orderNumber = c.req.query("order_id");
    if (!orderNumber) {
      return c.json(
        invalidData("Oops! Invalid Data.", { order_id: [requiredMessage("order_id")] }),
        422,
      );
    }
    const shipments = timeline.shipments().filter((s) => s.orderNumber === orderNumber);
    return shipments.length > 0 ? c.json(shipments.map(trackingData)) : c.json(notFoundBody, 404);
  });

  api.post("/courier/track/awbs", async (c) => {
    const body = await readBody(c);
    if (!Array.isArray(body.awbs)) return c.json(phpForeach, 500);
    if (body.awbs.length > 50) {
      return c.json(
        invalidData("Oops! Invalid Data.", { awbs: ["The awbs may not have more than 50 items."] }),
        422,
      );
    }
    const answer: Record<string, unknown> = {};
    for (const awb of body.awbs) {
      const shipment = timeline.find(
        (s) => s.trackingNumber !== null && s.trackingNumber === String(awb),
      );
      if (shipment && shipment.trackingNumber !== null)
        answer[shipment.trackingNumber] = trackingData(shipment);
    }
    return c.json(answer);
  });

  api.get("/orders", (c) => {
    const search = c.req.query("search");
    const perPage = Math.min(100, Math.max(1, Number(c.req.query("per_page") ?? 15) || 15));
    const page = Math.max(1, Number(c.req.query("page") ?? 1) || 1);
    const matching = timeline
      .shipments()
      .filter((s) => !search || s.orderNumber === search || s.trackingNumber === search)
      .sort((a, b) => b.data.srOrderId - a.data.srOrderId);
    const pageItems = matching.slice((page - 1) * perPage, page * perPage);
    const totalPages = Math.max(1, Math.ceil(matching.length / perPage));
    const links: Record<string, string> = {};
    if (page < totalPages)
      links.next = `${new URL(c.req.url).origin}/v1/external/orders?page=${page + 1}`;
    return c.json({
      data: pageItems.map(orderListItem),
      meta: {
        pagination: {
          total: matching.length,
          count: pageItems.length,
          per_page: perPage,
          current_page: page,
          total_pages: totalPages,
          links,
        },
      },
    });
  });

  api.post("/orders/cancel", async (c) => {
    const body = await readBody(c);
    if (body.ids === undefined || body.ids === null) {
      return c.json(invalidData("Required field missing", { ids: [requiredMessage("ids")] }), 422);
    }
    if (!Array.isArray(body.ids)) return c.json(phpForeach, 500);
    const targets = body.ids.map((id) => timeline.find((s) => s.data.srOrderId === Number(id)));
    if (targets.some((s) => s === undefined) || !body.ids.every(isPositiveInt)) {
      return c.json({ message: "Trying to get property of non-object", status_code: 500 }, 500);
    }
    for (const shipment of targets as SrShipment[]) {
      if (shipment.data.orderCode.code === 5) continue;
      shipment.data.orderCode = { code: 5, name: "CANCELED" };
      shipment.data.updatedAt = clock.now();
      // Without an AWB this scan is never visible through tracking (track_status 0), only in the ground truth.
      const label = SHIPROCKET_SHIPMENT_STATUS_LABELS[8].toUpperCase();
      timeline.record(
        shipment,
        { code: "8", label, location: null, description: "Canceled - Cancelled by seller" },
        { dropUpcoming: true },
      );
    }
    await webhooks.flush();
    return c.body(null, 204);
  });

  api.notFound((c) => c.json(notFoundBody, 404));
  app.route("/v1/external", api);
  app.notFound((c) => c.json(notFoundBody, 404));

  return { carrier: "shiprocket", app, control, settings, stats };
}

function pickWeighted<T>(weights: Array<[T, number]>, random: () => number): T {
  const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of weights) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (weights.at(-1) as [T, number])[0];
}

function titleCase(label: string): string {
  return label
    .toLowerCase()
    .replace(/(^|[\s/_-])([a-z])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

/** A pickup falling on a Sunday moves to Monday (§1.3.3). */
function nextWorkingDayIst(ms: number): number {
  const istDay = new Date(ms + IST_OFFSET_MS).getUTCDay();
  return istDay === 0 ? ms + DAY : ms;
}
