import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import type { AppDeps } from "../deps";
import { type IncomingWebhook, receiveWebhookBatch, type WebhookOutcome } from "./ingest";

/** Carrier tracking payloads are a few KB; Shiprocket's cumulative scans stay far below this. */
export const WEBHOOK_BODY_LIMIT_BYTES = 256 * 1024;
const OVERSIZE_REASON = "body over 256 KB";

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lenientUtf8 = new TextDecoder("utf-8");

/** `POST /:accountId/:token`, mounted at `/hooks`: carriers call it; the answer is `{ ok, verdict, message }`. */
export function createWebhookRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const receive = createBatchedReceiver(deps);

  app.post("/:accountId/:token", async (c) => {
    const target = { accountId: c.req.param("accountId"), token: c.req.param("token") };
    const headers = c.req.header();
    const bytes = await readBodyWithin(c.req.raw, WEBHOOK_BODY_LIMIT_BYTES);

    if (bytes === null) {
      // Only a known account's log gets a row: unknown ids would let anyone fill the log for free.
      if (!accountExists(deps, target.accountId)) {
        return c.json({ ok: false, verdict: "failed", message: OVERSIZE_REASON }, 413);
      }
      return answer(
        c,
        await receive({
          ...target,
          headers,
          // Keeping a megabyte of junk proves nothing more than its size does.
          rawBody: "",
          unreadableBody: { status: 413, reason: OVERSIZE_REASON },
        }),
      );
    }

    let rawBody: string;
    let unreadableBody: IncomingWebhook["unreadableBody"];
    try {
      rawBody = utf8.decode(bytes);
    } catch {
      // Stored with replacement characters so the admin still sees what arrived.
      rawBody = lenientUtf8.decode(bytes);
      unreadableBody = { status: 400, reason: "body is not valid UTF-8" };
    }
    return answer(
      c,
      await receive({
        ...target,
        headers,
        rawBody,
        ...(unreadableBody && { unreadableBody }),
      }),
    );
  });

  return app;
}

/**
 * Deliveries whose bodies arrived in the same turn of the event loop are received together, in one
 * transaction (`receiveWebhookBatch`): under a carrier's burst the commit is shared, and a lone delivery
 * waits for one `setImmediate` only.
 */
function createBatchedReceiver(
  deps: AppDeps,
): (incoming: IncomingWebhook) => Promise<WebhookOutcome> {
  let waiting: Array<{ incoming: IncomingWebhook; resolve: (outcome: WebhookOutcome) => void }> =
    [];
  const flush = () => {
    const batch = waiting;
    waiting = [];
    const outcomes = receiveWebhookBatch(
      deps,
      batch.map((entry) => entry.incoming),
    );
    for (const [i, entry] of batch.entries()) entry.resolve(outcomes[i] as WebhookOutcome);
  };
  return (incoming) =>
    new Promise((resolve) => {
      waiting.push({ incoming, resolve });
      if (waiting.length === 1) setImmediate(flush);
    });
}

/**
 * The body, or null when it is over the limit (by its Content-Length, or counted while it streams in).
 * Not hono/body-limit: on overflow it keeps its reader locked, so the server cannot drain a chunked body
 * and the client sees a hang-up instead of the 413. Releasing the reader lets the server drain it.
 */
async function readBodyWithin(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = request.headers.get("content-length");
  if (declared !== null && !request.headers.has("transfer-encoding")) {
    if (Number(declared) > maxBytes) return null;
    // Node's parser holds the body to its declared length: read it whole, without a stream reader per chunk.
    return new Uint8Array(await request.arrayBuffer());
  }
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) return null;
      chunks.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

const OK_VERDICTS: ReadonlySet<WebhookOutcome["verdict"]> = new Set([
  "received",
  "accepted",
  "duplicate",
  "unmatched",
]);

function answer(c: Context, outcome: WebhookOutcome): Response {
  return c.json(
    { ok: OK_VERDICTS.has(outcome.verdict), verdict: outcome.verdict, message: outcome.message },
    outcome.status,
  );
}

function accountExists(deps: AppDeps, accountId: string): boolean {
  try {
    return (
      deps.db
        .select({ id: schema.carrierAccounts.id })
        .from(schema.carrierAccounts)
        .where(eq(schema.carrierAccounts.id, accountId))
        .get() !== undefined
    );
  } catch {
    return false;
  }
}
