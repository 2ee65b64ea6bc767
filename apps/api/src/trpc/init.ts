import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError, z } from "zod";
import type { Context } from "./context";

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    return {
      ...shape,
      data: {
        ...shape.data,
        // Field-level messages for forms; the SPAs branch on `code`, never on message text.
        zodError: error.cause instanceof ZodError ? z.flattenError(error.cause) : null,
      },
    };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Only callers from the shop itself reach this: unexpected errors are logged, expected 4xx are not. */
const logUnexpectedErrors = t.middleware(async function logUnexpectedErrors({
  ctx,
  next,
  path,
  type,
}) {
  const result = await next();
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
