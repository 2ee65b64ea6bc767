import type { ScenarioName } from "@waybill/carriers/sandbox";
import type { CarrierId } from "@waybill/carriers/statuses";
import { formatOrderNumber, schema } from "@waybill/db";
import { asc, eq } from "drizzle-orm";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import type { AppDeps } from "../deps";
import { createTestDeps } from "../testing/deps";
import { createShippedOrder } from "../testing/fixtures";
import { createSandboxAccount, type SandboxServer, startSandboxServer } from "../testing/sandboxes";

const { shipments, trackingEvents } = schema;

let orderSequence = 0;

export type SyncTestbed = {
  sandbox: SandboxServer;
  deps: AppDeps;
  account(carrier: CarrierId): CarrierAccountRow;
  /**
   * A shipment the sandbox carrier knows, and our order for it, due for a check now. `tracking: "none"` leaves our
   * side without a tracking number (the carrier may have one); a string overrides ours.
   */
  ship(
    account: CarrierAccountRow,
    options?: { scenario?: ScenarioName; tracking?: "known" | "none" | string },
  ): { shipmentId: string; orderId: string; orderNumber: string };
  shipment(id: string): typeof shipments.$inferSelect;
  /** What the sandbox says about our order number: status and scans (raw code + ISO time), oldest first. */
  truth(
    carrier: CarrierId,
    orderNumber: string,
  ): { trackingNumber: string | null; status: string; events: string[] };
  /** Our status and stored scans in the same shape. */
  ours(shipmentId: string): { trackingNumber: string | null; status: string; events: string[] };
  close(): Promise<void>;
};

/**
 * The carrier sandboxes on a loopback port and real deps over an in-memory database, with our clock on the
 * sandbox's clock (plus `nowOffsetMs`), so carrier times and ours agree as they would in production.
 */
export async function startSyncTestbed(
  options: { nowOffsetMs?: number } = {},
): Promise<SyncTestbed> {
  const sandbox = await startSandboxServer();
  const offset = options.nowOffsetMs ?? 0;
  const deps = createTestDeps({ now: () => new Date(sandbox.sandboxes.clock.now() + offset) });

  const eventsOf = (list: Array<{ rawCode: string; occurredAt: Date | string }>) =>
    list.map((e) => `${e.rawCode}@${new Date(e.occurredAt).toISOString()}`).sort();

  const shipmentRow = (id: string) => {
    const row = deps.db.select().from(shipments).where(eq(shipments.id, id)).get();
    if (!row) throw new Error(`no shipment ${id}`);
    return row;
  };

  return {
    sandbox,
    deps,
    account: (carrier) => createSandboxAccount(deps, carrier, sandbox.url),
    ship(account, shipOptions = {}) {
      orderSequence += 1;
      const orderNumber = formatOrderNumber(2026, 500_000 + orderSequence);
      const truth = sandbox.sandboxes[account.carrier].control.createShipment({
        scenario: shipOptions.scenario ?? "delivered",
        orderNumber,
      });
      const tracking = shipOptions.tracking ?? "known";
      const trackingNumber =
        tracking === "known" ? truth.trackingNumber : tracking === "none" ? null : tracking;
      const created = createShippedOrder(deps.db, {
        carrier: account.carrier,
        accountId: account.id,
        orderNumber,
        trackingNumber,
      });
      deps.db
        .update(shipments)
        .set({ nextCheckAt: deps.now(), createdAt: deps.now() })
        .where(eq(shipments.id, created.shipmentId))
        .run();
      return { shipmentId: created.shipmentId, orderId: created.orderId, orderNumber };
    },
    shipment: shipmentRow,
    truth(carrier, orderNumber) {
      const truth = sandbox.sandboxes[carrier].control
        .groundTruth()
        .find((s) => s.orderNumber === orderNumber);
      if (!truth) throw new Error(`the ${carrier} sandbox knows no order ${orderNumber}`);
      return {
        trackingNumber: truth.trackingNumber,
        status: truth.status,
        events: eventsOf(truth.events),
      };
    },
    ours(shipmentId) {
      const row = shipmentRow(shipmentId);
      const stored = deps.db
        .select({ rawCode: trackingEvents.rawCode, occurredAt: trackingEvents.occurredAt })
        .from(trackingEvents)
        .where(eq(trackingEvents.shipmentId, shipmentId))
        .orderBy(asc(trackingEvents.occurredAt))
        .all();
      return { trackingNumber: row.trackingNumber, status: row.status, events: eventsOf(stored) };
    },
    async close() {
      await deps.sync.stop();
      await sandbox.close();
    },
  };
}
