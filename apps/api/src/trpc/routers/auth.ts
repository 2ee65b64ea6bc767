import { TRPCError } from "@trpc/server";
import { createUser, getUserByEmail, normalizeEmail, toPublicUser } from "@waybill/db";
import { z } from "zod";
import { clearedSessionCookie, sessionCookie } from "../../auth/cookies";
import { closeSession, openSession } from "../../auth/sessions";
import { untilAborted } from "../../lib/abort";
import { decoyPasswordHash, hashPassword, verifyPassword } from "../../lib/crypto";
import type { Context } from "../context";
import { customerProcedure, publicProcedure, router } from "../init";

const emailSchema = z.email("Enter a valid e-mail address.").max(254);
const passwordSchema = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");

export const registerInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  name: z.string().trim().min(1, "Enter your name.").max(120),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, "Enter a valid phone number.")
    .optional()
    .or(z.literal("").transform(() => undefined)),
});

export const loginInput = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password.").max(200),
});

const INVALID_LOGIN = "Invalid email or password.";

function startSession(ctx: Context, userId: string) {
  const { deps } = ctx;
  const { token } = openSession(deps.db, userId, deps.now(), deps.sessionTtlMs);
  ctx.setCookie(
    sessionCookie(token, {
      maxAgeMs: deps.sessionTtlMs,
      secure: deps.publicUrl.startsWith("https:"),
    }),
  );
}

function refuseWhenLimited(ctx: Context, keys: Array<[keyof Context["deps"]["limits"], string]>) {
  const now = ctx.deps.now().getTime();
  for (const [limiter, key] of keys) {
    const verdict = ctx.deps.limits[limiter].check(key, now);
    if (verdict.limited) {
      const seconds = Math.ceil((verdict.retryAt - now) / 1000);
      throw new TRPCError({
        code: "TOO_MANY_REQUESTS",
        message: `Too many failed sign-in attempts. Try again in ${Math.ceil(seconds / 60)} min.`,
      });
    }
  }
}

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    if (getUserByEmail(ctx.deps.db, input.email)) {
      throw new TRPCError({
        code: "CONFLICT",
        message: "An account with this e-mail already exists. Sign in instead.",
      });
    }
    const passwordHash = await hashPassword(input.password);
    try {
      const user = createUser(ctx.deps.db, { ...input, passwordHash, role: "customer" });
      startSession(ctx, user.id);
      return { user: toPublicUser(user) };
    } catch (error) {
      // Two registrations racing for one e-mail: the unique index decides.
      if (String(error).includes("UNIQUE")) {
        throw new TRPCError({
          code: "CONFLICT",
          message: "An account with this e-mail already exists. Sign in instead.",
        });
      }
      throw error;
    }
  }),

  login: publicProcedure.input(loginInput).mutation(async ({ ctx, input }) => {
    const email = normalizeEmail(input.email);
    const ipAndEmail = `${ctx.clientIp}|${email}`;
    const keys: Array<[keyof Context["deps"]["limits"], string]> = [
      ["login", ipAndEmail],
      ["loginPerEmail", email],
    ];
    refuseWhenLimited(ctx, keys);
    const user = getUserByEmail(ctx.deps.db, email);
    // Unknown users cost a full scrypt too, so timing does not reveal which e-mails exist.
    const valid = await verifyPassword(
      input.password,
      user?.passwordHash ?? (await decoyPasswordHash()),
    );
    if (!user || !valid) {
      const now = ctx.deps.now().getTime();
      for (const [limiter, key] of keys) ctx.deps.limits[limiter].hit(key, now);
      throw new TRPCError({ code: "UNAUTHORIZED", message: INVALID_LOGIN });
    }
    ctx.deps.limits.login.reset(ipAndEmail);
    startSession(ctx, user.id);
    return { user: toPublicUser(user) };
  }),

  logout: customerProcedure.mutation(({ ctx }) => {
    if (ctx.sessionTokenHash) closeSession(ctx.deps.db, ctx.sessionTokenHash);
    ctx.setCookie(clearedSessionCookie(ctx.deps.publicUrl.startsWith("https:")));
    return { ok: true as const };
  }),

  me: publicProcedure.query(({ ctx }) => ({ user: ctx.user })),

  /** The identity the WebSocket connection carries (from the cookie on the upgrade request). */
  onSession: publicProcedure.subscription(async function* ({ ctx, signal }) {
    yield { user: ctx.user };
    await untilAborted(signal);
  }),
});
