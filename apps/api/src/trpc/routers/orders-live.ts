import { z } from "zod";
import { lastEventIdSchema, resumableInput } from "../../live/inputs";
import { streamMyOrderUpdates, streamOrderUpdates } from "../../live/streams";
import { customerProcedure } from "../init";

/** Spread into the orders router: `orders.onUpdate`, `orders.onMine`. */
export const orderSubscriptions = {
  /** One order's changes, for its owner or an admin (another customer's order: NOT_FOUND). */
  onUpdate: customerProcedure
    .input(z.object({ orderId: z.string().min(1).max(64), lastEventId: lastEventIdSchema }))
    .subscription(({ ctx, input, signal }) =>
      streamOrderUpdates(ctx.deps, ctx.user, {
        orderId: input.orderId,
        lastEventId: input.lastEventId,
        connection: ctx.live ?? null,
        signal,
      }),
    ),

  /** Every change to the caller's own orders (the orders list's live badges). */
  onMine: customerProcedure.input(resumableInput).subscription(({ ctx, input, signal }) =>
    streamMyOrderUpdates(ctx.deps, ctx.user, {
      lastEventId: input?.lastEventId ?? null,
      connection: ctx.live ?? null,
      signal,
    }),
  ),
};
