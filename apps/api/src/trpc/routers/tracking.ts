import { DomainError } from "../../lib/errors";
import { publicTrackingSchema, trackPublicly } from "../../orders/public-tracking";
import { publicProcedure, router } from "../init";

export const trackingRouter = router({
  /** No login: tracking number + the contact on the order. Every attempt counts against the caller's IP. */
  public: publicProcedure.input(publicTrackingSchema).query(({ ctx, input }) => {
    const limiter = ctx.deps.limits.publicTracking;
    const now = ctx.deps.now().getTime();
    const verdict = limiter.check(ctx.clientIp, now);
    if (verdict.limited) {
      throw new DomainError("TOO_MANY_REQUESTS", "Too many lookups. Try again in a few minutes.", {
        retryAt: new Date(verdict.retryAt).toISOString(),
      });
    }
    limiter.hit(ctx.clientIp, now);
    return trackPublicly(ctx.deps.db, input);
  }),
});
