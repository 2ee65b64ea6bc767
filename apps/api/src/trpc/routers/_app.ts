import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import { router } from "../init";
import { adminRouter } from "./admin";
import { authRouter } from "./auth";
import { catalogRouter } from "./catalog";
import { notificationsRouter } from "./notifications";
import { ordersRouter } from "./orders";
import { trackingRouter } from "./tracking";

export const appRouter = router({
  auth: authRouter,
  admin: adminRouter,
  catalog: catalogRouter,
  notifications: notificationsRouter,
  orders: ordersRouter,
  tracking: trackingRouter,
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
