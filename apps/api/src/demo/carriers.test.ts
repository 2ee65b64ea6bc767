import { schema } from "@waybill/db";
import { and, count, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/server";

describe("the demo's carriers", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ demo: true, env: { CARRIER_SANDBOX: "on" } });
  });
  afterAll(() => server.close());

  it("ships demo orders through the sandboxes and replays their days of scans through real webhooks", async () => {
    const { db } = server.deps;
    const accounts = db.select().from(schema.carrierAccounts).all();
    expect(accounts.map((a) => a.carrier).sort()).toEqual(["maystro", "sequel247", "shiprocket"]);
    for (const account of accounts)
      expect(account.baseUrl).toBe(`${server.sandboxUrl}/${account.carrier}`);

    const shipped = db.select().from(schema.shipments).all();
    expect(shipped.length).toBeGreaterThanOrEqual(4);
    // Every tracking number came from a carrier (the sandbox's ground truth), none invented.
    const truth = (await (await fetch(`${server.sandboxUrl}/__sandbox/truth`)).json()) as {
      carriers: Record<string, Array<{ trackingNumber: string | null }>>;
    };
    const known = new Set(
      Object.values(truth.carriers).flatMap((list) => list.map((s) => s.trackingNumber)),
    );
    for (const shipment of shipped) {
      if (shipment.trackingNumber !== null) expect(known.has(shipment.trackingNumber)).toBe(true);
    }

    const fromWebhooks =
      db
        .select({ n: count() })
        .from(schema.trackingEvents)
        .where(eq(schema.trackingEvents.source, "webhook"))
        .get()?.n ?? 0;
    expect(fromWebhooks).toBeGreaterThan(0);
    const accepted = db
      .select({ n: count() })
      .from(schema.webhookDeliveries)
      .where(eq(schema.webhookDeliveries.verdict, "accepted"))
      .get()?.n;
    expect(accepted).toBeGreaterThan(0);
    const moved = db
      .select()
      .from(schema.shipments)
      .where(isNotNull(schema.shipments.lastEventAt))
      .all();
    expect(moved.length).toBeGreaterThan(0);

    // Sequel247 sends no webhooks: the startup sync polled its replayed days.
    await server.deps.sync.whenIdle();
    const polled = db
      .select({ n: count() })
      .from(schema.trackingEvents)
      .innerJoin(schema.shipments, eq(schema.shipments.id, schema.trackingEvents.shipmentId))
      .where(
        and(eq(schema.shipments.carrier, "sequel247"), eq(schema.trackingEvents.source, "poll")),
      )
      .get()?.n;
    expect(polled).toBeGreaterThan(0);
    const sequel247 = accounts.find((account) => account.carrier === "sequel247");
    const startup = db
      .select()
      .from(schema.syncRuns)
      .where(eq(schema.syncRuns.trigger, "startup"))
      .all()
      .find((run) => run.accountId === sequel247?.id);
    expect(startup).toMatchObject({ state: "succeeded" });
    expect(startup?.checked).toBeGreaterThan(0);
  });
});
