import { z } from "zod";
import { adminOrderListSchema, listOrdersForAdmin } from "../../orders/admin-list";
import {
  bulkUpdateStatusSchema,
  changeOrderStatuses,
  updateStatusSchema,
} from "../../orders/admin-status";
import { findVisibleOrder, getOrderDetail } from "../../orders/queries";
import { shipOrder, shipOrderSchema } from "../../orders/ship";
import { adminProcedure, router } from "../init";

export const adminOrdersRouter = router({
  list: adminProcedure
    .input(adminOrderListSchema)
    .query(({ ctx, input }) => listOrdersForAdmin(ctx.deps.db, input)),

  byId: adminProcedure.input(z.object({ orderId: z.string().min(1) })).query(({ ctx, input }) => {
    const order = findVisibleOrder(ctx.deps.db, input.orderId, ctx.user);
    return getOrderDetail(ctx.deps.db, order);
  }),

  ship: adminProcedure
    .input(shipOrderSchema)
    .mutation(({ ctx, input }) => shipOrder(ctx.deps, input)),

  updateStatus: adminProcedure.input(updateStatusSchema).mutation(({ ctx, input }) => {
    findVisibleOrder(ctx.deps.db, input.orderId, ctx.user);
    const summary = changeOrderStatuses(ctx.deps, {
      orderIds: [input.orderId],
      status: input.status,
      note: input.note,
      adminName: ctx.user.name,
    });
    return { outcome: summary.results[0]?.outcome ?? "not_found" };
  }),

  bulkUpdateStatus: adminProcedure.input(bulkUpdateStatusSchema).mutation(({ ctx, input }) =>
    changeOrderStatuses(ctx.deps, {
      orderIds: input.orderIds,
      status: input.status,
      note: input.note,
      adminName: ctx.user.name,
    }),
  ),
});
