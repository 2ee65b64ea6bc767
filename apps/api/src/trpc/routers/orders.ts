import { z } from "zod";
import { placeOrder, placeOrderSchema } from "../../orders/place";
import { findVisibleOrder, getOrderDetail, listMyOrders } from "../../orders/queries";
import { checkOrderForUpdates } from "../../sync/manual-check";
import { customerProcedure, router } from "../init";
import { orderSubscriptions } from "./orders-live";

const orderIdInput = z.object({ orderId: z.string().min(1) });

export const ordersRouter = router({
  place: customerProcedure
    .input(placeOrderSchema)
    .mutation(({ ctx, input }) => placeOrder(ctx.deps, ctx.user.id, input)),

  my: customerProcedure
    .input(
      z.object({
        cursor: z.string().nullish(),
        limit: z.number().int().min(1).max(50).default(20),
      }),
    )
    .query(({ ctx, input }) => listMyOrders(ctx.deps.db, ctx.user.id, input)),

  byId: customerProcedure.input(orderIdInput).query(({ ctx, input }) => {
    const order = findVisibleOrder(ctx.deps.db, input.orderId, ctx.user);
    return getOrderDetail(ctx.deps.db, order);
  }),

  /** Asks the carrier now; the per-order cooldown is enforced by the domain function. */
  checkForUpdates: customerProcedure.input(orderIdInput).mutation(async ({ ctx, input }) => {
    const order = findVisibleOrder(ctx.deps.db, input.orderId, ctx.user);
    const result = await checkOrderForUpdates(ctx.deps, { orderId: order.id, now: ctx.deps.now() });
    return {
      updated: result.updated,
      changes: result.changes.length,
      nextAllowedAt: result.nextAllowedAt,
      order: getOrderDetail(ctx.deps.db, findVisibleOrder(ctx.deps.db, order.id, ctx.user)),
    };
  }),

  ...orderSubscriptions,
});
