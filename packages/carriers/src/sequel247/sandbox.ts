import { type Context, Hono } from "hono";
import type { z } from "zod";
import {
  createFaults,
  createSandboxClock,
  createWebhookOutbox,
  type Faults,
  faultMiddleware,
  mountControlRoutes,
  randomDigits,
  type Sandbox,
  type SandboxClock,
  type ScenarioName,
} from "../sandbox/kit";
import {
  createSandboxControl,
  createScenarioTimeline,
  type TimelineShipment,
} from "../sandbox/timeline";
import { SEQUEL247_DOCKET_NOT_FOUND_CODE } from "./client";
import { AT_DESTINATION, SEQUEL247_SCENARIOS } from "./sandbox-scenarios";
import {
  DAY,
  eveningIst,
  formatEdd,
  formatScanTime,
  hubFor,
  parsePickupDate,
  weekdayIst,
} from "./sandbox-wire";
import {
  isValidDocket,
  type SequelCreateRequest,
  sequelCancelRequestSchema,
  sequelCreateRequestSchema,
  sequelEddRequestSchema,
  sequelServiceabilityRequestSchema,
  sequelTrackMultipleRequestSchema,
  sequelTrackRequestSchema,
} from "./schemas";
import { mapSequel247Status } from "./status-map";

/**
 * The token the sandbox accepts unless told otherwise. Like a real one it is 32 hex characters; it
 * opens nothing but this simulator.
 */
export const SEQUEL247_SANDBOX_TOKEN = "5a9d0c3e7b1f4a2d8c6e0b9f3a7d1c5e";

const DEFAULT_DESTINATION_CITY = "MUMBAI";
// The client code carriers.md quotes; the sandbox serves a single client.
const SANDBOX_CLIENT_CODE = "31085";

/** How the sandbox orders `tracking[]` on the wire; real integrations disagree, so both exist. */
export type Sequel247TrackingOrder = "newest_first" | "oldest_first";
/** `trackMultiple` layout: docket-keyed `successShipments` (most clients) or a `data` array. */
export type Sequel247TrackMultipleShape = "keyed" | "array";

/** Runtime switches of a Sequel247 sandbox; mutable so a test can flip them between calls. */
export type Sequel247SandboxSettings = {
  token: string;
  trackingOrder: Sequel247TrackingOrder;
  trackMultipleShape: Sequel247TrackMultipleShape;
  /** Scenario of shipments booked through `/api/shipment/create`. */
  bookingScenario: Exclude<ScenarioName, "stop_desk">;
};

export type Sequel247SandboxOptions = Partial<Sequel247SandboxSettings> & {
  clock?: SandboxClock;
  faults?: Faults;
  /** Source of dockets and booking references; defaults to the faults' seeded source. */
  random?: () => number;
};

export type Sequel247Sandbox = Sandbox & { settings: Sequel247SandboxSettings };

type ShipmentData = {
  estimatedDelivery: number;
  destinationCity: string;
  request: Omit<SequelCreateRequest, "token"> | null;
};

type SandboxShipment = TimelineShipment<string, ShipmentData>;

/**
 * A Sequel247 simulator speaking the carrier's real paths and payloads (carriers.md §2): token in
 * every JSON body, everything POST, `status` as a boolean in some endpoints and a string in others,
 * code 103 for unknown dockets. Sequel247 sends no webhooks, so neither does this sandbox.
 */
export function createSequel247Sandbox(options: Sequel247SandboxOptions = {}): Sequel247Sandbox {
  const clock = options.clock ?? createSandboxClock();
  const faults = options.faults ?? createFaults();
  const random = options.random ?? faults.random;
  const settings: Sequel247SandboxSettings = {
    token: options.token ?? SEQUEL247_SANDBOX_TOKEN,
    trackingOrder: options.trackingOrder ?? "newest_first",
    trackMultipleShape: options.trackMultipleShape ?? "keyed",
    bookingScenario: options.bookingScenario ?? "delivered",
  };
  const webhooks = createWebhookOutbox(faults, { clock });
  const timeline = createScenarioTimeline<string, ShipmentData>({
    clock,
    scenarios: SEQUEL247_SCENARIOS,
    mapStatus: (code) => mapSequel247Status(code),
  });

  // Indexed: the benchmark tracks 100k dockets against one sandbox.
  const byDocket = new Map<string, SandboxShipment>();

  function book(input: {
    scenario: ScenarioName;
    docket?: string | undefined;
    orderNumber?: string | undefined;
    request?: Omit<SequelCreateRequest, "token">;
  }): SandboxShipment {
    if (input.scenario === "stop_desk") {
      throw new RangeError("Sequel247 delivers door to door: it has no stop-desk scenario");
    }
    if (input.docket !== undefined && !isValidDocket(input.docket)) {
      throw new RangeError(`"${input.docket}" is not a Sequel247 docket number (10 digits)`);
    }
    if (input.docket !== undefined && findByDocket(input.docket)) {
      throw new RangeError(`docket ${input.docket} already exists in this sandbox`);
    }
    const now = clock.now();
    const destination = input.request ? hubFor(input.request.toAddress.pinCode) : null;
    const shipment = timeline.add({
      scenario: input.scenario,
      trackingNumber: input.docket ?? newDocket(),
      carrierOrderId: randomDigits(random, 8),
      orderNumber: input.orderNumber ?? null,
      data: {
        estimatedDelivery: eveningIst(now + 3 * DAY),
        destinationCity: destination?.city ?? DEFAULT_DESTINATION_CITY,
        request: input.request ?? null,
      },
    });
    byDocket.set(shipment.trackingNumber as string, shipment);
    return shipment;
  }

  function newDocket(): string {
    for (;;) {
      const docket = randomDigits(random, 10);
      if (!findByDocket(docket)) return docket;
    }
  }

  function findByDocket(docket: string): SandboxShipment | undefined {
    return byDocket.get(docket);
  }

  const control = createSandboxControl({
    clock,
    faults,
    webhooks,
    timeline,
    createShipment: (input) =>
      book({
        scenario: input.scenario,
        docket: input.trackingNumber,
        orderNumber: input.orderNumber,
      }),
  });

  const app = new Hono();
  mountControlRoutes(app, control);
  app.use(
    "/api/*",
    faultMiddleware(faults, {
      error5xx: () => ({ status: "false", message: "Service temporarily unavailable" }),
      rateLimited: () => ({ status: "false", message: "Too many requests" }),
    }),
  );

  // Every Sequel247 call carries the token in its JSON body; a wrong one (a test token on
  // production, say) is answered 401 with the string flag.
  app.use("/api/*", async (c, next) => {
    const body = await readBody(c);
    if (body === null) return c.json({ status: "false", message: "Invalid JSON body" }, 400);
    if (faults.config.tokenExpired || body.token !== settings.token) {
      return c.json({ status: "false", message: "invalid token" }, 401);
    }
    // A test may move the clock directly; whatever is due by now has happened.
    // Cheap when nothing is due (the timeline peeks at its queue), so every call may catch up.
    timeline.applyDue();
    return next();
  });

  app.post("/api/checkServiceability", async (c) => {
    const request = await parseRequest(c, sequelServiceabilityRequestSchema);
    if (!request.ok) return request.response;
    const hub = hubFor(request.data.pin_code);
    if (!hub) return c.json({ status: false, message: "Pincode not serviceable" });
    return c.json({
      status: true,
      data: {
        city: hub.city,
        hub: hub.hub,
        state: hub.state,
        Tier_Classification: "Tier 1",
        First_Call_Time: "10:00",
        Last_Call_Time: "18:00",
        Last_Pickup_Time: "17:00",
        Pickup_Availability: "Mo, Tu, We, Th, Fr, Sa",
        Delivery_Availability: "Mo, Tu, We, Th, Fr, Sa",
      },
    });
  });

  app.post("/api/shipment/calculateEDD", async (c) => {
    const request = await parseRequest(c, sequelEddRequestSchema);
    if (!request.ok) return request.response;
    const { origin_pincode, destination_pincode, pickup_date } = request.data;
    const pickup = parsePickupDate(pickup_date, clock.now());
    const origin = hubFor(origin_pincode);
    const destination = hubFor(destination_pincode);
    if (pickup === null) {
      return c.json({ status: "false", message: "Invalid pickup_date", code: 101 }, 400);
    }
    if (!origin || !destination) {
      return c.json({ status: "false", message: "Pincode not serviceable" });
    }
    const days = origin.hub === destination.hub ? 1 : 2;
    const edd = eveningIst(pickup + days * DAY);
    return c.json({
      status: "true",
      data: { estimated_delivery: formatEdd(edd), estimated_day: weekdayIst(edd) },
    });
  });

  app.post("/api/shipment/create", async (c) => {
    const parsed = sequelCreateRequestSchema.safeParse(await readBody(c));
    if (!parsed.success) {
      const errorInfo = Object.fromEntries(
        parsed.error.issues.map((issue) => [issue.path.join("."), issue.message]),
      );
      return c.json({ status: "false", message: "Validation failed", code: 101, errorInfo }, 400);
    }
    const { token: _token, ...request } = parsed.data;
    if (!hubFor(request.toAddress.pinCode)) {
      return c.json(
        {
          status: "false",
          message: "Validation failed",
          code: 101,
          errorInfo: { "toAddress.pinCode": "Pincode is not serviceable" },
        },
        400,
      );
    }
    const shipment = book({ scenario: settings.bookingScenario, request });
    timeline.applyDue();
    const docket = shipment.trackingNumber as string;
    return c.json({
      status: true,
      message: "Shipment created successfully",
      data: {
        docketNumber: docket,
        brn: shipment.carrierOrderId,
        ...bookingFields(shipment),
        estimated_delivery: formatEdd(shipment.data.estimatedDelivery),
        docket_print: `${new URL(c.req.url).origin}/docket_print/${docket}`,
      },
    });
  });

  app.post("/api/track", async (c) => {
    const request = await parseRequest(c, sequelTrackRequestSchema);
    if (!request.ok) return request.response;
    const shipment = findByDocket(request.data.docket.trim());
    if (!shipment) return docketNotFound(c, request.data.docket);
    return c.json({ status: "true", data: trackData(shipment) });
  });

  app.post("/api/trackMultiple", async (c) => {
    const request = await parseRequest(c, sequelTrackMultipleRequestSchema);
    if (!request.ok) return request.response;
    const found: SandboxShipment[] = [];
    const errorShipments: Record<string, { docketNo: string }> = {};
    for (const docket of request.data.dockets) {
      const shipment = findByDocket(docket.trim());
      if (shipment) found.push(shipment);
      else errorShipments[docket] = { docketNo: "No Tracking Information found" };
    }
    // The backend is PHP: an empty map goes out as [], and the flag is "false" when nothing matched.
    const flag = found.length > 0 ? "true" : "false";
    const errors = Object.keys(errorShipments).length > 0 ? errorShipments : [];
    if (settings.trackMultipleShape === "array") {
      return c.json({ status: flag, data: found.map(trackData), errorShipments: errors });
    }
    const successShipments = Object.fromEntries(
      found.map((shipment) => [shipment.trackingNumber, trackData(shipment)]),
    );
    return c.json({
      status: flag,
      successShipments: found.length > 0 ? successShipments : [],
      errorShipments: errors,
    });
  });

  app.post("/api/cancel", async (c) => {
    const request = await parseRequest(c, sequelCancelRequestSchema);
    if (!request.ok) return request.response;
    const shipment = findByDocket(request.data.docket.trim());
    if (!shipment) return docketNotFound(c, request.data.docket);
    const codes = shipment.events.map((event) => event.code);
    if (codes.includes("SCANCELLED")) {
      return c.json({ status: "false", message: "Shipment already cancelled" });
    }
    // Sequel247 cancels only before pickup; the refusal comes with HTTP 200 and the string flag.
    if (codes.some((code) => code !== "SCREATED")) {
      return c.json({
        status: "false",
        message: "Shipment already picked up, cannot be cancelled",
      });
    }
    timeline.record(
      shipment,
      { code: "SCANCELLED", label: "Shipment cancelled", description: request.data.cancelReason },
      { dropUpcoming: true },
    );
    return c.json({
      status: "true",
      message: "Shipment cancelled successfully",
      data: { docket_number: shipment.trackingNumber, cancelled: true },
    });
  });

  // Where `docket_print` points: the sandbox has no PDF renderer, so it says what it is in plain text.
  app.get("/docket_print/:docket", (c) => {
    const shipment = findByDocket(c.req.param("docket"));
    if (!shipment) return c.text("Not found", 404);
    return c.text(
      `Sequel247 sandbox docket ${shipment.trackingNumber} (BRN ${shipment.carrierOrderId})\n`,
    );
  });

  function trackData(shipment: SandboxShipment) {
    const events = shipment.events.map((event) => ({
      description: event.description ?? event.label,
      location: event.location === AT_DESTINATION ? shipment.data.destinationCity : event.location,
      date_time: formatScanTime(event.occurredAt),
      code: event.code,
    }));
    if (settings.trackingOrder === "newest_first") events.reverse();
    const request = shipment.data.request;
    const pickup = shipment.events.find((event) => event.code === "SPU");
    return {
      docket_no: shipment.trackingNumber,
      requestID: `REQ${shipment.carrierOrderId}`,
      client_code: SANDBOX_CLIENT_CODE,
      br_number: shipment.carrierOrderId,
      senders_name: null,
      senders_phone: null,
      requested_pickup_date: request?.pickUpDate ?? null,
      actual_pickedup_date_time: pickup ? formatScanTime(pickup.occurredAt) : null,
      pickedup_by_name: null,
      pickedup_by_employeeID: null,
      estimated_delivery: formatEdd(shipment.data.estimatedDelivery),
      ...bookingFields(shipment),
      insurance: "yes",
      shipment_status: shipment.events.at(-1)?.code ?? "SCREATED",
      tracking: events,
    };
  }

  return { carrier: "sequel247", app, control, settings };
}

/** The booking echo that both `shipment/create` and `track` carry; null where nothing was booked. */
function bookingFields(shipment: SandboxShipment) {
  const request = shipment.data.request;
  return {
    geography: request?.location ?? null,
    category_type: request?.shipmentType ?? null,
    product_type: request?.serviceType ?? null,
    sender_store_code: request?.fromStoreCode ?? null,
    receiver_store_code: "",
    actual_value: request?.net_value ?? null,
    no_of_packages: request?.no_of_packages ?? null,
    total_net_weight: request?.net_weight ?? null,
    total_gross_weight: request?.gross_weight ?? null,
    cod: request?.codValue ?? null,
    special_instructions: request?.remark ?? "",
    invoices: request?.invoice ?? [],
    box_details: (request?.boxes ?? []).map((box) => ({
      boxNumber: box.box_number,
      lockNumber: box.lock_number ?? null,
      length: box.length,
      breadth: box.breadth,
      height: box.height,
    })),
  };
}

async function readBody(c: Context): Promise<Record<string, unknown> | null> {
  try {
    const body: unknown = await c.req.json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

async function parseRequest<S extends z.ZodType>(
  c: Context,
  schema: S,
): Promise<{ ok: true; data: z.infer<S> } | { ok: false; response: Response }> {
  const parsed = schema.safeParse(await readBody(c));
  if (parsed.success) return { ok: true, data: parsed.data };
  const errorInfo = Object.fromEntries(
    parsed.error.issues.map((issue) => [issue.path.join(".") || "body", issue.message]),
  );
  return {
    ok: false,
    response: c.json({ status: "false", message: "Validation failed", code: 101, errorInfo }, 400),
  };
}

function docketNotFound(c: Context, docket: string): Response {
  return c.json(
    {
      status: false,
      message: "Docket number does not exist",
      code: SEQUEL247_DOCKET_NOT_FOUND_CODE,
      errorInfo: { docket: `No shipment found for docket ${docket}` },
    },
    404,
  );
}
