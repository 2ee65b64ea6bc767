import { z } from "zod";
import {
  accountCreateSchema,
  accountUpdateSchema,
  createCarrierAccount,
  getCarrierAccount,
  listCarrierAccounts,
  setCarrierAccountActive,
  toPublicCarrierAccount,
  updateCarrierAccount,
  webhookUrlOf,
} from "../../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../../carrier-accounts/adapters";
import { recordCarrierSuccess } from "../../carrier-accounts/health";
import { DomainError } from "../../lib/errors";
import type { Context } from "../context";
import { adminProcedure, router } from "../init";

const idInput = z.object({ id: z.string().min(1) });

function present(ctx: Context, account: CarrierAccountRow) {
  return toPublicCarrierAccount(account, {
    publicUrl: ctx.deps.publicUrl,
    webhookSecret: ctx.deps.adapters.webhookSecretOf(account),
    now: ctx.deps.now(),
  });
}

export const adminCarriersRouter = router({
  list: adminProcedure.query(({ ctx }) =>
    listCarrierAccounts(ctx.deps.db).map((account) => present(ctx, account)),
  ),

  byId: adminProcedure
    .input(idInput)
    .query(({ ctx, input }) => present(ctx, getCarrierAccount(ctx.deps.db, input.id))),

  create: adminProcedure
    .input(accountCreateSchema)
    .mutation(({ ctx, input }) => present(ctx, createCarrierAccount(ctx.deps, input))),

  update: adminProcedure
    .input(accountUpdateSchema)
    .mutation(({ ctx, input }) => present(ctx, updateCarrierAccount(ctx.deps, input))),

  setActive: adminProcedure
    .input(idInput.extend({ active: z.boolean() }))
    .mutation(({ ctx, input }) =>
      present(ctx, setCarrierAccountActive(ctx.deps.db, { ...input, now: ctx.deps.now() })),
    ),

  /**
   * Calls the carrier with the stored credentials. A pass heals the account's health; a failure is only
   * reported: a test must not pause or disable an account that the scheduler is using.
   */
  test: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const account = getCarrierAccount(ctx.deps.db, input.id);
    const verdict = await ctx.deps.adapters.forAccount(account).testConnection();
    if (verdict.ok) recordCarrierSuccess(ctx.deps.db, account.id, ctx.deps.now());
    return verdict;
  }),

  /** Maystro only: registers our webhook URL through its API (the others are set in their panels). */
  registerWebhook: adminProcedure.input(idInput).mutation(async ({ ctx, input }) => {
    const account = getCarrierAccount(ctx.deps.db, input.id);
    const adapter = ctx.deps.adapters.forAccount(account);
    if (!adapter.registerWebhook) {
      throw new DomainError(
        "INVALID",
        `${account.carrier} webhooks are set up in the carrier's own panel: paste the URL shown here.`,
      );
    }
    const url = webhookUrlOf(
      ctx.deps.publicUrl,
      account.id,
      ctx.deps.adapters.webhookSecretOf(account),
    );
    const existing = (await adapter.listWebhooks?.()) ?? [];
    const already = existing.find((hook) => hook.url === url);
    if (already) return { id: already.id, url, created: false };
    const hook = await adapter.registerWebhook(url);
    return { id: hook.id, url, created: true };
  }),
});
