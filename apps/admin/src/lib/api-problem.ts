import { isTRPCClientError } from "@trpc/client";
import { errorCode, type FormProblem, readFormProblem } from "@waybill/ui/client";

/** What the carrier said no with, when a call failed at the carrier rather than with us. */
export type CarrierProblem = { code: string; carrier: string | null };

export type ApiProblem = FormProblem & {
  /** The tRPC code (`data.code`); undefined when the server never answered. */
  code: string | undefined;
  carrier: CarrierProblem | null;
  /** `data.details` of a domain refusal (e.g. `{ retryAt }`, `{ fields }`). */
  details: Record<string, unknown> | null;
};

function dataOf(error: unknown): Record<string, unknown> | null {
  if (!isTRPCClientError(error)) return null;
  const data: unknown = error.data;
  return typeof data === "object" && data !== null ? (data as Record<string, unknown>) : null;
}

function carrierOf(data: Record<string, unknown> | null): CarrierProblem | null {
  const value = data?.carrierError;
  if (typeof value !== "object" || value === null || !("code" in value)) return null;
  const carrier = "carrier" in value && typeof value.carrier === "string" ? value.carrier : null;
  return { code: String(value.code), carrier };
}

function detailsOf(data: Record<string, unknown> | null): Record<string, unknown> | null {
  const value = data?.details;
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
}

/** `details.fields` of a domain INVALID (e.g. credentials checked against the carrier's schema). */
function detailFieldErrors(details: Record<string, unknown> | null): Record<string, string> {
  const fields = details?.fields;
  if (typeof fields !== "object" || fields === null) return {};
  const errors: Record<string, string> = {};
  for (const [name, messages] of Object.entries(fields)) {
    const first = Array.isArray(messages) ? messages[0] : undefined;
    if (typeof first === "string") errors[name] = first;
  }
  return errors;
}

/**
 * `readFormProblem` for the admin: it also shows the carrier's own words when a carrier refused
 * (the api maps those to 412 / 422 / 502 with `data.carrierError`), and per-field messages the api
 * sends in `data.details.fields`. Branches on codes and data only, never on message text.
 */
export function readApiProblem(error: unknown): ApiProblem {
  const base = readFormProblem(error);
  const data = dataOf(error);
  const carrier = carrierOf(data);
  const details = detailsOf(data);
  const code = errorCode(error);
  const message = carrier && isTRPCClientError(error) ? error.message : base.message;
  return {
    message,
    fieldErrors: { ...detailFieldErrors(details), ...base.fieldErrors },
    code,
    carrier,
    details,
  };
}
