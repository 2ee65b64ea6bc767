import { z } from "zod";
import {
  listOverrides,
  overrideKeySchema,
  removeOverride,
  setOverride,
  setOverrideSchema,
} from "../../status-mapping/overrides";
import { reapplyOverride } from "../../status-mapping/reapply";
import { exampleTimeline, listUnmappedStatuses } from "../../status-mapping/unmapped";
import { adminProcedure, router } from "../init";

export const adminUnmappedRouter = router({
  /** Raw codes no table knew, newest first, with their override if one is set. */
  list: adminProcedure
    .input(
      z.object({
        cursor: z.string().nullish(),
        limit: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(({ ctx, input }) => listUnmappedStatuses(ctx.deps.db, input)),

  example: adminProcedure
    .input(z.object({ id: z.string().min(1) }))
    .query(({ ctx, input }) => exampleTimeline(ctx.deps.db, input.id)),

  overrides: adminProcedure.query(({ ctx }) => listOverrides(ctx.deps.db)),

  /** Applies to every later scan at once; `reapply` also moves the shipments already holding the code. */
  setOverride: adminProcedure
    .input(setOverrideSchema.extend({ reapply: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => {
      const override = setOverride(ctx.deps.db, { ...input, admin: ctx.user, now: ctx.deps.now() });
      const reapplied = input.reapply ? reapplyOverride(ctx.deps, input) : null;
      return { override, reapplied };
    }),

  reapply: adminProcedure
    .input(overrideKeySchema)
    .mutation(({ ctx, input }) => reapplyOverride(ctx.deps, input)),

  removeOverride: adminProcedure.input(overrideKeySchema).mutation(({ ctx, input }) => {
    removeOverride(ctx.deps.db, input);
    return { removed: true };
  }),
});
