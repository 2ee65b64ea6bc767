import type { z } from "zod";
import { CarrierError } from "../errors";
import {
  createHttpClient,
  type HttpClientOptions,
  type HttpResponse,
  parseCarrierResponse,
} from "../http";
import type { CarrierLogger } from "../types";
import {
  type AssignAwbResponse,
  assignAwbResponseSchema,
  type CreateAdhocResponse,
  createAdhocResponseSchema,
  type GeneratePickupResponse,
  generatePickupResponseSchema,
  loginResponseSchema,
  type OrderListResponse,
  orderListResponseSchema,
  type ShiprocketCredentials,
  shiprocketErrorBodySchema,
  type TrackResponse,
  trackAwbsResponseSchema,
  trackByOrderResponseSchema,
  trackResponseSchema,
} from "./schemas";

export const SHIPROCKET_BASE_URL = "https://apiv2.shiprocket.in";
/** SR-DOC: a token is valid for 10 days. */
export const SHIPROCKET_TOKEN_TTL_MS = 10 * 24 * 60 * 60 * 1000;
/** Refresh a day early so a token never expires mid-sync. */
export const SHIPROCKET_TOKEN_REFRESH_AFTER_MS = 9 * 24 * 60 * 60 * 1000;

/** Why Shiprocket refused us; `testConnection` turns each into its own verdict. */
export type ShiprocketAuthProblem =
  | "bad_credentials"
  | "two_factor_required"
  | "ip_not_whitelisted"
  | "missing_permission";

export type ShiprocketClientOptions = {
  credentials: ShiprocketCredentials;
  /** Host only; `/v1/external` is appended. Default production. */
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  logger?: CarrierLogger;
  rateLimit?: HttpClientOptions["rateLimit"];
  /** Passed through to the HTTP helper (tests make retries instant). */
  http?: Pick<
    HttpClientOptions,
    "sleep" | "random" | "timeoutMs" | "maxRetries" | "backoffBaseMs" | "backoffMaxMs" | "onAttempt"
  >;
  refreshAfterMs?: number;
};

type CachedToken = { value: string; obtainedAt: number };

export type CreateAdhocOrderBody = Record<string, unknown> & { order_id: string };

/** Shiprocket's HTTP API, typed: token cache and one shared re-login; no business decisions. */
export type ShiprocketClient = ReturnType<typeof createShiprocketClient>;

export function createShiprocketClient(options: ShiprocketClientOptions) {
  const now = options.now ?? Date.now;
  const refreshAfterMs = options.refreshAfterMs ?? SHIPROCKET_TOKEN_REFRESH_AFTER_MS;
  const http = createHttpClient({
    carrier: "shiprocket",
    baseUrl: `${(options.baseUrl ?? SHIPROCKET_BASE_URL).replace(/\/+$/, "")}/v1/external`,
    now,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    ...options.http,
  });

  let cached: CachedToken | null = null;
  // Concurrent callers share one login: Shiprocket throttles repeated /auth/login calls.
  let pendingLogin: Promise<string> | null = null;

  async function login(): Promise<string> {
    const res = await http.send({ method: "POST", path: "auth/login", json: options.credentials });
    if (res.status !== 200) {
      if (res.status === 403) throw forbiddenError(res);
      throw new CarrierError(
        "AUTH_FAILED",
        `Shiprocket refused the login (${describeBody(res)}). Check the API user's email and password: it must be an API user (Settings → API), not the main panel login.`,
        { carrier: "shiprocket", status: res.status, details: { reason: "bad_credentials" } },
      );
    }
    const body = parseCarrierResponse(
      "shiprocket",
      loginResponseSchema,
      res.json,
      "login response",
    );
    if (body.is_mfa_enabled === true) {
      throw new CarrierError(
        "AUTH_FAILED",
        "This Shiprocket user has two-factor authentication (MFA) on, so the login returned an OTP challenge instead of a token. Create an API user without MFA (Settings → API → Add New API User) and use its credentials.",
        { carrier: "shiprocket", status: res.status, details: { reason: "two_factor_required" } },
      );
    }
    if (body.token === undefined) {
      throw new CarrierError("INVALID_RESPONSE", "Shiprocket login answered 200 without a token", {
        carrier: "shiprocket",
        status: res.status,
      });
    }
    cached = { value: body.token, obtainedAt: now() };
    return body.token;
  }

  function sharedLogin(): Promise<string> {
    pendingLogin ??= login().finally(() => {
      pendingLogin = null;
    });
    return pendingLogin;
  }

  async function currentToken(): Promise<string> {
    if (cached && now() - cached.obtainedAt < refreshAfterMs) return cached.value;
    return sharedLogin();
  }

  /** An authenticated call. A 401 triggers one shared re-login and one retry of this call. */
  async function send(request: Parameters<typeof http.send>[0]): Promise<HttpResponse> {
    const token = await currentToken();
    const first = await http.send(withBearer(request, token));
    if (first.status !== 401) return first;

    // Another call may already have replaced the token this call used; reuse it rather than log in again.
    if (cached?.value === token) cached = null;
    const fresh = cached?.value ?? (await sharedLogin());
    const second = await http.send(withBearer(request, fresh));
    if (second.status === 401) {
      cached = null;
      throw new CarrierError(
        "AUTH_FAILED",
        "Shiprocket rejected a freshly issued token (401 Unauthenticated).",
        {
          carrier: "shiprocket",
          status: 401,
          details: { reason: "bad_credentials" },
        },
      );
    }
    return second;
  }

  /** Sends, turns documented error answers into CarrierError, parses a 2xx body with `schema`. */
  async function call<S extends z.ZodType>(
    request: Parameters<typeof http.send>[0],
    schema: S,
    what: string,
  ): Promise<z.infer<S>> {
    const res = await send(request);
    if (res.status < 200 || res.status > 299) throw errorFromResponse(res, what);
    return parseCarrierResponse("shiprocket", schema, res.json, what);
  }

  return {
    /** Logs in now (ignoring the cache) and keeps the token. */
    async login(): Promise<void> {
      cached = null;
      await sharedLogin();
    },

    /** The cached token's age, or null: for tests and diagnostics. */
    tokenObtainedAt(): number | null {
      return cached?.obtainedAt ?? null;
    },

    createAdhocOrder(body: CreateAdhocOrderBody): Promise<CreateAdhocResponse> {
      return call(
        { method: "POST", path: "orders/create/adhoc", json: body },
        createAdhocResponseSchema,
        "create order response",
      );
    },

    assignAwb(shipmentId: number, courierId?: number): Promise<AssignAwbResponse> {
      const json =
        courierId === undefined
          ? { shipment_id: shipmentId }
          : { shipment_id: shipmentId, courier_id: courierId };
      return call(
        { method: "POST", path: "courier/assign/awb", json },
        assignAwbResponseSchema,
        "assign AWB response",
      );
    },

    generatePickup(shipmentId: number): Promise<GeneratePickupResponse> {
      return call(
        { method: "POST", path: "courier/generate/pickup", json: { shipment_id: [shipmentId] } },
        generatePickupResponseSchema,
        "generate pickup response",
      );
    },

    /** `GET /orders?search=`: matches an AWB or our channel order id. */
    searchOrders(search: string): Promise<OrderListResponse> {
      return call(
        { method: "GET", path: "orders", query: { search } },
        orderListResponseSchema,
        "order list",
      );
    },

    /** `POST /orders/cancel`: 204 with an empty body on success. */
    async cancelOrders(ids: number[]): Promise<void> {
      const res = await send({ method: "POST", path: "orders/cancel", json: { ids } });
      if (res.status < 200 || res.status > 299) throw errorFromResponse(res, "cancel order");
    },

    trackAwb(awb: string): Promise<TrackResponse> {
      return call(
        { method: "GET", path: `courier/track/awb/${encodeURIComponent(awb)}` },
        trackResponseSchema,
        "tracking answer",
      );
    },

    trackShipment(shipmentId: string): Promise<TrackResponse> {
      return call(
        { method: "GET", path: `courier/track/shipment/${encodeURIComponent(shipmentId)}` },
        trackResponseSchema,
        "tracking answer",
      );
    },

    /** By our channel order id: an array, one entry per shipment. */
    trackOrder(orderNumber: string): Promise<TrackResponse[]> {
      return call(
        { method: "GET", path: "courier/track", query: { order_id: orderNumber } },
        trackByOrderResponseSchema,
        "tracking answer",
      );
    },

    /**
     * Up to 50 AWBs; the answer is keyed by AWB and omits the ones Shiprocket does not know. Entries
     * are parsed one by one so a single odd entry fails only its own AWB.
     */
    async trackAwbs(awbs: string[]): Promise<Map<string, TrackResponse | CarrierError>> {
      if (awbs.length > 50) throw new RangeError("Shiprocket tracks at most 50 AWBs per call");
      const entries = await call(
        { method: "POST", path: "courier/track/awbs", json: { awbs } },
        trackAwbsResponseSchema,
        "batch tracking answer",
      );
      const out = new Map<string, TrackResponse | CarrierError>();
      for (const [awb, entry] of Object.entries(entries)) {
        try {
          out.set(
            awb,
            parseCarrierResponse(
              "shiprocket",
              trackResponseSchema,
              entry,
              `tracking answer for AWB ${awb}`,
            ),
          );
        } catch (error) {
          if (!(error instanceof CarrierError)) throw error;
          out.set(awb, error);
        }
      }
      return out;
    },

    /** `GET /orders` first page: a cheap authorized call that proves the API user can read orders. */
    listOrders(query: { page?: number; per_page?: number } = {}): Promise<OrderListResponse> {
      return call({ method: "GET", path: "orders", query }, orderListResponseSchema, "order list");
    },
  };
}

function withBearer(
  request: Parameters<ReturnType<typeof createHttpClient>["send"]>[0],
  token: string,
) {
  return { ...request, headers: { ...request.headers, authorization: `Bearer ${token}` } };
}

function errorBody(res: HttpResponse) {
  const parsed = shiprocketErrorBodySchema.safeParse(res.json);
  return parsed.success ? parsed.data : null;
}

function describeBody(res: HttpResponse): string {
  const message = errorBody(res)?.message;
  return message ? `HTTP ${res.status}: ${message}` : `HTTP ${res.status}`;
}

/**
 * 403 has two causes that look alike (§1.7): the caller's IP is not whitelisted for the API user
 * ("…permissions[IP]"), or the API user lacks the module. Only the message tells them apart.
 */
function forbiddenError(res: HttpResponse): CarrierError {
  const message = errorBody(res)?.message ?? "";
  if (/\[IP\]|\bIP\b/.test(message)) {
    return new CarrierError(
      "AUTH_FAILED",
      `Shiprocket refused this server's IP address (${message || "HTTP 403"}). Add the server's public IP to the API user's whitelist in the Shiprocket panel.`,
      { carrier: "shiprocket", status: 403, details: { reason: "ip_not_whitelisted" } },
    );
  }
  return new CarrierError(
    "AUTH_FAILED",
    `The Shiprocket API user lacks permission for this action (${message || "HTTP 403"}). Enable the needed "Modules to Access" (orders, courier/tracking) for the API user.`,
    { carrier: "shiprocket", status: 403, details: { reason: "missing_permission" } },
  );
}

/** Maps a non-2xx answer (after re-login and retries) to the package's error type. */
function errorFromResponse(res: HttpResponse, what: string): CarrierError {
  if (res.status === 403) return forbiddenError(res);
  const body = errorBody(res);
  const detail = body?.message ? `: ${body.message}` : "";
  if (res.status === 404) {
    return new CarrierError("NOT_FOUND", `Shiprocket ${what}: not found${detail}`, {
      carrier: "shiprocket",
      status: 404,
    });
  }
  // 400 (business rule) and 422 (validation) carry the carrier's own words and field errors.
  return new CarrierError("REJECTED", `Shiprocket ${what} refused (HTTP ${res.status})${detail}`, {
    carrier: "shiprocket",
    status: res.status,
    details: body?.errors ?? body ?? res.text.slice(0, 500),
  });
}

/** The reason recorded in an AUTH_FAILED error raised by this client, if any. */
export function authProblemOf(error: CarrierError): ShiprocketAuthProblem | null {
  const details = error.details as { reason?: unknown } | undefined;
  const reason = details?.reason;
  return reason === "bad_credentials" ||
    reason === "two_factor_required" ||
    reason === "ip_not_whitelisted" ||
    reason === "missing_permission"
    ? reason
    : null;
}
