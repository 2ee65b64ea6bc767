import { CarrierError, isCarrierError } from "../errors";
import type { HttpClientOptions } from "../http";
import type {
  CarrierAccountConfig,
  CarrierAdapter,
  CarrierLogger,
  CarrierUpdate,
  ConnectionVerdict,
  CreatedShipment,
  CreateShipmentInput,
  ShipmentRef,
  TrackResult,
  WebhookParseResult,
} from "../types";
import { createMaystroClient, MAYSTRO_BASE_URL, type MaystroClient } from "./client";
import {
  MAYSTRO_WEBHOOK_EVENTS,
  type MaystroCreateOrderRequest,
  type MaystroOrder,
  maystroCredentialsSchema,
  maystroShipmentOptionsSchema,
} from "./schemas";
import {
  historyToScans,
  maystroCreatedShipment,
  maystroTrackingNumber,
  orderToUpdate,
  webhookEventToUpdate,
} from "./transform";
import { decodeMaystroWebhookBody } from "./webhook-body";

/** Pages walked when no budget is given: 25 pages of 20 = the store's 500 most recent orders. */
export const MAYSTRO_DEFAULT_MAX_PAGES = 25;
const DEFAULT_CONCURRENCY = 4;

/** HTTP tuning passed to the shared helper (tests inject `sleep`). */
export type MaystroHttpOptions = Omit<
  HttpClientOptions,
  "carrier" | "baseUrl" | "fetch" | "logger" | "rateLimit" | "now"
>;

export type MaystroAdapterOptions = {
  http?: MaystroHttpOptions;
  /** Also read `history_order` per tracked order to fill earlier scans. Default true. */
  includeHistory?: boolean;
  /** Page budget when `track` must find orders by our order number. Default 25. */
  lookupMaxPages?: number;
  /** Orders fetched at once by `track`. Default 4: Maystro publishes no limits, so stay gentle. */
  concurrency?: number;
};

/** An order found by our order number: the update plus the ids `createShipment` would have returned. */
export type MaystroLookupResult = CarrierUpdate & { created: CreatedShipment };

/** The Maystro adapter: the CarrierAdapter contract plus the store-order listing. */
export type MaystroAdapter = CarrierAdapter & {
  lookupByOrderNumbers(
    orderNumbers: string[],
    options?: { maxPages?: number },
  ): Promise<Map<string, MaystroLookupResult>>;
  createShipment(input: CreateShipmentInput): Promise<CreatedShipment>;
  cancelShipment(ref: ShipmentRef, reason?: string): Promise<void>;
  registerWebhook(url: string): Promise<{ id: string }>;
  listWebhooks(): Promise<Array<{ id: string; url: string }>>;
  deleteWebhook(id: string): Promise<void>;
  /**
   * The store's orders, page by page (20 a page) following `next`, until `next` is null or
   * `maxPages` pages were read. Default budget 25 pages.
   */
  listOrders(options?: { maxPages?: number }): AsyncGenerator<MaystroOrder, void, undefined>;
};

/**
 * Adapter for Maystro Delivery's backend API (carriers.md §3). Credentials `{ apiToken, storeId? }` are
 * checked lazily, as for the other carriers: a malformed account can still be built, and every call (and
 * `testConnection`) then answers AUTH_FAILED with the reason, without sending anything.
 */
export function createMaystroAdapter(
  account: CarrierAccountConfig,
  options: MaystroAdapterOptions = {},
): MaystroAdapter {
  const credentials = maystroCredentialsSchema.safeParse(account.credentials);
  const logger = account.logger;
  const now = account.now ?? Date.now;
  const includeHistory = options.includeHistory ?? true;
  const lookupMaxPages = options.lookupMaxPages ?? MAYSTRO_DEFAULT_MAX_PAGES;
  const concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY);
  const client: MaystroClient | null = credentials.success
    ? createMaystroClient({
        ...options.http,
        apiToken: credentials.data.apiToken,
        baseUrl: account.baseUrl ?? MAYSTRO_BASE_URL,
        ...(account.fetch ? { fetch: account.fetch } : {}),
        ...(logger ? { logger } : {}),
        ...(account.rateLimit ? { rateLimit: account.rateLimit } : {}),
        now,
      })
    : null;

  // Bad credentials surface as AUTH_FAILED on use, so a misconfigured account cannot break adapter creation.
  function api(): MaystroClient {
    if (client) return client;
    const reasons = credentials.error?.issues.map(
      (issue) => `${issue.path.join(".") || "credentials"}: ${issue.message}`,
    );
    throw new CarrierError(
      "AUTH_FAILED",
      `maystro credentials are invalid: ${reasons?.join("; ") ?? "missing apiToken"}`,
      { carrier: "maystro" },
    );
  }

  async function* listOrders({ maxPages = MAYSTRO_DEFAULT_MAX_PAGES } = {}) {
    let page: number | null = 1;
    for (let read = 0; page !== null && read < maxPages; read++) {
      const result = await api().getOrdersPage(page);
      yield* result.list.results;
      page = nextPageNumber(result.list.next, page, logger);
    }
  }

  /** Walk the list once for all wanted keys; the first order listed for a key wins. */
  async function findOrders(
    matches: (order: MaystroOrder) => string[],
    wanted: Set<string>,
    maxPages: number,
  ): Promise<Map<string, MaystroOrder>> {
    const found = new Map<string, MaystroOrder>();
    if (wanted.size === 0) return found;
    for await (const order of listOrders({ maxPages })) {
      for (const key of matches(order)) {
        if (wanted.has(key) && !found.has(key)) found.set(key, order);
      }
      if (found.size === wanted.size) break;
    }
    return found;
  }

  async function loadHistoryScans(order: MaystroOrder) {
    if (!includeHistory) return [];
    try {
      return historyToScans(await api().getHistory(order.id), order, logger);
    } catch (error) {
      // The history only adds earlier scans; the order's own status is the truth we report.
      logger?.warn("maystro: order history unavailable, using the order status alone", {
        carrierOrderId: order.id,
        error: error instanceof Error ? error.message : String(error),
      });
      return [];
    }
  }

  async function updateFor(order: MaystroOrder): Promise<CarrierUpdate> {
    return orderToUpdate(order, { history: await loadHistoryScans(order), logger });
  }

  async function track(refs: ShipmentRef[]): Promise<TrackResult[]> {
    // Maystro has no batch tracking on the backend API: refs with a UUID are fetched one by one,
    // the others are found in one walk over the store's orders.
    const byListKey = new Set<string>();
    for (const ref of refs) {
      const key = listKey(ref);
      if (!ref.carrierOrderId && key) byListKey.add(key);
    }
    let listed: Map<string, MaystroOrder> | CarrierError = new Map();
    try {
      listed = await findOrders(orderListKeys, byListKey, lookupMaxPages);
    } catch (error) {
      listed = asCarrierError(error);
    }

    return mapWithConcurrency(refs, concurrency, async (ref): Promise<TrackResult> => {
      try {
        if (ref.carrierOrderId) {
          return {
            ref,
            ok: true,
            update: await updateFor(await api().getOrder(ref.carrierOrderId)),
          };
        }
        const key = listKey(ref);
        if (!key) {
          throw new CarrierError(
            "NOT_FOUND",
            "maystro needs a carrier order id, an order number or a tracking number to track",
            { carrier: "maystro" },
          );
        }
        if (listed instanceof CarrierError) throw listed;
        const order = listed.get(key);
        if (!order) {
          throw new CarrierError(
            "NOT_FOUND",
            `maystro has no order ${describeKey(key)} among the store's ${lookupMaxPages * 20} most recent orders`,
            { carrier: "maystro" },
          );
        }
        return { ref, ok: true, update: await updateFor(order) };
      } catch (error) {
        return { ref, ok: false, error: asCarrierError(error) };
      }
    });
  }

  async function lookupByOrderNumbers(
    orderNumbers: string[],
    lookupOptions: { maxPages?: number } = {},
  ): Promise<Map<string, MaystroLookupResult>> {
    const wanted = new Set(orderNumbers.map((value) => value.trim()).filter(Boolean));
    const found = await findOrders(
      (order) => (order.external_order_id ? [String(order.external_order_id)] : []),
      wanted,
      lookupOptions.maxPages ?? MAYSTRO_DEFAULT_MAX_PAGES,
    );
    const results = new Map<string, MaystroLookupResult>();
    for (const [orderNumber, order] of found) {
      results.set(orderNumber, {
        ...orderToUpdate(order, { logger }),
        created: maystroCreatedShipment(order),
      });
    }
    return results;
  }

  async function createShipment(input: CreateShipmentInput): Promise<CreatedShipment> {
    const order = await api().createOrder(buildCreateOrderRequest(input));
    return maystroCreatedShipment(order);
  }

  async function cancelShipment(ref: ShipmentRef): Promise<void> {
    // Maystro takes a numeric abort reason only; a free-text reason has nowhere to go.
    let id = ref.carrierOrderId ?? ref.trackingNumber ?? null;
    if (!id && ref.orderNumber) {
      const found = await findOrders(
        orderListKeys,
        new Set([`order:${ref.orderNumber}`]),
        lookupMaxPages,
      );
      id = found.get(`order:${ref.orderNumber}`)?.id ?? null;
    }
    if (!id) {
      throw new CarrierError("NOT_FOUND", "maystro has no order to cancel for this reference", {
        carrier: "maystro",
      });
    }
    await api().abortOrder(id);
  }

  function parseWebhook(
    _headers: Record<string, string | undefined>,
    rawBody: string,
  ): WebhookParseResult {
    // No signature exists: the api checks the secret path token before calling us.
    const decoded = decodeMaystroWebhookBody(rawBody);
    if (!decoded.ok) return { ok: false, reason: "MALFORMED", message: decoded.message };
    const { event } = decoded;
    if (!(MAYSTRO_WEBHOOK_EVENTS as readonly string[]).includes(event.event)) {
      return {
        ok: false,
        reason: "MALFORMED",
        message: `Maystro webhook event "${event.event}" is not one of ${MAYSTRO_WEBHOOK_EVENTS.join(", ")}`,
      };
    }
    const update = webhookEventToUpdate(event, new Date(now()), logger);
    if (!update.ref.carrierOrderId && !update.ref.orderNumber && !update.ref.trackingNumber) {
      return {
        ok: false,
        reason: "MALFORMED",
        message: "Maystro webhook payload names no order (id, external_id or display id)",
      };
    }
    return { ok: true, kind: "updates", updates: [update] };
  }

  async function testConnection(): Promise<ConnectionVerdict> {
    try {
      const page = await api().getOrdersPage(1);
      return {
        ok: true,
        message: `Maystro accepted the API token; the store has ${page.list.count} orders.`,
      };
    } catch (error) {
      const carrierError = asCarrierError(error);
      return { ok: false, code: carrierError.code, message: carrierError.message };
    }
  }

  return {
    carrier: "maystro",
    testConnection,
    track,
    lookupByOrderNumbers,
    createShipment,
    cancelShipment,
    parseWebhook,
    async registerWebhook(url) {
      const hook = await api().createHook(url);
      return { id: hook.id };
    },
    async listWebhooks() {
      const hooks = await api().listHooks();
      return hooks.map((hook) => ({ id: hook.id, url: hook.endpoint }));
    },
    async deleteWebhook(id) {
      await api().deleteHook(id);
    },
    listOrders,
  };
}

/**
 * The create body: `source: 4` is Maystro's required constant, our order number goes in
 * `external_order_id`, and `product_price` is the cash the courier collects (0 when prepaid).
 */
export function buildCreateOrderRequest(input: CreateShipmentInput): MaystroCreateOrderRequest {
  const parsed = maystroShipmentOptionsSchema.safeParse(input.options ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CarrierError(
      "REJECTED",
      `maystro needs numeric wilaya and commune ids in the shipment options: ${issue?.path.join(".")}: ${issue?.message}`,
      { carrier: "maystro", details: parsed.error.issues },
    );
  }
  const options = parsed.data;
  const { address } = input;
  const cashToCollect = input.paymentMethod === "cod" ? (options.cod_amount ?? input.subTotal) : 0;
  return {
    source: 4,
    external_order_id: input.orderNumber,
    customer_name: address.name,
    customer_phone: address.phone,
    wilaya: options.wilaya,
    commune: options.commune,
    destination_text: [address.line1, address.line2, address.city]
      .filter((part): part is string => typeof part === "string" && part.trim() !== "")
      .join(", "),
    product_price: cashToCollect,
    delivery_type: options.delivery_type,
    express: options.express,
    note_to_driver: options.note_to_driver ?? "",
    stop_desk_id: options.stop_desk_id ?? null,
    products: input.items.map((item) => ({
      quantity: item.units,
      logistical_description: item.name,
    })),
  };
}

/** Keys an order can be found by in the list: our order number and its tracking number. */
function orderListKeys(order: MaystroOrder): string[] {
  const keys: string[] = [];
  if (order.external_order_id) keys.push(`order:${order.external_order_id}`);
  const trackingNumber = maystroTrackingNumber(order);
  if (trackingNumber) keys.push(`tracking:${trackingNumber}`);
  return keys;
}

function listKey(ref: ShipmentRef): string | null {
  if (ref.orderNumber) return `order:${ref.orderNumber}`;
  if (ref.trackingNumber) return `tracking:${ref.trackingNumber}`;
  return null;
}

function describeKey(key: string): string {
  return key.startsWith("order:")
    ? `for order number ${key.slice(6)}`
    : `with tracking number ${key.slice(9)}`;
}

/**
 * The page number in `next`. Only the number is taken: the absolute URL names Maystro's production
 * host, and the token must only ever go to the configured base URL.
 */
function nextPageNumber(
  next: string | null,
  current: number,
  logger?: CarrierLogger,
): number | null {
  if (next === null) return null;
  let page: number;
  try {
    page = Number(new URL(next, MAYSTRO_BASE_URL).searchParams.get("page"));
  } catch {
    page = Number.NaN;
  }
  if (!Number.isInteger(page) || page <= current) {
    logger?.warn("maystro: order list `next` has no usable page number, stopping", { next });
    return null;
  }
  return page;
}

function asCarrierError(error: unknown): CarrierError {
  if (isCarrierError(error)) return error;
  return new CarrierError(
    "UNAVAILABLE",
    `maystro: ${error instanceof Error ? error.message : String(error)}`,
    { carrier: "maystro", cause: error },
  );
}

async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let nextIndex = 0;
  async function worker() {
    while (nextIndex < items.length) {
      const index = nextIndex++;
      results[index] = await work(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
