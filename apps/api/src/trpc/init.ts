import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { initTRPC, TRPCError } from "@trpc/server";
import { CarrierError, type CarrierErrorCode } from "@waybill/carriers";
import { ZodError, z } from "zod";
import { DomainError, type DomainErrorCode } from "../lib/errors";
import type { Context } from "./context";

const DOMAIN_TO_TRPC: Record<DomainErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  TOO_MANY_REQUESTS: "TOO_MANY_REQUESTS",
  FORBIDDEN: "FORBIDDEN",
};

/** A carrier's answer is never our server's fault: the admin sees the carrier's words with a fitting code. */
const CARRIER_TO_TRPC: Record<CarrierErrorCode, TRPC_ERROR_CODE_KEY> = {
  AUTH_FAILED: "PRECONDITION_FAILED",
  NOT_FOUND: "NOT_FOUND",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
  UNAVAILABLE: "BAD_GATEWAY",
  INVALID_RESPONSE: "BAD_GATEWAY",
  REJECTED: "UNPROCESSABLE_CONTENT",
};

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-level messages for forms; the SPAs branch on `code`, never on message text.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
        details: error.cause instanceof DomainError ? (error.cause.details ?? null) : null,
        carrierError:
          error.cause instanceof CarrierError
            ? { code: error.cause.code, carrier: error.cause.carrier ?? null }
            : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** The one place domain and carrier errors become tRPC errors. */
function toTrpcError(error: TRPCError): TRPCError {
  const cause = error.cause;
  if (cause instanceof DomainError) {
    return new TRPCError({ code: DOMAIN_TO_TRPC[cause.code], message: cause.message, cause });
  }
  if (cause instanceof CarrierError) {
    return new TRPCError({ code: CARRIER_TO_TRPC[cause.code], message: cause.message, cause });
  }
  if (cause instanceof ZodError && error.code === "INTERNAL_SERVER_ERROR") {
    return new TRPCError({ code: "BAD_REQUEST", message: z.prettifyError(cause), cause });
  }
  return error;
}

/** Only callers from the shop itself reach this: unexpected errors are logged, expected 4xx are not. */
const logUnexpectedErrors = t.middleware(async function logUnexpectedErrors({
  ctx,
  next,
  path,
  type,
}) {
  const result = await next();
  if (!result.ok) {
    const mapped = toTrpcError(result.error);
    if (mapped !== result.error) throw mapped;
  }
  if (!result.ok && result.error.code === "INTERNAL_SERVER_ERROR") {
    ctx.deps.logger.error("procedure failed", {
      path,
      type,
      error: String(result.error.cause ?? result.error),
    });
  }
  return result;
});

export const publicProcedure = t.procedure.use(logUnexpectedErrors);

/** Any signed-in user; narrows `ctx.user` to non-null. */
export const customerProcedure = publicProcedure.use(function requireUser({ ctx, next }) {
  if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in." });
  return next({ ctx: { ...ctx, user: ctx.user } });
});

export const adminProcedure = customerProcedure.use(function requireAdmin({ ctx, next }) {
  if (ctx.user.role !== "admin") {
    throw new TRPCError({ code: "FORBIDDEN", message: "This needs a shop admin account." });
  }
  return next({ ctx });
});
