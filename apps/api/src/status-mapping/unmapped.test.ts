import { schema } from "@waybill/db";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDeps } from "../deps";
import { shipOrder } from "../orders/ship";
import { callerFor, createTestUser } from "../testing/caller";
import { createTestDeps } from "../testing/deps";
import { createShippedOrder, placeTestOrder, seedCatalog } from "../testing/fixtures";
import { createSandboxAccount, type SandboxServer, startSandboxServer } from "../testing/sandboxes";
import { commitCarrierUpdates } from "../tracking/commit";
import { matchUpdatesToShipments } from "../tracking/match";
import { recordUnmappedStatus } from "./unmapped";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer({ seed: 9 });
});
afterAll(() => sandbox.close());

const HOUR = 3_600_000;

async function shipUnknownCodeOrder(deps: AppDeps, accountId: string) {
  const order = placeTestOrder(deps, createTestUser(deps));
  // Booked at the carrier first with a scenario whose first scan is Shiprocket's undocumented "NA".
  sandbox.sandboxes.shiprocket.control.createShipment({
    scenario: "unknown_code",
    orderNumber: order.number,
  });
  const { shipment } = await shipOrder(deps, {
    carrier: "shiprocket",
    orderId: order.orderId,
    accountId,
  });
  return { order, shipmentId: shipment.id, trackingNumber: shipment.trackingNumber! };
}

async function poll(deps: AppDeps, accountId: string, trackingNumbers: string[]) {
  const account = deps.db
    .select()
    .from(schema.carrierAccounts)
    .where(eq(schema.carrierAccounts.id, accountId))
    .get()!;
  const results = await deps.adapters
    .forAccount(account)
    .track(trackingNumbers.map((trackingNumber) => ({ trackingNumber })));
  const updates = results.flatMap((r) => (r.ok ? [r.update] : []));
  return commitCarrierUpdates(
    deps,
    matchUpdatesToShipments(deps.db, accountId, updates).matched,
    "poll",
  );
}

const statusOf = (deps: AppDeps, id: string) =>
  deps.db.select().from(schema.shipments).where(eq(schema.shipments.id, id)).get()?.status;
const eventsFor = (deps: AppDeps, orderId: string) =>
  deps.db.select({ n: count() }).from(schema.events).where(eq(schema.events.orderId, orderId)).get()
    ?.n ?? 0;

describe("unmapped carrier statuses", () => {
  it("queues an unknown code with a count; an override re-applies once; removing it changes nothing applied", async () => {
    const deps = createTestDeps();
    seedCatalog(deps.db);
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const account = createSandboxAccount(deps, "shiprocket", sandbox.url);
    const first = await shipUnknownCodeOrder(deps, account.id);
    const second = await shipUnknownCodeOrder(deps, account.id);
    await sandbox.sandboxes.advance(3 * HOUR);
    await poll(deps, account.id, [first.trackingNumber, second.trackingNumber]);
    await poll(deps, account.id, [first.trackingNumber, second.trackingNumber]);

    const queue = await admin.admin.unmapped.list({});
    // The scenario's first scan carries a code in no Shiprocket table (its "NA" status).
    expect(queue.items).toHaveLength(1);
    const na = queue.items[0]!;
    expect(na).toMatchObject({ carrier: "shiprocket", occurrences: 2, override: null });
    const key = { carrier: "shiprocket" as const, rawCode: na.rawCode };
    expect(statusOf(deps, first.shipmentId)).toBe("pending");
    expect((await admin.admin.stats.overview()).newUnmappedStatuses).toBe(1);
    expect((await admin.admin.unmapped.example({ id: na.id })).map((e) => e.rawCode)).toContain(
      na.rawCode,
    );

    const eventsBefore = eventsFor(deps, first.order.orderId);
    const set = await admin.admin.unmapped.setOverride({
      ...key,
      status: "in_transit",
      reapply: true,
    });
    expect(set.reapplied).toMatchObject({ shipments: 2, changed: 2 });
    expect(statusOf(deps, first.shipmentId)).toBe("in_transit");
    expect(statusOf(deps, second.shipmentId)).toBe("in_transit");
    expect(eventsFor(deps, first.order.orderId)).toBe(eventsBefore + 1);
    expect(await admin.admin.unmapped.reapply(key)).toMatchObject({ changed: 0 });
    expect(eventsFor(deps, first.order.orderId)).toBe(eventsBefore + 1);
    expect((await admin.admin.stats.overview()).newUnmappedStatuses).toBe(0);

    // Future scans of the code map through the override at once.
    const third = await shipUnknownCodeOrder(deps, account.id);
    await sandbox.sandboxes.advance(3 * HOUR);
    await poll(deps, account.id, [third.trackingNumber]);
    expect(statusOf(deps, third.shipmentId)).toBe("in_transit");

    await admin.admin.unmapped.removeOverride(key);
    expect(statusOf(deps, first.shipmentId)).toBe("in_transit");
    expect(eventsFor(deps, first.order.orderId)).toBe(eventsBefore + 1);
    expect(await admin.admin.unmapped.overrides()).toEqual([]);
  });

  it("refuses customers on every procedure", async () => {
    const deps = createTestDeps();
    const customer = callerFor(deps, createTestUser(deps));
    const key = { carrier: "shiprocket" as const, rawCode: "NA" };
    for (const attempt of [
      () => customer.admin.unmapped.list({}),
      () => customer.admin.unmapped.example({ id: "x" }),
      () => customer.admin.unmapped.overrides(),
      () => customer.admin.unmapped.setOverride({ ...key, status: "in_transit" }),
      () => customer.admin.unmapped.reapply(key),
      () => customer.admin.unmapped.removeOverride(key),
    ]) {
      await expect(attempt()).rejects.toSatisfy(
        (e) => (e as { code?: string }).code === "FORBIDDEN",
      );
    }
  });
});

describe("recordUnmappedStatus", () => {
  it("counts each sighting, keeps the first sighting's time and a label once known", () => {
    const deps = createTestDeps();
    const account = createSandboxAccount(deps, "shiprocket", "http://127.0.0.1:9");
    const { shipmentId } = createShippedOrder(deps.db, { accountId: account.id });
    const sighting = { accountId: account.id, carrier: "shiprocket" as const, rawCode: "77" };
    const first = new Date("2026-11-20T09:00:00Z");
    const later = new Date("2026-11-21T10:30:00Z");
    recordUnmappedStatus(deps.db, { ...sighting, rawLabel: "HELD", shipmentId, now: first });
    recordUnmappedStatus(deps.db, { ...sighting, rawLabel: null, shipmentId, now: later });

    const rows = deps.db.select().from(schema.unmappedStatuses).all();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      rawCode: "77",
      rawLabel: "HELD",
      occurrences: 2,
      firstSeenAt: first,
      lastSeenAt: later,
      exampleShipmentId: shipmentId,
    });
  });
});
