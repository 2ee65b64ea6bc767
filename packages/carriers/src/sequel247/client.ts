import type { z } from "zod";
import { CarrierError } from "../errors";
import { createHttpClient, type HttpClientOptions, parseCarrierResponse } from "../http";
import {
  type SequelCancelResponse,
  type SequelCreateRequest,
  type SequelCreateResponse,
  type SequelEddResponse,
  type SequelErrorBody,
  type SequelServiceabilityResponse,
  type SequelTrackData,
  type SequelTrackMultipleResponse,
  sequelCancelResponseSchema,
  sequelCreateResponseSchema,
  sequelEddResponseSchema,
  sequelErrorBodySchema,
  sequelServiceabilityResponseSchema,
  sequelTrackMultipleResponseSchema,
  sequelTrackResponseSchema,
} from "./schemas";

/** Production host; every path is under `/api`. The test host is `https://test.sequel247.com`. */
export const SEQUEL247_BASE_URL = "https://sequel247.com";

/** Sequel247's "docket does not exist" error code. */
export const SEQUEL247_DOCKET_NOT_FOUND_CODE = 103;

/** HTTP tuning passed through to the shared helper (tests inject `sleep`; the app may set a budget). */
export type Sequel247HttpOptions = Omit<HttpClientOptions, "carrier" | "baseUrl">;

export type Sequel247ClientOptions = Sequel247HttpOptions & {
  token: string;
  /** Defaults to production. */
  baseUrl?: string;
};

/** The raw Sequel247 API: one method per endpoint, bodies as the carrier sends them. HTTP only. */
export type Sequel247Client = {
  track(docket: string): Promise<SequelTrackData>;
  trackMultiple(dockets: string[]): Promise<SequelTrackMultipleResponse>;
  createShipment(
    request: Omit<SequelCreateRequest, "token">,
  ): Promise<SequelCreateResponse["data"]>;
  cancel(docket: string, cancelReason: string): Promise<SequelCancelResponse>;
  checkServiceability(pinCode: string): Promise<SequelServiceabilityResponse>;
  calculateEdd(request: {
    originPincode: string;
    destinationPincode: string;
    pickupDate: string;
  }): Promise<SequelEddResponse>;
};

type CallOptions = {
  /** Whether a `status: false` body inside a 2xx is a failure; `trackMultiple` reports per docket. */
  falseIsError?: (body: Record<string, unknown>) => boolean;
};

export function createSequel247Client(options: Sequel247ClientOptions): Sequel247Client {
  const { token, baseUrl = SEQUEL247_BASE_URL, ...httpOptions } = options;
  const http = createHttpClient({ ...httpOptions, carrier: "sequel247", baseUrl });

  async function call<S extends z.ZodType>(
    path: string,
    body: Record<string, unknown>,
    schema: S,
    what: string,
    callOptions: CallOptions = {},
  ): Promise<z.infer<S>> {
    // Sequel247 authenticates by a token inside every JSON body; every endpoint is a POST.
    const response = await http.send({ method: "POST", path, json: { token, ...body } });
    const json = response.json;
    if (response.status === 401 || response.status === 403 || saysInvalidToken(json)) {
      throw new CarrierError(
        "AUTH_FAILED",
        "Sequel247 rejected the token (test and production tokens are different)",
        { carrier: "sequel247", status: response.status },
      );
    }
    if (!isRecord(json)) {
      throw new CarrierError(
        "INVALID_RESPONSE",
        `sequel247 ${what} answered HTTP ${response.status} without a JSON object`,
        { carrier: "sequel247", status: response.status },
      );
    }
    const falseIsError = callOptions.falseIsError ?? (() => true);
    if (response.status >= 400 || (isFalseFlag(json.status) && falseIsError(json))) {
      throw errorFromBody(json, response.status, what);
    }
    return parseCarrierResponse("sequel247", schema, json, what);
  }

  return {
    async track(docket) {
      const body = await call("/api/track", { docket }, sequelTrackResponseSchema, "track");
      return body.data;
    },
    trackMultiple(dockets) {
      return call(
        "/api/trackMultiple",
        { dockets },
        sequelTrackMultipleResponseSchema,
        "trackMultiple",
        // When every docket is unknown the flag can be false while errorShipments says why per docket.
        { falseIsError: (body) => !isRecord(body.errorShipments) },
      );
    },
    async createShipment(request) {
      const body = await call(
        "/api/shipment/create",
        request,
        sequelCreateResponseSchema,
        "shipment/create",
      );
      return body.data;
    },
    cancel(docket, cancelReason) {
      return call("/api/cancel", { docket, cancelReason }, sequelCancelResponseSchema, "cancel");
    },
    checkServiceability(pinCode) {
      return call(
        "/api/checkServiceability",
        { pin_code: pinCode },
        sequelServiceabilityResponseSchema,
        "checkServiceability",
        // "Not serviceable" is an answer about the pin code, not a failure of the call.
        { falseIsError: () => false },
      );
    },
    calculateEdd(request) {
      return call(
        "/api/shipment/calculateEDD",
        {
          origin_pincode: request.originPincode,
          destination_pincode: request.destinationPincode,
          pickup_date: request.pickupDate,
        },
        sequelEddResponseSchema,
        "calculateEDD",
      );
    },
  };
}

/**
 * A refusal, whatever its HTTP status (Sequel sends `"false"` with 200 in some calls and with 4xx in
 * others): code 103 is an unknown docket, the rest is the carrier's own refusal in its own words.
 */
function errorFromBody(
  json: Record<string, unknown>,
  httpStatus: number,
  what: string,
): CarrierError {
  const parsed = sequelErrorBodySchema.safeParse(json);
  const body: SequelErrorBody = parsed.success
    ? parsed.data
    : { message: null, code: null, errorInfo: undefined };
  const message = body.message ?? `sequel247 ${what} failed (HTTP ${httpStatus})`;
  const common = {
    carrier: "sequel247" as const,
    status: httpStatus,
    details: body.errorInfo ?? (body.code === null ? undefined : { code: body.code }),
  };
  if (body.code === SEQUEL247_DOCKET_NOT_FOUND_CODE || httpStatus === 404) {
    return new CarrierError("NOT_FOUND", message, common);
  }
  return new CarrierError("REJECTED", message, common);
}

function saysInvalidToken(json: unknown): boolean {
  // The carrier's only signal for a wrong-environment token, when it comes without a 401.
  return isRecord(json) && typeof json.message === "string" && /invalid token/i.test(json.message);
}

function isFalseFlag(value: unknown): boolean {
  return value === false || value === "false" || value === 0 || value === "0";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
