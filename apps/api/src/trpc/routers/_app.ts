import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../init";
import { adminRouter } from "./admin";
import { authRouter } from "./auth";

export const appRouter = router({
  auth: authRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
