import type { CarrierUpdate } from "@waybill/carriers";
import { type Db, schema } from "@waybill/db";
import { DrizzleQueryError, eq, sql } from "drizzle-orm";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import type { AppDeps } from "../deps";
import { safeEqual } from "../lib/crypto";
import { preparedQuery } from "../lib/prepared";
import { applyEachCarrierUpdate, type ShipmentUpdate } from "../tracking/apply-updates";
import { matchUpdatesToShipments } from "../tracking/match";
import type { QueuedDelivery } from "./applier";
import {
  insertDelivery,
  maskHeaders,
  recordVerdict,
  type WebhookHeaders,
  type WebhookVerdict,
} from "./deliveries";
import { alertOnRejectionBurst } from "./rejection-alerts";

export type WebhookDeps = Pick<
  AppDeps,
  "db" | "logger" | "adapters" | "bus" | "now" | "publicUrl" | "webhooks"
>;

export type WebhookHttpStatus = 200 | 400 | 401 | 413 | 500;

export type WebhookOutcome = {
  status: WebhookHttpStatus;
  verdict: WebhookVerdict;
  /** Safe to show the caller: never says which part of the authentication failed. */
  message: string;
  /** Null only when the delivery could not even be stored. */
  deliveryId: string | null;
};

/** A body the transport could not hand over as text (too big, not UTF-8): logged, then refused. */
export type UnreadableBody = { status: 400 | 413; reason: string };

export type IncomingWebhook = {
  accountId: string;
  token: string;
  headers: WebhookHeaders;
  rawBody: string;
  unreadableBody?: UnreadableBody;
};

/**
 * Why a delivery was rejected, as stored for the admins (the caller only ever hears "Unauthorized").
 * A disabled account's delivery did present the secret: it is the one rejection an admin may replay.
 */
export const REJECTION_REASONS = {
  unknownAccount: "No carrier account has this id.",
  badToken: "The path token is not this account's webhook secret.",
  unreadableSecret:
    "The account's webhook secret could not be decrypted (was APP_SECRET changed?): rotate it and update the carrier panel.",
  accountDisabled:
    "The account is disabled. The webhook secret matched, so the delivery can be replayed once the account is enabled again.",
} as const;

/** Stored errors of deliveries whose body was not kept as sent: there is nothing to replay. */
export const UNREADABLE_BODY_PREFIX = "Body not kept: ";

const UNAUTHORIZED_MESSAGE = "Unauthorized";

export type DeliveryVerdict = {
  status: WebhookHttpStatus;
  verdict: WebhookVerdict;
  message: string;
  /** Stored for the admins; never sent back. */
  error: string | null;
};

const rejected = (error: string): DeliveryVerdict => ({
  status: 401,
  verdict: "rejected",
  message: UNAUTHORIZED_MESSAGE,
  error,
});

/** How much of a delivery to an account id we do not know is kept. */
export const UNKNOWN_ACCOUNT_BODY_CHARS = 2_048;

/**
 * Receives one carrier webhook: the raw delivery is stored first (secrets masked), then authenticated by the
 * path token (and the adapter's own check, e.g. Shiprocket's x-api-key) and parsed. A delivery with updates
 * is answered as soon as that is stored: `deps.webhooks` matches and applies it behind the reply, through the
 * one apply path, and records its verdict. Synchronous: every step is a SQLite call or pure parsing.
 *
 * Answers: 401 rejected (unknown account and bad token alike), 400/413 failed for a body we cannot use,
 * 200 received (queued) or accepted (a ping) otherwise. A 500 only when the database itself fails, so that the
 * carrier may retry; any other unexpected error is stored as "failed" for an admin to replay.
 */
export function receiveWebhook(deps: WebhookDeps, incoming: IncomingWebhook): WebhookOutcome {
  const { outcome, queued } = receiveOne(deps, incoming);
  if (queued) deps.webhooks.enqueue([queued]);
  return outcome;
}

function receiveOne(
  deps: WebhookDeps,
  incoming: IncomingWebhook,
  accountOf: (accountId: string) => CarrierAccountRow | undefined = (accountId) =>
    findAccount(deps.db, accountId),
): { outcome: WebhookOutcome; queued: QueuedDelivery | null } {
  const receivedAt = deps.now();
  let account: CarrierAccountRow | undefined;
  let deliveryId: string;
  try {
    account = accountOf(incoming.accountId);
    deliveryId = insertDelivery(deps.db, {
      accountId: account?.id ?? null,
      headers: maskHeaders(incoming.headers),
      // Evidence, not a payload anyone will replay: a stranger cannot fill the disk 256 KB at a time.
      body: account ? incoming.rawBody : incoming.rawBody.slice(0, UNKNOWN_ACCOUNT_BODY_CHARS),
      receivedAt,
    });
  } catch (error) {
    deps.logger.error("webhook delivery could not be stored", { error: describeError(error) });
    return {
      outcome: {
        status: 500,
        verdict: "failed",
        message: "The delivery could not be stored; please retry.",
        deliveryId: null,
      },
      queued: null,
    };
  }

  let queued: QueuedDelivery | null = null;
  const outcome = settleDelivery(deps, { deliveryId, accountId: account?.id ?? null }, () => {
    if (!account) return rejected(REJECTION_REASONS.unknownAccount);
    const secret = readWebhookSecret(deps, account);
    if (secret === null) return rejected(REJECTION_REASONS.unreadableSecret);
    if (!safeEqual(incoming.token, secret)) return rejected(REJECTION_REASONS.badToken);
    const parsed = authenticateAndParse(deps, {
      account,
      headers: incoming.headers,
      rawBody: incoming.rawBody,
      receivedAt,
      unreadableBody: incoming.unreadableBody,
    });
    if ("verdict" in parsed) return parsed.verdict;
    queued = { deliveryId, accountId: account.id, updates: parsed.updates };
    return RECEIVED;
  });
  // Size and encoding are refused before authentication, as at any proxy: the answer names the body
  // problem, while the stored verdict still says whether the secret matched.
  const { unreadableBody } = incoming;
  if (unreadableBody && outcome.status !== 500) {
    return {
      outcome: { ...outcome, status: unreadableBody.status, message: unreadableBody.reason },
      queued: null,
    };
  }
  return { outcome, queued: outcome.verdict === "received" ? queued : null };
}

/** The answer to a stored, authenticated delivery with updates: they are applied behind the reply. */
const RECEIVED: DeliveryVerdict = {
  status: 200,
  verdict: "received",
  message: "Stored; it is applied in a moment.",
  error: null,
};

/** Deliveries received in one transaction at most; a larger burst is split. */
export const WEBHOOK_BATCH_MAX = 64;

/**
 * Receives deliveries that arrived together (the same turn of the event loop) in one transaction, each
 * exactly as `receiveWebhook` would alone (its own verdict, its work in a savepoint), so that a burst pays
 * for one commit. Nothing of a batch is answered before it commits; if the commit fails, every delivery of
 * it is answered 500 and the carrier retries (applying is idempotent).
 */
export function receiveWebhookBatch(
  deps: WebhookDeps,
  batch: readonly IncomingWebhook[],
): WebhookOutcome[] {
  if (batch.length === 1) return [receiveWebhook(deps, batch[0] as IncomingWebhook)];
  const outcomes: WebhookOutcome[] = [];
  for (let start = 0; start < batch.length; start += WEBHOOK_BATCH_MAX) {
    const part = batch.slice(start, start + WEBHOOK_BATCH_MAX);
    try {
      const received = deps.db.transaction(() => {
        // A burst comes from a few accounts: each row is read once per transaction, not per delivery.
        const accounts = new Map<string, CarrierAccountRow | undefined>();
        const accountOf = (accountId: string) => {
          if (!accounts.has(accountId)) accounts.set(accountId, findAccount(deps.db, accountId));
          return accounts.get(accountId);
        };
        return part.map((incoming) => receiveOne(deps, incoming, accountOf));
      });
      // Only once committed: the applier must never see a delivery that a rollback took back.
      deps.webhooks.enqueue(received.flatMap(({ queued }) => (queued ? [queued] : [])));
      outcomes.push(...received.map(({ outcome }) => outcome));
    } catch (error) {
      deps.logger.error("a batch of webhook deliveries could not be committed", {
        deliveries: part.length,
        error: describeError(error),
      });
      for (const _ of part) {
        outcomes.push({
          status: 500,
          verdict: "failed",
          message: "The delivery could not be stored; please retry.",
          deliveryId: null,
        });
      }
    }
  }
  return outcomes;
}

type AuthenticatedDelivery = {
  account: CarrierAccountRow;
  headers: WebhookHeaders;
  rawBody: string;
  receivedAt: Date;
  unreadableBody?: UnreadableBody | undefined;
};

/** A final verdict, or the updates a delivery carries (scans without a carrier time dated by its receipt). */
export type ParsedDelivery = { verdict: DeliveryVerdict } | { updates: CarrierUpdate[] };

/**
 * The path after the path token has been checked (or, for a replay or a recovery, after the original
 * delivery proved it): account state, body, the adapter's parse and authentication.
 */
export function authenticateAndParse(
  deps: WebhookDeps,
  input: AuthenticatedDelivery,
): ParsedDelivery {
  const { account } = input;
  // Before the account state: a body that was not kept must never become a replayable rejection.
  if (input.unreadableBody) {
    const { status, reason } = input.unreadableBody;
    return {
      verdict: {
        status,
        verdict: "failed",
        message: reason,
        error: `${UNREADABLE_BODY_PREFIX}${reason}`,
      },
    };
  }
  if (!account.active) return { verdict: rejected(REJECTION_REASONS.accountDisabled) };

  const parsed = deps.adapters.forAccount(account).parseWebhook(input.headers, input.rawBody);
  if (!parsed.ok) {
    if (parsed.reason === "UNAUTHORIZED") return { verdict: rejected(parsed.message) };
    return {
      verdict: { status: 400, verdict: "failed", message: parsed.message, error: parsed.message },
    };
  }
  if (parsed.kind === "ping") {
    return {
      verdict: { status: 200, verdict: "accepted", message: "Ping received.", error: null },
    };
  }
  return { updates: parsed.updates.map((update) => stampReceivedScans(update, input.receivedAt)) };
}

/** Parses, matches and applies a delivery at once, in the caller's turn: an admin's replay waits for it. */
export function processAuthenticated(
  deps: WebhookDeps,
  input: AuthenticatedDelivery,
): DeliveryVerdict {
  const parsed = authenticateAndParse(deps, input);
  if ("verdict" in parsed) return parsed.verdict;
  const { verdicts, changed } = applyDeliveryUpdates(deps, [
    { accountId: input.account.id, updates: parsed.updates },
  ]);
  if (changed) deps.bus.wake();
  return verdicts[0] as DeliveryVerdict;
}

/**
 * Matches the updates of deliveries to our shipments and applies them through the one apply path, in one
 * transaction (the caller's, if it has one), and says each delivery's verdict: an admin's replay passes
 * one delivery, the applier a batch. The caller records the verdicts and wakes the live subscribers.
 */
export function applyDeliveryUpdates(
  deps: WebhookDeps,
  deliveries: ReadonlyArray<{ accountId: string; updates: CarrierUpdate[] }>,
): { verdicts: DeliveryVerdict[]; changed: boolean } {
  const items: ShipmentUpdate[] = [];
  /** For each item, the delivery (index in `deliveries`) it came from. */
  const sourceOf: number[] = [];
  const counts = deliveries.map((delivery, index) => {
    const { matched, unmatched } = matchUpdatesToShipments(
      deps.db,
      delivery.accountId,
      delivery.updates,
    );
    for (const item of matched) {
      items.push(item);
      sourceOf.push(index);
    }
    return { matched: matched.length, unmatched: unmatched.length, changed: 0 };
  });
  const results = applyEachCarrierUpdate(deps.db, items, {
    source: "webhook",
    now: deps.now(),
    publicUrl: deps.publicUrl,
  });
  results.forEach((result, i) => {
    if (result) (counts[sourceOf[i] as number] as { changed: number }).changed += 1;
  });
  return {
    verdicts: counts.map(appliedVerdict),
    changed: results.some((result) => result !== null),
  };
}

/** The verdict of a delivery's applied updates, from how many matched a shipment and how many changed one. */
function appliedVerdict(counts: {
  matched: number;
  unmatched: number;
  changed: number;
}): DeliveryVerdict {
  if (counts.matched === 0) {
    // Shiprocket's webhook is account-wide: shipments booked outside Waybill arrive here too.
    return {
      status: 200,
      verdict: "unmatched",
      message: "No shipment of this account matches; ignored.",
      error: null,
    };
  }
  if (counts.changed === 0) {
    return { status: 200, verdict: "duplicate", message: "Already known.", error: null };
  }
  const ignored = counts.unmatched > 0 ? ` ${counts.unmatched} update(s) matched nothing.` : "";
  return {
    status: 200,
    verdict: "accepted",
    message: `Applied to ${counts.changed} shipment(s).${ignored}`,
    error: null,
  };
}

/**
 * Runs the processing of a stored delivery and records its verdict. Never throws: a database failure is a
 * 500 (the carrier may retry, and applying is idempotent); any other error is stored as "failed".
 */
export function settleDelivery(
  deps: WebhookDeps,
  delivery: { deliveryId: string; accountId: string | null },
  process: () => DeliveryVerdict,
): WebhookOutcome {
  let verdict: DeliveryVerdict;
  try {
    verdict = process();
  } catch (error) {
    if (isDatabaseFailure(deps.db, error)) return databaseFailed(deps, delivery.deliveryId, error);
    deps.logger.error("webhook delivery could not be applied", {
      deliveryId: delivery.deliveryId,
      error: describeError(error),
    });
    verdict = {
      status: 200,
      verdict: "failed",
      message: "Stored, but it could not be applied; an admin can replay it.",
      error: describeError(error),
    };
  }

  let alerted = false;
  try {
    const processedAt = deps.now();
    const record = {
      id: delivery.deliveryId,
      verdict: verdict.verdict,
      error: verdict.error,
      processedAt,
    };
    const { accountId } = delivery;
    if (verdict.verdict === "received") {
      // Stored that way: the applier records the verdict.
    } else if (verdict.verdict === "rejected" && accountId !== null) {
      alerted = deps.db.transaction((tx) => {
        recordVerdict(tx, record);
        return alertOnRejectionBurst(tx, { accountId, now: processedAt });
      });
    } else {
      // One statement commits on its own: the common case pays for no transaction.
      recordVerdict(deps.db, record);
    }
  } catch (error) {
    return databaseFailed(deps, delivery.deliveryId, error);
  }
  if (alerted) deps.bus.wake();
  if (verdict.status === 400 || verdict.status === 401 || verdict.status === 413) {
    // Expected refusals, not bugs; a flood of them reaches the admins as one notification instead.
    deps.logger.info("webhook delivery refused", {
      deliveryId: delivery.deliveryId,
      accountId: delivery.accountId,
      verdict: verdict.verdict,
      reason: verdict.error,
    });
  }
  return {
    status: verdict.status,
    verdict: verdict.verdict,
    message: verdict.message,
    deliveryId: delivery.deliveryId,
  };
}

function databaseFailed(deps: WebhookDeps, deliveryId: string, error: unknown): WebhookOutcome {
  deps.logger.error("webhook delivery failed in the database", {
    deliveryId,
    error: describeError(error),
  });
  return {
    status: 500,
    verdict: "failed",
    message: "The delivery could not be processed; please retry.",
    deliveryId,
  };
}

/** Null when the sealed secret does not open: the delivery cannot be authenticated, so it is rejected. */
function readWebhookSecret(deps: WebhookDeps, account: CarrierAccountRow): string | null {
  try {
    return deps.adapters.webhookSecretOf(account);
  } catch {
    return null;
  }
}

const accountStatement = preparedQuery((db) =>
  db
    .select()
    .from(schema.carrierAccounts)
    .where(eq(schema.carrierAccounts.id, sql.placeholder("accountId")))
    .prepare(),
);

export function findAccount(db: Db, accountId: string): CarrierAccountRow | undefined {
  return accountStatement(db).get({ accountId });
}

/**
 * A scan without a carrier time (Maystro's webhook) is dated by the delivery's receipt, not by when the
 * adapter happened to parse it: a replay then reproduces the same scan, which the apply path dedupes.
 */
function stampReceivedScans(update: CarrierUpdate, receivedAt: Date): CarrierUpdate {
  if (!update.scans.some((scan) => scan.timeSource === "received")) return update;
  return {
    ...update,
    scans: update.scans.map((scan) =>
      scan.timeSource === "received" ? { ...scan, occurredAt: receivedAt } : scan,
    ),
  };
}

/**
 * Whether the database itself failed (closed, locked, full, read-only, an I/O error): worth a retry.
 * A constraint or type error is not: the same data would fail again, so it is the delivery's failure.
 */
export function isDatabaseFailure(db: Db, error: unknown): boolean {
  if (!db.$client.open) return true;
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current.name === "SqliteError") {
      const code = String((current as Error & { code?: unknown }).code ?? "");
      return !DATA_ERROR_CODES.some((prefix) => code.startsWith(prefix));
    }
    if (current instanceof DrizzleQueryError && !(current.cause instanceof Error)) return true;
  }
  return false;
}

const DATA_ERROR_CODES = ["SQLITE_CONSTRAINT", "SQLITE_MISMATCH", "SQLITE_TOOBIG", "SQLITE_RANGE"];

export function describeError(error: unknown): string {
  // A failed query's own message repeats the SQL and its parameters (the whole body): its cause is enough.
  const cause = error instanceof DrizzleQueryError ? error.cause : error;
  return cause instanceof Error ? cause.message : String(cause);
}
