import { type Db, schema } from "@waybill/db";
import { and, desc, eq, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { afterCursor, encodeCursor } from "../lib/cursor";
import { DomainError } from "../lib/errors";
import { REPLAY_OF_HEADER, storedHeadersOf } from "./deliveries";

const { carrierAccounts, webhookDeliveries } = schema;

export const DELIVERIES_PAGE_MAX = 100;

export const deliveriesInputSchema = z.object({
  accountId: z.string().min(1).optional(),
  verdict: z.enum(schema.WEBHOOK_VERDICTS).optional(),
  cursor: z.string().min(1).nullish(),
  limit: z.number().int().min(1).max(DELIVERIES_PAGE_MAX).default(50),
});
export type DeliveriesInput = z.input<typeof deliveriesInputSchema>;

export const deliveryIdInputSchema = z.object({ id: z.string().min(1) });

const summaryColumns = {
  id: webhookDeliveries.id,
  accountId: webhookDeliveries.accountId,
  accountName: carrierAccounts.name,
  carrier: carrierAccounts.carrier,
  receivedAt: webhookDeliveries.receivedAt,
  processedAt: webhookDeliveries.processedAt,
  verdict: webhookDeliveries.verdict,
  error: webhookDeliveries.error,
  headers: webhookDeliveries.headers,
  bodyBytes: sql<number>`length(cast(${webhookDeliveries.body} as blob))`,
};

function toSummary<Row extends { headers: string }>({ headers, ...row }: Row) {
  return { ...row, replayOf: storedHeadersOf({ headers })[REPLAY_OF_HEADER] ?? null };
}

/** Newest first; the cursor is the last item's receipt time and id, so new arrivals never shift a page. */
export function listDeliveries(db: Db, input: DeliveriesInput) {
  const { accountId, verdict, cursor, limit } = deliveriesInputSchema.parse(input);
  const filters: SQL[] = [];
  if (accountId) filters.push(eq(webhookDeliveries.accountId, accountId));
  if (verdict) filters.push(eq(webhookDeliveries.verdict, verdict));
  const pageStart = afterCursor(cursor, {
    time: webhookDeliveries.receivedAt,
    id: webhookDeliveries.id,
  });
  if (pageStart) filters.push(pageStart);
  const rows = db
    .select(summaryColumns)
    .from(webhookDeliveries)
    .leftJoin(carrierAccounts, eq(carrierAccounts.id, webhookDeliveries.accountId))
    .where(and(...filters))
    .orderBy(desc(webhookDeliveries.receivedAt), desc(webhookDeliveries.id))
    .limit(limit + 1)
    .all();
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toSummary),
    nextCursor:
      rows.length > limit && last
        ? encodeCursor(last.receivedAt, last.id)
        : (null as string | null),
  };
}

export type DeliverySummary = ReturnType<typeof listDeliveries>["items"][number];

/** One delivery with its (masked) headers and its body, pretty-printed when it is JSON. */
export function getDelivery(db: Db, id: string) {
  const row = db
    .select({ ...summaryColumns, body: webhookDeliveries.body })
    .from(webhookDeliveries)
    .leftJoin(carrierAccounts, eq(carrierAccounts.id, webhookDeliveries.accountId))
    .where(eq(webhookDeliveries.id, id))
    .get();
  if (!row) throw new DomainError("NOT_FOUND", "No such webhook delivery.");
  const { body, ...summary } = row;
  const pretty = prettyJson(body);
  return {
    ...toSummary(summary),
    headers: storedHeadersOf(row),
    body: pretty ?? body,
    bodyIsJson: pretty !== null,
  };
}

function prettyJson(body: string): string | null {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return null;
  }
}
