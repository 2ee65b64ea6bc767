/**
 * The api's one error type for expected refusals (a missing order, a cooldown, a conflicting state). tRPC
 * procedures map it, and `CarrierError`, to `TRPCError` in one place (`trpc/init.ts`).
 */
export const DOMAIN_ERROR_CODES = [
  "NOT_FOUND",
  "CONFLICT",
  "INVALID",
  "TOO_MANY_REQUESTS",
  "FORBIDDEN",
] as const;
export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export class DomainError extends Error {
  override readonly name = "DomainError";
  readonly code: DomainErrorCode;
  /** Structured detail the SPAs may read (e.g. `{ retryAt }` for a cooldown). */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: DomainErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
