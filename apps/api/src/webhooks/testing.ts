import { request } from "node:http";
import type { ScenarioName } from "@waybill/carriers/sandbox";
import type { CarrierId } from "@waybill/carriers/statuses";
import { createRandomId, type Db, schema } from "@waybill/db";
import { asc, count, eq, sql } from "drizzle-orm";
import { webhookUrlOf } from "../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import { createShippedOrder } from "../testing/fixtures";
import { createSandboxAccount, type SandboxServer } from "../testing/sandboxes";
import type { TestServer } from "../testing/server";

const { orders, shipments, trackingEvents, webhookDeliveries } = schema;

/** A sandbox account on the test server, with the webhook URL and secret its carrier panel would hold. */
export function createHookedAccount(
  server: TestServer,
  sandbox: SandboxServer,
  carrier: CarrierId,
) {
  const account = createSandboxAccount(server.deps, carrier, sandbox.url);
  const secret = server.deps.adapters.webhookSecretOf(account);
  return { account, secret, hookUrl: webhookUrlOf(server.url, account.id, secret) };
}

/** Our order + shipment for a shipment created in the carrier's sandbox (same order number, its AWB). */
export function createTrackedShipment(
  server: TestServer,
  sandbox: SandboxServer,
  input: {
    account: CarrierAccountRow;
    scenario: ScenarioName;
  },
) {
  const orderNumber = `WB-2026-${createRandomId(8)}`;
  const truth = sandbox.sandboxes[input.account.carrier].control.createShipment({
    scenario: input.scenario,
    orderNumber,
  });
  const created = createShippedOrder(server.deps.db, {
    carrier: input.account.carrier,
    accountId: input.account.id,
    orderNumber,
    trackingNumber: truth.trackingNumber,
  });
  return { ...created, orderNumber, trackingNumber: truth.trackingNumber };
}

export async function postWebhook(
  url: string,
  body: string | Uint8Array<ArrayBuffer>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: { ok: boolean; verdict: string; message: string } }> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  return { status: response.status, body: await response.json() };
}

/** Deliveries of one account (null: of no known account), oldest first. */
export function deliveriesOf(db: Db, accountId: string | null) {
  return db
    .select()
    .from(webhookDeliveries)
    .where(
      accountId === null
        ? sql`${webhookDeliveries.accountId} is null`
        : eq(webhookDeliveries.accountId, accountId),
    )
    .orderBy(sql`rowid`)
    .all();
}

export function latestDeliveryOf(db: Db, accountId: string | null) {
  return deliveriesOf(db, accountId).at(-1);
}

export function timelineOf(db: Db, shipmentId: string) {
  return db
    .select()
    .from(trackingEvents)
    .where(eq(trackingEvents.shipmentId, shipmentId))
    .orderBy(asc(trackingEvents.occurredAt), asc(trackingEvents.rawCode))
    .all();
}

export function shipmentOf(db: Db, shipmentId: string) {
  const row = db.select().from(shipments).where(eq(shipments.id, shipmentId)).get();
  if (!row) throw new Error(`no shipment ${shipmentId}`);
  return row;
}

export function orderStatusOf(db: Db, orderId: string) {
  return db.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId)).get()
    ?.status;
}

/** Rows of an order-scoped table (notifications, outbox, events) for one order. */
export function countForOrder(
  db: Db,
  table: typeof schema.notifications | typeof schema.outbox | typeof schema.events,
  orderId: string,
): number {
  return db.select({ n: count() }).from(table).where(eq(table.orderId, orderId)).get()?.n ?? 0;
}

/**
 * A POST through node:http, which reports a response that arrives while the body is still being sent (a
 * 413 answered from the Content-Length alone); fetch may report such an early answer as a closed socket.
 * `chunked` sends the body without a Content-Length.
 */
export function postRaw(
  url: string,
  body: string,
  options: { chunked?: boolean } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (!options.chunked) headers["content-length"] = String(Buffer.byteLength(body));
    const req = request(url, { method: "POST", headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        text += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on("error", reject);
    });
    // The server may stop reading once it has answered; that is not a failure of the request.
    req.on("error", (error) => {
      if (!req.writableFinished) return;
      reject(error);
    });
    const chunkSize = 16 * 1024;
    for (let offset = 0; offset < body.length; offset += chunkSize) {
      req.write(body.slice(offset, offset + chunkSize));
    }
    req.end();
  });
}
