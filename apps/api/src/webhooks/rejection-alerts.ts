import { schema, type Tx } from "@waybill/db";
import { and, count, eq, gt } from "drizzle-orm";
import { notifyAdmins } from "../notifications/notify";

const { carrierAccounts, webhookDeliveries } = schema;

/** A carrier panel with a stale secret, or someone probing the URL, shows up as a burst of refusals. */
export const REJECTION_BURST = { threshold: 20, windowMs: 10 * 60_000 } as const;

/**
 * Tells the admins once per 10-minute window when an account has collected the threshold of rejected
 * deliveries in the last 10 minutes. Runs in the transaction that recorded the rejection. Returns whether
 * a notification was created (the caller then wakes the live subscribers).
 */
export function alertOnRejectionBurst(tx: Tx, input: { accountId: string; now: Date }): boolean {
  const since = new Date(input.now.getTime() - REJECTION_BURST.windowMs);
  const rejected =
    tx
      .select({ n: count() })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.accountId, input.accountId),
          gt(webhookDeliveries.receivedAt, since),
          eq(webhookDeliveries.verdict, "rejected"),
        ),
      )
      .get()?.n ?? 0;
  if (rejected < REJECTION_BURST.threshold) return false;

  const account = tx
    .select({ name: carrierAccounts.name })
    .from(carrierAccounts)
    .where(eq(carrierAccounts.id, input.accountId))
    .get();
  const windowStart =
    Math.floor(input.now.getTime() / REJECTION_BURST.windowMs) * REJECTION_BURST.windowMs;
  const created = notifyAdmins(tx, {
    title: "Webhooks are being rejected",
    body:
      `${rejected} webhook deliveries to ${account?.name ?? "a carrier account"} were refused in the last ` +
      "10 minutes. Check that the carrier panel has the account's current webhook URL and secret, and " +
      "that the account is enabled.",
    dedupeKey: `webhooks-rejected:${input.accountId}:${windowStart}`,
    now: input.now,
  });
  return created > 0;
}
