import { schema } from "@waybill/db";
import { z } from "zod";
import { getOutboxMail, listOutbox, retryOutboxMail } from "../../mail/outbox-admin";
import { adminProcedure, router } from "../init";

/** Decoded (and refused when not ours) by the list itself. */
const cursorSchema = z.string().max(100);

const idInput = z.object({ id: z.string().min(1).max(64) });

export const adminOutboxRouter = router({
  /** `smtpConfigured: false` means e-mails are only kept here for preview. */
  list: adminProcedure
    .input(
      z
        .object({
          state: z.enum(schema.OUTBOX_STATES).optional(),
          cursor: cursorSchema.nullish(),
          limit: z.number().int().min(1).max(100).default(50),
        })
        .default({ limit: 50 }),
    )
    .query(({ ctx, input }) => ({
      ...listOutbox(ctx.deps.db, input),
      smtpConfigured: ctx.deps.mail !== undefined,
    })),

  /** The preview: subject, text and HTML bodies, delivery state. */
  byId: adminProcedure
    .input(idInput)
    .query(({ ctx, input }) => getOutboxMail(ctx.deps.db, input.id)),

  /** failed → pending with a fresh set of attempts. */
  retry: adminProcedure
    .input(idInput)
    .mutation(({ ctx, input }) => retryOutboxMail(ctx.deps.db, input.id, ctx.deps.now())),
});
