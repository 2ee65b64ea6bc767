import { createId, type Db, schema, type Tx } from "@waybill/db";
import { eq, sql } from "drizzle-orm";
import { preparedQuery, setPlaceholder } from "../lib/prepared";

const { webhookDeliveries } = schema;

export type WebhookVerdict = schema.WebhookVerdict;
export type WebhookHeaders = Record<string, string | undefined>;

/** Headers that carry credentials: kept as evidence that they were sent, never with their value. */
const SECRET_HEADERS = new Set(["x-api-key", "authorization", "proxy-authorization", "cookie"]);
export const MASKED_VALUE = "***";

/** Marks a row written by an admin replay; set by us only, so an inbound copy of it is not kept. */
export const REPLAY_OF_HEADER = "x-waybill-replay-of";

/** The headers as stored: names lower-cased, secrets masked, our own replay marker dropped. */
export function maskHeaders(headers: WebhookHeaders): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [rawName, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const name = rawName.toLowerCase();
    if (name === REPLAY_OF_HEADER) continue;
    kept[name] = SECRET_HEADERS.has(name) ? MASKED_VALUE : value;
  }
  return kept;
}

/**
 * Stored headers with the masked secret given back, for the adapter's own check when a stored delivery is
 * parsed again (a replay, a recovery): the delivery proved the secret when it arrived.
 */
export function withWebhookSecret(
  storedHeaders: Record<string, string>,
  secret: string,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(storedHeaders).map(([name, value]) => [
      name,
      value === MASKED_VALUE && name === "x-api-key" ? secret : value,
    ]),
  );
}

// Prepared once per database: every webhook writes both.
const insertStatement = preparedQuery((db) =>
  db
    .insert(webhookDeliveries)
    .values({
      id: sql.placeholder("id"),
      accountId: sql.placeholder("accountId"),
      receivedAt: sql.placeholder("receivedAt"),
      headers: sql.placeholder("headers"),
      body: sql.placeholder("body"),
      verdict: "received",
    })
    .prepare(),
);
const verdictStatement = preparedQuery((db) =>
  db
    .update(webhookDeliveries)
    .set({
      verdict: setPlaceholder("verdict"),
      error: setPlaceholder("error"),
      processedAt: setPlaceholder("processedAt"),
    })
    .where(eq(webhookDeliveries.id, sql.placeholder("id")))
    .prepare(),
);

export function insertDelivery(
  db: Db,
  input: {
    accountId: string | null;
    headers: Record<string, string>;
    body: string;
    receivedAt: Date;
  },
): string {
  const id = createId();
  insertStatement(db).run({
    id,
    accountId: input.accountId,
    receivedAt: input.receivedAt,
    headers: JSON.stringify(input.headers),
    body: input.body,
  });
  return id;
}

export function recordVerdict(
  db: Db | Tx,
  input: { id: string; verdict: WebhookVerdict; error: string | null; processedAt: Date },
): void {
  verdictStatement(db).run({
    id: input.id,
    verdict: input.verdict,
    error: input.error,
    processedAt: input.processedAt.getTime(),
  });
}

export type StoredDelivery = typeof webhookDeliveries.$inferSelect;

export function findDelivery(db: Db, id: string): StoredDelivery | undefined {
  return db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id)).get();
}

/** The stored headers object (already masked when it was written). */
export function storedHeadersOf(delivery: Pick<StoredDelivery, "headers">): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(delivery.headers);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => {
        return typeof entry[1] === "string";
      }),
    );
  } catch {
    return {};
  }
}
