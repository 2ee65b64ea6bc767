import { getStatsOverview } from "../../stats/overview";
import { adminProcedure, router } from "../init";
import { statsLive } from "./admin-live";

export const adminStatsRouter = router({
  overview: adminProcedure.query(({ ctx }) => getStatsOverview(ctx.deps.db, ctx.deps.now())),
  ...statsLive,
});
