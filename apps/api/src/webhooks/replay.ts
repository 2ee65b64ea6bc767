import { DomainError } from "../lib/errors";
import {
  findDelivery,
  insertDelivery,
  REPLAY_OF_HEADER,
  type StoredDelivery,
  storedHeadersOf,
  withWebhookSecret,
} from "./deliveries";
import {
  findAccount,
  processAuthenticated,
  REJECTION_REASONS,
  settleDelivery,
  UNREADABLE_BODY_PREFIX,
  type WebhookDeps,
  type WebhookOutcome,
} from "./ingest";

/** Replays of replays lead back to the first receipt in a few hops; the bound only guards a corrupt log. */
const MAX_REPLAY_HOPS = 50;

/**
 * Runs a stored delivery through the webhook path again (the account's adapter, match, the one apply path
 * with source "webhook") and returns the new verdict. The log stays append-only: the replay is a new row
 * whose headers say which delivery it replays. Idempotent: the apply path dedupes every scan, so a second
 * replay changes nothing.
 *
 * The path token is never stored, so a replay stands on the original's authentication: a delivery that was
 * rejected for its secret, or whose body was not kept, is refused.
 */
export function replayDelivery(deps: WebhookDeps, deliveryId: string): WebhookOutcome {
  const original = findDelivery(deps.db, deliveryId);
  if (!original) throw new DomainError("NOT_FOUND", "No such webhook delivery.");
  refuseUnreplayable(original);
  const account = original.accountId ? findAccount(deps.db, original.accountId) : undefined;
  if (!account) throw new DomainError("CONFLICT", "The delivery's carrier account is gone.");

  const storedHeaders = storedHeadersOf(original);
  const replayId = insertDelivery(deps.db, {
    accountId: account.id,
    headers: { ...storedHeaders, [REPLAY_OF_HEADER]: original.id },
    body: original.body,
    receivedAt: deps.now(),
  });

  return settleDelivery(deps, { deliveryId: replayId, accountId: account.id }, () => {
    return processAuthenticated(deps, {
      account,
      headers: withWebhookSecret(storedHeaders, deps.adapters.webhookSecretOf(account)),
      rawBody: original.body,
      receivedAt: firstReceiptOf(deps, original),
    });
  });
}

function refuseUnreplayable(delivery: StoredDelivery): void {
  if (delivery.verdict === "rejected" && delivery.error !== REJECTION_REASONS.accountDisabled) {
    throw new DomainError(
      "CONFLICT",
      "This delivery was rejected: it never proved it came from the carrier, so it cannot be replayed.",
    );
  }
  if (delivery.error?.startsWith(UNREADABLE_BODY_PREFIX)) {
    throw new DomainError(
      "CONFLICT",
      "This delivery's body was not kept as sent, so there is nothing to replay.",
    );
  }
}

/** Scans the carrier sent without a time are dated by when the carrier first sent them, not by the replay. */
function firstReceiptOf(deps: WebhookDeps, delivery: StoredDelivery): Date {
  let current = delivery;
  for (let hop = 0; hop < MAX_REPLAY_HOPS; hop++) {
    const replayOf = storedHeadersOf(current)[REPLAY_OF_HEADER];
    const previous = replayOf ? findDelivery(deps.db, replayOf) : undefined;
    if (!previous) break;
    current = previous;
  }
  return current.receivedAt;
}
