import { z } from "zod";
import { adminEventFilterSchema, lastEventIdSchema, resumableInput } from "../../live/inputs";
import { streamAdminOrderEvents, streamStatsTicks, streamSyncProgress } from "../../live/streams";
import { adminProcedure } from "../init";

/** Spread into the admin router: `admin.onEvents`. */
export const adminLive = {
  /** Every order event, optionally filtered (order, event type, status, source). */
  onEvents: adminProcedure
    .input(
      z
        .object({ lastEventId: lastEventIdSchema, filter: adminEventFilterSchema.optional() })
        .optional(),
    )
    .subscription(({ ctx, input, signal }) =>
      streamAdminOrderEvents(ctx.deps, {
        lastEventId: input?.lastEventId ?? null,
        filter: input?.filter,
        connection: ctx.live ?? null,
        signal,
      }),
    ),
};

/** Spread into `admin.sync`: `admin.sync.onProgress`. */
export const syncProgress = {
  onProgress: adminProcedure.input(resumableInput).subscription(({ ctx, input, signal }) =>
    streamSyncProgress(ctx.deps, {
      lastEventId: input?.lastEventId ?? null,
      connection: ctx.live ?? null,
      signal,
    }),
  ),
};

/** Spread into `admin.stats`: `admin.stats.onChange`, at most 4 ticks a second; refetch the overview on each. */
export const statsLive = {
  onChange: adminProcedure.input(resumableInput).subscription(({ ctx, input, signal }) =>
    streamStatsTicks(ctx.deps, {
      lastEventId: input?.lastEventId ?? null,
      connection: ctx.live ?? null,
      signal,
    }),
  ),
};
