import { getStatsOverview } from "../../stats/overview";
import { adminProcedure, router } from "../init";

export const adminStatsRouter = router({
  overview: adminProcedure.query(({ ctx }) => getStatsOverview(ctx.deps.db, ctx.deps.now())),
});
