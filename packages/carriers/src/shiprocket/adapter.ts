import { timingSafeEqual } from "node:crypto";
import { CarrierError, isCarrierError } from "../errors";
import { parseCarrierTime } from "../time";
import type {
  CarrierAccountConfig,
  CarrierAdapter,
  CarrierUpdate,
  ConnectionVerdict,
  CreatedShipment,
  CreateShipmentInput,
  ShipmentRef,
  TrackResult,
  WebhookParseResult,
} from "../types";
import {
  authProblemOf,
  type CreateAdhocOrderBody,
  createShiprocketClient,
  type ShiprocketClient,
  type ShiprocketClientOptions,
} from "./client";
import { type ShiprocketOrder, shiprocketCredentialsSchema, webhookPayloadSchema } from "./schemas";
import { orderStatusScan, updateFromTracking, updateFromWebhook } from "./transform";

/** `POST /courier/track/awbs` takes at most 50 AWBs. */
export const SHIPROCKET_TRACK_BATCH_SIZE = 50;
/** Refs without an AWB are tracked one call each; this many at a time. */
const SINGLE_TRACK_CONCURRENCY = 4;
/** Shiprocket names the first pickup address of an account "Primary". */
const DEFAULT_PICKUP_LOCATION = "Primary";

/** What `createShipment` learned, beyond the contract: why an AWB or pickup is missing. */
export type ShiprocketCreatedShipment = CreatedShipment & {
  /** Shiprocket's reason when no AWB could be assigned (e.g. wallet, serviceability); the AWB is then null. */
  awbAssignError: string | null;
  /** When the courier will collect, once a pickup was generated. */
  pickupScheduledAt: Date | null;
  /** Why pickup generation failed; the shipment itself exists. */
  pickupError: string | null;
  /** True when an earlier attempt had created the order already and it was taken over instead of duplicated. */
  adopted: boolean;
};

/** A `CarrierAdapter` whose optional capabilities are all present, with Shiprocket's richer create result. */
export type ShiprocketAdapter = Omit<
  CarrierAdapter,
  "createShipment" | "cancelShipment" | "lookupByOrderNumbers"
> & {
  createShipment(input: CreateShipmentInput): Promise<ShiprocketCreatedShipment>;
  cancelShipment(ref: ShipmentRef, reason?: string): Promise<void>;
  lookupByOrderNumbers(
    orderNumbers: string[],
    options?: { maxPages?: number },
  ): Promise<Map<string, CarrierUpdate & { created: CreatedShipment }>>;
  /** Retries AWB assignment for a shipment whose AWB stayed null. */
  assignAwb(
    carrierShipmentId: string,
    options?: { courierId?: number },
  ): Promise<{ trackingNumber: string | null; courierName: string | null; error: string | null }>;
};

/** Test and tuning knobs that are not part of an account (retry sleep, token refresh age). */
export type ShiprocketAdapterOptions = {
  http?: ShiprocketClientOptions["http"];
  refreshAfterMs?: number;
};

/** Shiprocket adapter: credentials `{ email, password }` of an API user; webhooks authenticated by `x-api-key`. */
export function createShiprocketAdapter(
  account: CarrierAccountConfig,
  options: ShiprocketAdapterOptions = {},
): ShiprocketAdapter {
  const logger = account.logger;
  const parsedCredentials = shiprocketCredentialsSchema.safeParse(account.credentials);
  const client: ShiprocketClient | null = parsedCredentials.success
    ? createShiprocketClient({
        credentials: parsedCredentials.data,
        ...(account.baseUrl !== undefined ? { baseUrl: account.baseUrl } : {}),
        ...(account.fetch ? { fetch: account.fetch } : {}),
        ...(account.now ? { now: account.now } : {}),
        ...(logger ? { logger } : {}),
        ...(account.rateLimit ? { rateLimit: account.rateLimit } : {}),
        ...(options.http ? { http: options.http } : {}),
        ...(options.refreshAfterMs !== undefined ? { refreshAfterMs: options.refreshAfterMs } : {}),
      })
    : null;

  // Bad credentials surface as AUTH_FAILED on use, so a misconfigured account cannot break adapter creation.
  function api(): ShiprocketClient {
    if (client) return client;
    throw new CarrierError(
      "AUTH_FAILED",
      "Shiprocket credentials must be { email, password } of an API user (Settings → API → Add New API User)",
      { carrier: "shiprocket", details: { reason: "bad_credentials" } },
    );
  }

  /** The order with exactly our number, newest first when Shiprocket's search returns several. */
  async function findOrder(orderNumber: string): Promise<ShiprocketOrder | null> {
    const { data } = await api().searchOrders(orderNumber);
    const matches = data.filter((order) => order.channel_order_id === orderNumber);
    return matches.sort((a, b) => b.id - a.id)[0] ?? null;
  }

  async function assignAwbSafely(shipmentId: number, courierId: number | undefined) {
    try {
      const answer = await api().assignAwb(shipmentId, courierId);
      const data = answer.response?.data;
      if (answer.awb_assign_status === 1 && data?.awb_code) {
        return {
          trackingNumber: data.awb_code,
          courierName: data.courier_name ?? null,
          error: null,
        };
      }
      // Business failure inside HTTP 200: the AWB stays null and the reason is surfaced.
      return {
        trackingNumber: null,
        courierName: null,
        error:
          data?.awb_assign_error ??
          answer.message ??
          "Shiprocket assigned no AWB and gave no reason",
      };
    } catch (error) {
      // The order exists at Shiprocket by now: its ids must reach the caller, so this is not fatal.
      if (!isCarrierError(error)) throw error;
      logger?.warn("shiprocket: AWB assignment failed", {
        carrier: "shiprocket",
        shipmentId,
        code: error.code,
      });
      return { trackingNumber: null, courierName: null, error: error.message };
    }
  }

  async function generatePickupSafely(shipmentId: number) {
    try {
      const answer = await api().generatePickup(shipmentId);
      if (answer.pickup_status === 1) {
        return {
          at: parseCarrierTime(answer.response?.pickup_scheduled_date, "Asia/Kolkata"),
          error: null,
        };
      }
      return {
        at: null,
        error: answer.message ?? "Shiprocket generated no pickup and gave no reason",
      };
    } catch (error) {
      if (!isCarrierError(error)) throw error;
      logger?.warn("shiprocket: pickup generation failed", {
        carrier: "shiprocket",
        shipmentId,
        code: error.code,
      });
      return { at: null, error: error.message };
    }
  }

  /** Creates the order, or adopts the one an earlier, unanswered attempt created. */
  async function createOrAdoptOrder(input: CreateShipmentInput) {
    try {
      const created = await api().createAdhocOrder(adhocOrderBody(input));
      return {
        orderId: created.order_id,
        shipmentId: created.shipment_id as number | null,
        awb: created.awb_code,
        courierName: created.courier_name,
        etd: null as Date | null,
        adopted: false,
      };
    } catch (error) {
      // Creation is not idempotent by our id: after an answer we could not read (timeout, 5xx, garbled
      // body) or a 422 (order id already used), the order may exist. Look first, never create twice.
      if (!isCarrierError(error) || !mayHaveCreated(error)) throw error;
      const existing = await findOrder(input.orderNumber).catch((lookupError: unknown) => {
        logger?.warn("shiprocket: order lookup after a failed create also failed", {
          carrier: "shiprocket",
          code: isCarrierError(lookupError) ? lookupError.code : "unexpected",
        });
        return null;
      });
      if (existing === null) throw error;
      const shipment = existing.shipments[0];
      return {
        orderId: existing.id,
        shipmentId: shipment?.id ?? null,
        awb: shipment?.awb ?? null,
        courierName: shipment?.courier ?? null,
        etd: parseCarrierTime(shipment?.etd, "Asia/Kolkata"),
        adopted: true,
      };
    }
  }

  /** One ref, one call: by AWB, else shipment id, else our order number. */
  async function trackOne(ref: ShipmentRef): Promise<TrackResult> {
    try {
      if (ref.trackingNumber) {
        const answer = await api().trackAwb(ref.trackingNumber);
        return { ref, ok: true, update: updateFromTracking(ref, answer.tracking_data, logger) };
      }
      if (ref.carrierShipmentId) {
        const answer = await api().trackShipment(ref.carrierShipmentId);
        return { ref, ok: true, update: updateFromTracking(ref, answer.tracking_data, logger) };
      }
      if (ref.orderNumber) {
        const answers = await api().trackOrder(ref.orderNumber);
        // One entry per shipment of the order; an order ships once here, so the first with data wins.
        const answer =
          answers.find((entry) => entry.tracking_data.track_status === 1) ?? answers[0];
        if (!answer) {
          return {
            ref,
            ok: false,
            error: notFound(`Shiprocket knows no order ${ref.orderNumber}`),
          };
        }
        return { ref, ok: true, update: updateFromTracking(ref, answer.tracking_data, logger) };
      }
      return {
        ref,
        ok: false,
        error: notFound("No AWB, Shiprocket shipment id or order number to track by"),
      };
    } catch (error) {
      if (!isCarrierError(error)) throw error;
      return { ref, ok: false, error };
    }
  }

  async function trackBatch(refs: ShipmentRef[]): Promise<TrackResult[]> {
    const awbs = [...new Set(refs.map((ref) => ref.trackingNumber as string))];
    let answers: Awaited<ReturnType<ShiprocketClient["trackAwbs"]>>;
    try {
      answers = await api().trackAwbs(awbs);
    } catch (error) {
      if (!isCarrierError(error)) throw error;
      return refs.map((ref) => ({ ref, ok: false, error }));
    }
    return refs.map((ref): TrackResult => {
      const awb = ref.trackingNumber as string;
      const answer = answers.get(awb);
      if (answer === undefined)
        return { ref, ok: false, error: notFound(`Shiprocket knows no AWB ${awb}`) };
      if (answer instanceof CarrierError) return { ref, ok: false, error: answer };
      return { ref, ok: true, update: updateFromTracking(ref, answer.tracking_data, logger) };
    });
  }

  return {
    carrier: "shiprocket",

    async testConnection(): Promise<ConnectionVerdict> {
      try {
        await api().login();
        // Logging in proves the password only; reading orders proves the IP whitelist and module access.
        await api().listOrders({ per_page: 1 });
        return { ok: true, message: "Logged in to Shiprocket and read the order list." };
      } catch (error) {
        if (!isCarrierError(error)) throw error;
        return verdictFor(error);
      }
    },

    async track(refs) {
      const results = new Array<TrackResult>(refs.length);
      const byAwb: Array<{ ref: ShipmentRef; index: number }> = [];
      const single: Array<{ ref: ShipmentRef; index: number }> = [];
      refs.forEach((ref, index) => {
        (ref.trackingNumber ? byAwb : single).push({ ref, index });
      });

      // A lone AWB (a customer's "check for updates") takes the single-AWB endpoint.
      if (new Set(byAwb.map((entry) => entry.ref.trackingNumber)).size === 1)
        single.push(...byAwb.splice(0));
      for (const chunk of chunksOfDistinctAwbs(byAwb, SHIPROCKET_TRACK_BATCH_SIZE)) {
        const chunkResults = await trackBatch(chunk.map((entry) => entry.ref));
        chunk.forEach((entry, i) => {
          results[entry.index] = chunkResults[i] as TrackResult;
        });
      }
      await forEachConcurrently(single, SINGLE_TRACK_CONCURRENCY, async (entry) => {
        results[entry.index] = await trackOne(entry.ref);
      });
      return results;
    },

    async lookupByOrderNumbers(orderNumbers) {
      const found = new Map<string, CarrierUpdate & { created: CreatedShipment }>();
      await forEachConcurrently(
        [...new Set(orderNumbers)],
        SINGLE_TRACK_CONCURRENCY,
        async (orderNumber) => {
          const order = await findOrder(orderNumber);
          if (order === null) return;
          const shipment = order.shipments[0];
          const created: CreatedShipment = {
            carrierOrderId: String(order.id),
            carrierShipmentId: shipment ? String(shipment.id) : null,
            trackingNumber: shipment?.awb ?? null,
            courierName: shipment?.courier ?? null,
            trackingUrl: null,
            estimatedDelivery: parseCarrierTime(shipment?.etd, "Asia/Kolkata"),
          };
          const scan = orderStatusScan(order, logger);
          found.set(orderNumber, {
            carrier: "shiprocket",
            ref: {
              orderNumber,
              carrierOrderId: created.carrierOrderId,
              carrierShipmentId: created.carrierShipmentId,
              trackingNumber: created.trackingNumber,
            },
            trackingNumber: created.trackingNumber,
            courierName: created.courierName,
            trackingUrl: null,
            estimatedDelivery: created.estimatedDelivery,
            scans: scan ? [scan] : [],
            created,
          });
        },
      );
      return found;
    },

    async createShipment(input) {
      const order = await createOrAdoptOrder(input);
      let trackingNumber = order.awb;
      let courierName = order.courierName;
      let awbAssignError: string | null = null;
      if (trackingNumber === null && order.shipmentId !== null) {
        const courierId = input.options?.courierId;
        const assigned = await assignAwbSafely(
          order.shipmentId,
          typeof courierId === "number" ? courierId : undefined,
        );
        trackingNumber = assigned.trackingNumber;
        courierName = assigned.courierName ?? courierName;
        awbAssignError = assigned.error;
      }
      // A pickup needs an AWB (§1.3.3).
      const pickup =
        trackingNumber !== null && order.shipmentId !== null
          ? await generatePickupSafely(order.shipmentId)
          : { at: null, error: null };
      return {
        carrierOrderId: String(order.orderId),
        carrierShipmentId: order.shipmentId === null ? null : String(order.shipmentId),
        trackingNumber,
        courierName,
        trackingUrl: null,
        estimatedDelivery: order.etd,
        awbAssignError,
        pickupScheduledAt: pickup.at,
        pickupError: pickup.error,
        adopted: order.adopted,
      };
    },

    async assignAwb(carrierShipmentId, assignOptions = {}) {
      const id = Number(carrierShipmentId);
      if (!Number.isSafeInteger(id))
        throw new RangeError(`not a Shiprocket shipment id: ${carrierShipmentId}`);
      return assignAwbSafely(id, assignOptions.courierId);
    },

    async cancelShipment(ref) {
      let orderId = ref.carrierOrderId ? Number(ref.carrierOrderId) : Number.NaN;
      if (!Number.isSafeInteger(orderId) && ref.orderNumber) {
        orderId = (await findOrder(ref.orderNumber))?.id ?? Number.NaN;
      }
      if (!Number.isSafeInteger(orderId))
        throw notFound("No Shiprocket order to cancel for this shipment");
      await api().cancelOrders([orderId]);
    },

    parseWebhook(headers, rawBody): WebhookParseResult {
      if (!secretMatches(headerValue(headers, "x-api-key"), account.webhookSecret)) {
        return {
          ok: false,
          reason: "UNAUTHORIZED",
          message: "x-api-key does not match this account's webhook token",
        };
      }
      if (rawBody.trim() === "") return { ok: true, kind: "ping" };
      let json: unknown;
      try {
        json = JSON.parse(rawBody);
      } catch {
        return { ok: false, reason: "MALFORMED", message: "The body is not JSON" };
      }
      if (typeof json !== "object" || json === null || Array.isArray(json)) {
        return { ok: false, reason: "MALFORMED", message: "The body is not a JSON object" };
      }
      // Saving the webhook in the panel sends an empty or test body: it must get a 2xx.
      const awb = (json as Record<string, unknown>).awb;
      if (awb === undefined || awb === null || awb === "") return { ok: true, kind: "ping" };
      const parsed = webhookPayloadSchema.safeParse(json);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return {
          ok: false,
          reason: "MALFORMED",
          message: `Unexpected Shiprocket webhook shape at ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`,
        };
      }
      return { ok: true, kind: "updates", updates: [updateFromWebhook(parsed.data, logger)] };
    },
  };
}

/** Outcomes after which the order may exist at Shiprocket although we hold no answer saying so. */
function mayHaveCreated(error: CarrierError): boolean {
  return (
    error.code === "UNAVAILABLE" ||
    error.code === "INVALID_RESPONSE" ||
    (error.code === "REJECTED" && error.status === 422)
  );
}

function notFound(message: string): CarrierError {
  return new CarrierError("NOT_FOUND", message, { carrier: "shiprocket" });
}

function verdictFor(error: CarrierError): ConnectionVerdict {
  switch (authProblemOf(error)) {
    case "two_factor_required":
      return { ok: false, code: "TWO_FACTOR_REQUIRED", message: error.message };
    case "ip_not_whitelisted":
      return { ok: false, code: "FORBIDDEN_IP", message: error.message };
    case "missing_permission":
      return { ok: false, code: "MISSING_PERMISSION", message: error.message };
    default:
      return { ok: false, code: error.code, message: error.message };
  }
}

/** Our order → Shiprocket's ad-hoc order (§1.3.1). Shipping is billing: the shop sells to the recipient. */
export function adhocOrderBody(input: CreateShipmentInput): CreateAdhocOrderBody {
  const { address, parcel, options = {} } = input;
  const [firstName = address.name, ...rest] = address.name.trim().split(/\s+/);
  const pickupLocation = options.pickupLocation;
  return {
    order_id: input.orderNumber,
    order_date: formatIstDateTime(input.orderDate),
    pickup_location:
      typeof pickupLocation === "string" && pickupLocation !== ""
        ? pickupLocation
        : DEFAULT_PICKUP_LOCATION,
    ...(typeof options.channelId === "number" ? { channel_id: options.channelId } : {}),
    billing_customer_name: firstName,
    ...(rest.length > 0 ? { billing_last_name: rest.join(" ") } : {}),
    billing_address: address.line1,
    ...(address.line2 ? { billing_address_2: address.line2 } : {}),
    billing_city: address.city,
    billing_pincode: address.postalCode,
    billing_state: address.state,
    billing_country: address.country,
    billing_email: address.email,
    billing_phone: address.phone,
    shipping_is_billing: true,
    order_items: input.items.map((item) => ({
      name: item.name,
      sku: item.sku,
      units: item.units,
      selling_price: item.unitPrice,
    })),
    payment_method: input.paymentMethod === "cod" ? "COD" : "Prepaid",
    sub_total: input.subTotal,
    length: parcel.lengthCm,
    breadth: parcel.breadthCm,
    height: parcel.heightCm,
    weight: parcel.weightKg,
  };
}

/** `yyyy-mm-dd HH:mm` in IST, the zone Shiprocket reads wall times in. */
function formatIstDateTime(date: Date): string {
  const ist = new Date(date.getTime() + 330 * 60_000);
  return ist.toISOString().slice(0, 16).replace("T", " ");
}

function headerValue(
  headers: Record<string, string | undefined>,
  name: string,
): string | undefined {
  // Node hands headers over lower-cased; other callers may not.
  if (name in headers) return headers[name];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return value;
  }
  return undefined;
}

/** Constant-time comparison; an empty configured secret never matches (a webhook must be authenticated). */
function secretMatches(given: string | undefined, expected: string): boolean {
  if (given === undefined || expected === "") return false;
  const a = Buffer.from(given, "utf8");
  const b = Buffer.from(expected, "utf8");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Splits refs into batches of at most `size` distinct AWBs (repeated AWBs ride in the same batch). */
function chunksOfDistinctAwbs<T extends { ref: ShipmentRef }>(entries: T[], size: number): T[][] {
  const chunks: T[][] = [];
  const chunkOf = new Map<string, T[]>();
  let current: T[] = [];
  let distinct = 0;
  for (const entry of entries) {
    const awb = entry.ref.trackingNumber as string;
    const existing = chunkOf.get(awb);
    if (existing) {
      existing.push(entry);
      continue;
    }
    if (distinct === size) {
      chunks.push(current);
      current = [];
      distinct = 0;
    }
    current.push(entry);
    chunkOf.set(awb, current);
    distinct++;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

async function forEachConcurrently<T>(
  items: T[],
  limit: number,
  run: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await run(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
