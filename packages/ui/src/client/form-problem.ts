import { isTRPCClientError } from "@trpc/client";

/** What a form shows after a failed call: a banner message and per-field messages. */
export type FormProblem = {
  message: string;
  fieldErrors: Partial<Record<string, string>>;
};

type ZodFlattened = { formErrors: string[]; fieldErrors: Record<string, string[] | undefined> };

const UNREACHABLE = "Can't reach Waybill right now. Check your connection and try again.";
const UNEXPECTED = "Something went wrong on our side. Please try again.";

function readZodError(data: unknown): ZodFlattened | null {
  if (typeof data !== "object" || data === null || !("zodError" in data)) return null;
  const zodError = data.zodError;
  if (typeof zodError !== "object" || zodError === null) return null;
  if (!("fieldErrors" in zodError) || !("formErrors" in zodError)) return null;
  return zodError as ZodFlattened;
}

/** The tRPC error code of a failed call, or undefined when the server never answered. */
export function errorCode(error: unknown): string | undefined {
  if (!isTRPCClientError(error)) return undefined;
  const data: unknown = error.data;
  return typeof data === "object" && data !== null && "code" in data
    ? String(data.code)
    : undefined;
}

/**
 * Turns an API error into what a form displays. It branches on `error.data.code` only: the
 * messages of the 4xx codes below are written for people by the server, the rest are not.
 */
export function readFormProblem(error: unknown): FormProblem {
  if (!isTRPCClientError(error)) return { message: UNEXPECTED, fieldErrors: {} };
  const data: unknown = error.data;
  // No code means no tRPC response at all: the network or a proxy failed.
  switch (errorCode(error)) {
    case "BAD_REQUEST": {
      const zod = readZodError(data);
      if (!zod) return { message: error.message, fieldErrors: {} };
      const fieldErrors: Partial<Record<string, string>> = {};
      for (const [field, messages] of Object.entries(zod.fieldErrors)) {
        if (messages?.[0]) fieldErrors[field] = messages[0];
      }
      return { message: zod.formErrors[0] ?? "Check the highlighted fields.", fieldErrors };
    }
    case "UNAUTHORIZED":
    case "FORBIDDEN":
    case "NOT_FOUND":
    case "CONFLICT":
    case "TOO_MANY_REQUESTS":
      return { message: error.message, fieldErrors: {} };
    case undefined:
      return { message: UNREACHABLE, fieldErrors: {} };
    default:
      return { message: UNEXPECTED, fieldErrors: {} };
  }
}
