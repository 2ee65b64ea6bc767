import { z } from "zod";
import { getSyncRun, listSyncRuns, syncRunsInputSchema } from "../../sync/runs";
import { adminProcedure, router } from "../init";
import { syncProgress } from "./admin-live";

export const adminSyncRouter = router({
  /** Starts a sync of one account (or all active ones); returns the run rows at once, runs continue. */
  runNow: adminProcedure
    .input(z.object({ accountId: z.string().min(1).optional() }))
    .mutation(({ ctx, input }) =>
      ctx.deps.sync.runNow({
        ...(input.accountId !== undefined ? { accountId: input.accountId } : {}),
        trigger: "admin",
      }),
    ),

  /** History, newest first, with cursor pagination. */
  runs: adminProcedure
    .input(syncRunsInputSchema)
    .query(({ ctx, input }) => listSyncRuns(ctx.deps.db, input)),

  /** One run with its error list. */
  byId: adminProcedure
    .input(z.object({ id: z.string().min(1) }))
    .query(({ ctx, input }) => getSyncRun(ctx.deps.db, input.id)),

  ...syncProgress,
});
