import { isTRPCClientError } from "@trpc/client";
import { errorCode } from "@waybill/ui/client";

/** `error.data.details.retryAt` of a TOO_MANY_REQUESTS answer (a cooldown, a rate limit), else null. */
export function retryAtOf(error: unknown): Date | null {
  if (errorCode(error) !== "TOO_MANY_REQUESTS" || !isTRPCClientError(error)) return null;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("details" in data)) return null;
  const details: unknown = data.details;
  if (typeof details !== "object" || details === null || !("retryAt" in details)) return null;
  const retryAt = new Date(String(details.retryAt));
  return Number.isNaN(retryAt.getTime()) ? null : retryAt;
}

const UNREACHABLE = "Can't reach Waybill right now. Check your connection and try again.";
const UNEXPECTED = "Something went wrong on our side. Please try again.";

/**
 * The words to show for a failed call that is not a form. The server writes the messages of these codes
 * for people (a carrier that cannot be reached, a missing order); anything else gets a generic line.
 */
export function problemMessage(error: unknown): string {
  const code = errorCode(error);
  if (code === undefined) return isTRPCClientError(error) ? UNREACHABLE : UNEXPECTED;
  switch (code) {
    case "BAD_REQUEST":
    case "NOT_FOUND":
    case "CONFLICT":
    case "FORBIDDEN":
    case "UNAUTHORIZED":
    case "TOO_MANY_REQUESTS":
    case "BAD_GATEWAY":
    case "PRECONDITION_FAILED":
    case "UNPROCESSABLE_CONTENT":
      return error instanceof Error ? error.message : UNEXPECTED;
    default:
      return UNEXPECTED;
  }
}
