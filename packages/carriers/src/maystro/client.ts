import { CarrierError } from "../errors";
import {
  createHttpClient,
  type HttpClientOptions,
  type HttpRequest,
  type HttpResponse,
  parseCarrierResponse,
} from "../http";
import { describeMaystroError } from "./error-body";
import {
  type MaystroCreateOrderRequest,
  type MaystroHook,
  type MaystroOrder,
  type MaystroOrderPage,
  maystroHookListSchema,
  maystroHookSchema,
  maystroOrderPageSchema,
  maystroOrderSchema,
} from "./schemas";

/** Production host of Maystro's backend API; every path below starts with `/api/`. */
export const MAYSTRO_BASE_URL = "https://backend.maystro-delivery.com";

/** Order status and abort reason Maystro's cancel call expects (carriers.md §3.4). */
export const MAYSTRO_ABORTED_STATUS = 50;
export const MAYSTRO_MERCHANT_ABORT_REASON = 21;

export type MaystroClientOptions = Omit<HttpClientOptions, "carrier" | "baseUrl"> & {
  apiToken: string;
  baseUrl?: string;
};

export type MaystroClient = ReturnType<typeof createMaystroClient>;

/** HTTP access to Maystro's backend API. Turns every non-2xx answer into a CarrierError. */
export function createMaystroClient(options: MaystroClientOptions) {
  const { apiToken, baseUrl = MAYSTRO_BASE_URL, ...httpOptions } = options;
  const http = createHttpClient({ ...httpOptions, carrier: "maystro", baseUrl });
  // DRF token auth: Maystro rejects the usual `Bearer` scheme.
  const authorization = `Token ${apiToken}`;

  async function call(request: HttpRequest, what: string): Promise<HttpResponse> {
    const response = await http.send({
      ...request,
      headers: { ...request.headers, authorization },
    });
    throwOnError(response, what);
    return response;
  }

  return {
    /** One page (20 orders) of the store's orders, newest first as Maystro orders them. */
    async getOrdersPage(page: number): Promise<MaystroOrderPage> {
      const response = await call(
        { method: "GET", path: "/api/stores/orders/", query: { page } },
        `order list page ${page}`,
      );
      return parseCarrierResponse("maystro", maystroOrderPageSchema, response.json, "order list");
    },

    /** One order by Maystro's UUID. */
    async getOrder(id: string): Promise<MaystroOrder> {
      const response = await call(
        { method: "GET", path: `/api/stores/orders/${encodeURIComponent(id)}/` },
        `order ${id}`,
      );
      return parseCarrierResponse("maystro", maystroOrderSchema, response.json, "order");
    },

    /** Create one order; the answer is the created order object. */
    async createOrder(body: MaystroCreateOrderRequest): Promise<MaystroOrder> {
      const response = await call(
        { method: "POST", path: "/api/stores/orders/", json: body },
        `order creation for ${body.external_order_id}`,
      );
      return parseCarrierResponse("maystro", maystroOrderSchema, response.json, "created order");
    },

    /** Abort an order (status 50). Accepts the UUID or the display id. */
    async abortOrder(id: string, abortReason = MAYSTRO_MERCHANT_ABORT_REASON): Promise<void> {
      await call(
        {
          method: "PATCH",
          path: `/api/shared/status/${encodeURIComponent(id)}/`,
          json: { status: MAYSTRO_ABORTED_STATUS, abort_reason: abortReason },
        },
        `cancellation of ${id}`,
      );
    },

    /**
     * The order's status history, unparsed: its shape is uncertain (carriers.md §3.4), so the
     * adapter validates it leniently. Undefined when the body is empty or not JSON.
     */
    async getHistory(id: string): Promise<unknown> {
      const response = await call(
        { method: "GET", path: `/api/stores/history_order/${encodeURIComponent(id)}` },
        `history of ${id}`,
      );
      return response.json;
    },

    async listHooks(): Promise<MaystroHook[]> {
      const response = await call(
        { method: "GET", path: "/api/stores/hooks/costume/" },
        "webhook list",
      );
      return parseCarrierResponse("maystro", maystroHookListSchema, response.json, "webhook list");
    },

    /** Register a webhook; without a trigger type Maystro sends every event. */
    async createHook(endpoint: string, triggerTypeId?: string): Promise<MaystroHook> {
      const response = await call(
        {
          method: "POST",
          path: "/api/stores/hooks/costume/",
          json: {
            endpoint,
            ...(triggerTypeId !== undefined ? { trigger_type_id: triggerTypeId } : {}),
          },
        },
        "webhook registration",
      );
      return parseCarrierResponse("maystro", maystroHookSchema, response.json, "created webhook");
    },

    async deleteHook(id: string): Promise<void> {
      await call(
        { method: "DELETE", path: `/api/stores/hooks/costume/${encodeURIComponent(id)}/` },
        `webhook ${id}`,
      );
    },
  };
}

/**
 * 401/403 → AUTH_FAILED, 404 → NOT_FOUND, other 4xx → REJECTED in Maystro's words. The old API
 * also answers some errors with HTTP 200 and `"status_code": 400` in the body.
 */
function throwOnError(response: HttpResponse, what: string): void {
  const status = effectiveStatus(response);
  if (status < 400) return;
  const described = describeMaystroError(response.json ?? response.text);
  const options = { carrier: "maystro" as const, status, details: response.json ?? response.text };
  if (status === 401 || status === 403) {
    throw new CarrierError(
      "AUTH_FAILED",
      `maystro refused the API token for ${what}: ${described.message}`,
      options,
    );
  }
  if (status === 404) {
    throw new CarrierError("NOT_FOUND", `maystro has no ${what}`, options);
  }
  const prefix = described.duplicate ? "maystro rejected a duplicate" : "maystro rejected";
  throw new CarrierError("REJECTED", `${prefix} ${what}: ${described.message}`, options);
}

function effectiveStatus(response: HttpResponse): number {
  const body = response.json;
  if (response.status < 300 && typeof body === "object" && body !== null && !Array.isArray(body)) {
    const inner = (body as Record<string, unknown>).status_code;
    if (typeof inner === "number" && inner >= 400 && inner < 500) return inner;
  }
  return response.status;
}
