import {
  deliveriesInputSchema,
  deliveryIdInputSchema,
  getDelivery,
  listDeliveries,
} from "../../webhooks/log";
import { replayDelivery } from "../../webhooks/replay";
import { adminProcedure, router } from "../init";

/** The webhook delivery log: what carriers sent, what we made of it, and replay. */
export const adminWebhooksRouter = router({
  deliveries: adminProcedure
    .input(deliveriesInputSchema)
    .query(({ ctx, input }) => listDeliveries(ctx.deps.db, input)),
  byId: adminProcedure
    .input(deliveryIdInputSchema)
    .query(({ ctx, input }) => getDelivery(ctx.deps.db, input.id)),
  replay: adminProcedure
    .input(deliveryIdInputSchema)
    .mutation(({ ctx, input }) => replayDelivery(ctx.deps, input.id)),
});
