import { schema } from "@waybill/db";
import { z } from "zod";
import { resumableInput } from "../../live/inputs";
import { streamMyNotifications } from "../../live/streams";
import {
  countUnreadNotifications,
  listNotifications,
  markAllNotificationsRead,
  markNotificationsRead,
} from "../../notifications/center";
import { customerProcedure, router } from "../init";

/** Decoded (and refused when not ours) by the list itself. */
const cursorSchema = z.string().max(100);

export const notificationsRouter = router({
  /** Newest first; `category` narrows to order updates, delivery or account notices. */
  list: customerProcedure
    .input(
      z
        .object({
          cursor: cursorSchema.nullish(),
          limit: z.number().int().min(1).max(100).default(20),
          category: z.enum(schema.NOTIFICATION_CATEGORIES).optional(),
        })
        .default({ limit: 20 }),
    )
    .query(({ ctx, input }) =>
      listNotifications(ctx.deps.db, ctx.user.id, {
        cursor: input.cursor,
        limit: input.limit,
        category: input.category,
      }),
    ),

  unreadCount: customerProcedure.query(({ ctx }) => ({
    count: countUnreadNotifications(ctx.deps.db, ctx.user.id),
  })),

  markRead: customerProcedure
    .input(z.object({ ids: z.array(z.string().min(1).max(64)).min(1).max(200) }))
    .mutation(({ ctx, input }) => ({
      updated: markNotificationsRead(ctx.deps.db, ctx.user.id, input.ids, ctx.deps.now()),
    })),

  markAllRead: customerProcedure.mutation(({ ctx }) => ({
    updated: markAllNotificationsRead(ctx.deps.db, ctx.user.id, ctx.deps.now()),
  })),

  /** The caller's new notifications, live, resumable with the last event id. */
  onNew: customerProcedure.input(resumableInput).subscription(({ ctx, input, signal }) =>
    streamMyNotifications(ctx.deps, ctx.user, {
      lastEventId: input?.lastEventId ?? null,
      connection: ctx.live ?? null,
      signal,
    }),
  ),
});
