import type { CarrierId } from "./statuses";

export const CARRIER_ERROR_CODES = [
  "AUTH_FAILED",
  "NOT_FOUND",
  "RATE_LIMITED",
  "UNAVAILABLE",
  "INVALID_RESPONSE",
  "REJECTED",
] as const;
export type CarrierErrorCode = (typeof CARRIER_ERROR_CODES)[number];

/**
 * The one error type the carriers package throws. `REJECTED` is a business refusal from the carrier
 * (422 validation, `awb_assign_status: 0`, duplicate order): the message is the carrier's own words.
 */
export class CarrierError extends Error {
  override readonly name = "CarrierError";
  readonly code: CarrierErrorCode;
  readonly carrier: CarrierId | undefined;
  /** HTTP status of the last answer, when there was one. */
  readonly status: number | undefined;
  /** How long the carrier asked us to wait (429 Retry-After), when it said so. */
  readonly retryAfterMs: number | undefined;
  /** Field-level details: carrier validation errors, or the zod path of an unexpected shape. */
  readonly details: unknown;

  constructor(
    code: CarrierErrorCode,
    message: string,
    options: {
      carrier?: CarrierId;
      status?: number;
      retryAfterMs?: number;
      details?: unknown;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.code = code;
    this.carrier = options.carrier;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

export function isCarrierError(error: unknown): error is CarrierError {
  return error instanceof CarrierError;
}
