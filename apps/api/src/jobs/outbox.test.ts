import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ShipmentStatus } from "@waybill/carriers/statuses";
import { closeDb, createDb, createId, type Db, migrateDb, schema } from "@waybill/db";
import { asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../deps";
import { retryOutboxMail } from "../mail/outbox-admin";
import { startTestSmtpServer, type TestSmtpServer } from "../mail/testing";
import { createSmtpTransport, type MailTransport } from "../mail/transport";
import { createTestDeps } from "../testing/deps";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { startTestServer } from "../testing/server";
import { commitCarrierUpdates } from "../tracking/commit";
import { dispatchOutbox, emailRetryDelayMs, MAX_EMAIL_ATTEMPTS } from "./outbox";

const FROM = "Test Shop <orders@shop.test>";
let smtp: TestSmtpServer;
const transports: MailTransport[] = [];

function transportTo(url: string): MailTransport {
  const transport = createSmtpTransport({ smtpUrl: url, from: FROM });
  transports.push(transport);
  return transport;
}

/** A port nobody listens on: connecting is refused at once, like an SMTP server that is down. */
async function closedPortUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `smtp://127.0.0.1:${port}`;
}

function outboxRows(db: Db) {
  return db.select().from(schema.outbox).orderBy(asc(schema.outbox.createdAt)).all();
}

function commitStatus(
  deps: AppDeps,
  shipmentId: string,
  status: ShipmentStatus,
  at: string,
  source: "webhook" | "poll" = "webhook",
) {
  const update = carrierUpdate("shiprocket", [scan(status, status, at)]);
  return commitCarrierUpdates(deps, [{ shipmentId, update }], source);
}

beforeAll(async () => {
  smtp = await startTestSmtpServer();
});
afterEach(() => {
  smtp.received.length = 0;
  for (const transport of transports.splice(0)) transport.close();
});
afterAll(() => smtp.close());

describe("dispatchOutbox", () => {
  it("sends one e-mail per milestone when the same updates arrive by webhook, poll and replay", async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db, { trackingNumber: null });
    deps.db
      .insert(schema.orderItems)
      .values({
        id: createId(),
        orderId: order.orderId,
        sku: "KURTA-M",
        name: "Cotton kurta",
        unitPriceCents: 89_900,
        quantity: 2,
      })
      .run();
    const journey = [
      carrierUpdate("shiprocket", [scan("info_received", "6", "2026-11-18T06:00:00Z")], {
        trackingNumber: "AWB7700",
        courierName: "Delhivery",
        estimatedDelivery: new Date("2026-11-21T12:30:00Z"),
      }),
      carrierUpdate("shiprocket", [scan("out_for_delivery", "17", "2026-11-21T03:00:00Z")]),
      carrierUpdate("shiprocket", [scan("delivered", "7", "2026-11-21T06:00:00Z")]),
    ];
    for (const source of ["webhook", "poll", "webhook"] as const) {
      for (const update of journey) {
        commitCarrierUpdates(deps, [{ shipmentId: order.shipmentId, update }], source);
      }
    }

    const transport = transportTo(smtp.url);
    const now = new Date();
    const first = await dispatchOutbox(deps, { transport, now, batch: 10 });
    const again = await dispatchOutbox(deps, {
      transport,
      now: new Date(now.getTime() + 3_600_000),
    });

    expect(first).toEqual({ claimed: 3, sent: 3, retrying: 0, failed: 0 });
    expect(again.claimed).toBe(0);
    const rows = outboxRows(deps.db);
    expect(rows.map((row) => row.state)).toEqual(["sent", "sent", "sent"]);
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.map((mail) => mail.messageId).sort()).toEqual(
      rows.map((row) => `<outbox.${row.id}@shop.test>`).sort(),
    );
    for (const mail of smtp.received) {
      expect(mail.to).toEqual([order.user.email]);
      expect(mail.from).toBe("orders@shop.test");
    }
    const delivered = rows.find((row) => row.subject.startsWith("Delivered"));
    expect(delivered?.textBody).toContain("Tracking number: AWB7700");
    expect(delivered?.textBody).toContain("Courier: Delhivery");
    expect(delivered?.textBody).toContain("2 × Cotton kurta");
    expect(delivered?.textBody).toContain("Estimated delivery:");
    expect(delivered?.textBody).toContain(`/orders/${order.orderId}`);
    expect(delivered?.htmlBody).toContain("<li>2 × Cotton kurta</li>");
  });

  it("retries a 421 with backoff and sends the e-mail once the server takes it", async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    commitStatus(deps, order.shipmentId, "delivered", "2026-11-21T06:00:00Z");
    const transport = transportTo(smtp.url);
    smtp.refuseNext(421);
    const t0 = new Date();

    const refused = await dispatchOutbox(deps, { transport, now: t0 });
    const [row] = outboxRows(deps.db);
    expect(refused).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    expect(row).toMatchObject({ state: "pending", attempts: 1 });
    expect(row?.lastError).toMatch(/^421 /);
    expect(row?.nextAttemptAt?.getTime()).toBe(t0.getTime() + emailRetryDelayMs(1));

    const early = await dispatchOutbox(deps, {
      transport,
      now: new Date(t0.getTime() + emailRetryDelayMs(1) - 1),
    });
    expect(early.claimed).toBe(0);
    const retried = await dispatchOutbox(deps, {
      transport,
      now: new Date(t0.getTime() + emailRetryDelayMs(1)),
    });
    expect(retried).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    expect(smtp.received).toHaveLength(1);
    expect(outboxRows(deps.db)[0]).toMatchObject({ state: "sent", attempts: 2, lastError: null });
  });

  it("gives up on a 550 at once, and an admin retry puts it back in line", async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    commitStatus(deps, order.shipmentId, "delivered", "2026-11-21T06:00:00Z");
    const transport = transportTo(smtp.url);
    smtp.refuseNext(550);
    const now = new Date();

    expect(await dispatchOutbox(deps, { transport, now })).toMatchObject({ failed: 1 });
    const [row] = outboxRows(deps.db);
    expect(row).toMatchObject({ state: "failed", attempts: 1, nextAttemptAt: null });
    expect(row?.lastError).toMatch(/^550 /);

    retryOutboxMail(deps.db, row?.id as string, now);
    expect(await dispatchOutbox(deps, { transport, now })).toMatchObject({ sent: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it(`keeps an e-mail as failed after ${MAX_EMAIL_ATTEMPTS} attempts while the server is down`, async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    commitStatus(deps, order.shipmentId, "delivered", "2026-11-21T06:00:00Z");
    const down = transportTo(await closedPortUrl());
    let now = new Date();

    for (let attempt = 1; attempt <= MAX_EMAIL_ATTEMPTS; attempt++) {
      const result = await dispatchOutbox(deps, { transport: down, now });
      expect(result.claimed).toBe(1);
      now = new Date(now.getTime() + emailRetryDelayMs(attempt));
    }
    const [row] = outboxRows(deps.db);
    expect(row).toMatchObject({ state: "failed", attempts: MAX_EMAIL_ATTEMPTS });
    expect(row?.lastError).toMatch(/ECONNECTION|ECONNREFUSED|ESOCKET/);
    expect((await dispatchOutbox(deps, { transport: down, now })).claimed).toBe(0);
  });

  it("claims each e-mail once when two dispatchers run at the same time", async () => {
    const deps = createTestDeps();
    for (let i = 0; i < 3; i++) {
      const order = createShippedOrder(deps.db);
      commitStatus(deps, order.shipmentId, "out_for_delivery", "2026-11-21T03:00:00Z");
      commitStatus(deps, order.shipmentId, "delivered", "2026-11-21T06:00:00Z");
    }
    const now = new Date();
    const [one, two] = await Promise.all([
      dispatchOutbox(deps, { transport: transportTo(smtp.url), now, batch: 4 }),
      dispatchOutbox(deps, { transport: transportTo(smtp.url), now, batch: 4 }),
    ]);

    expect((one?.sent ?? 0) + (two?.sent ?? 0)).toBe(6);
    expect(smtp.received).toHaveLength(6);
    expect(new Set(smtp.received.map((mail) => mail.messageId)).size).toBe(6);
  });

  it("leaves opted-out orders' milestones out of the outbox", async () => {
    const deps = createTestDeps();
    const order = createShippedOrder(deps.db);
    deps.db
      .update(schema.orders)
      .set({ emailOptOut: true })
      .where(eq(schema.orders.id, order.orderId))
      .run();
    const [change] = commitStatus(deps, order.shipmentId, "delivered", "2026-11-21T06:00:00Z");

    expect(change?.milestones).toEqual(["delivered"]);
    expect(outboxRows(deps.db)).toEqual([]);
    expect(
      (await dispatchOutbox(deps, { transport: transportTo(smtp.url), now: new Date() })).claimed,
    ).toBe(0);
  });

  it("picks up after a restart: what one process could not send, the next one sends, once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-outbox-"));
    const file = join(dir, "waybill.db");
    try {
      const before = createDb(file);
      migrateDb(before);
      const deps = createTestDeps({ db: before });
      const order = createShippedOrder(before, {});
      commitStatus(deps, order.shipmentId, "delivered", "2026-11-21T06:00:00Z");
      const t0 = new Date();
      await dispatchOutbox(deps, { transport: transportTo(await closedPortUrl()), now: t0 });
      closeDb(before);

      const after = createDb(file);
      const later = new Date(t0.getTime() + emailRetryDelayMs(1));
      const restarted = createTestDeps({ db: after });
      const result = await dispatchOutbox(restarted, {
        transport: transportTo(smtp.url),
        now: later,
      });
      expect(result).toMatchObject({ claimed: 1, sent: 1 });
      expect(outboxRows(after)[0]).toMatchObject({ state: "sent", attempts: 2 });
      expect(smtp.received).toHaveLength(1);
      closeDb(after);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the send-emails job", () => {
  it("runs when SMTP_URL is set and delivers the engine's e-mails on its own", async () => {
    const server = await startTestServer({
      jobs: true,
      env: { SMTP_URL: smtp.url, MAIL_FROM: FROM, CARRIER_SANDBOX: "off" },
    });
    try {
      const order = createShippedOrder(server.deps.db);
      commitStatus(server.deps, order.shipmentId, "delivered", "2026-11-21T06:00:00Z");
      const deadline = Date.now() + 20_000;
      while (smtp.received.length === 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]?.to).toEqual([order.user.email]);
      expect(outboxRows(server.deps.db)[0]?.state).toBe("sent");
    } finally {
      await server.close();
    }
  });
});
