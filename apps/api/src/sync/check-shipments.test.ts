import type { CarrierAdapter, TrackResult } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createTestDeps } from "../testing/deps";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { checkShipments, type ShipmentToCheck } from "./check-shipments";

const NOW = new Date("2026-11-21T08:00:00Z");

/** A carrier that reports one scan for each ref, and for `reassign` a tracking number another shipment holds. */
function carrierReporting(reassign: Map<string, string>): CarrierAdapter {
  return {
    carrier: "sequel247",
    testConnection: async () => ({ ok: true, message: "reachable" }),
    parseWebhook: () => ({ ok: true, kind: "ping" }),
    track: async (refs) =>
      refs.map(
        (ref): TrackResult => ({
          ref,
          ok: true,
          update: carrierUpdate("sequel247", [scan("in_transit", "IT", "2026-11-21T06:00:00Z")], {
            trackingNumber: reassign.get(ref.trackingNumber ?? "") ?? ref.trackingNumber,
          }),
        }),
      ),
  };
}

describe("checkShipments", () => {
  it("applies and reschedules the others when one shipment's apply fails, and rolls back nothing of theirs", async () => {
    const deps = createTestDeps({ now: () => NOW });
    const first = createShippedOrder(deps.db, { carrier: "sequel247", trackingNumber: "AWB-A" });
    const shipped = [
      first,
      ...["AWB-B", "AWB-C"].map((trackingNumber) =>
        createShippedOrder(deps.db, {
          carrier: "sequel247",
          accountId: first.accountId,
          trackingNumber,
        }),
      ),
    ];
    const row = (id: string) =>
      deps.db.select().from(schema.shipments).where(eq(schema.shipments.id, id)).get();
    const toCheck: ShipmentToCheck[] = shipped.map((s) => ({
      id: s.shipmentId,
      orderNumber: "",
      trackingNumber: row(s.shipmentId)?.trackingNumber ?? null,
      carrierOrderId: null,
      carrierShipmentId: null,
    }));
    const account = deps.db
      .select()
      .from(schema.carrierAccounts)
      .where(eq(schema.carrierAccounts.id, first.accountId))
      .get();
    if (!account) throw new Error("no account");

    // B's answer claims A's tracking number: the unique index refuses it, so the batch's transaction fails.
    const outcome = await checkShipments(deps, {
      account,
      adapter: carrierReporting(new Map([["AWB-B", "AWB-A"]])),
      shipments: toCheck,
      source: "poll",
      chunkSize: 50,
      concurrency: 1,
    });

    const [a, b, c] = shipped.map((s) => s.shipmentId) as [string, string, string];
    expect(outcome.checked.sort()).toEqual([a, c].sort());
    expect(outcome.failures).toEqual([
      expect.objectContaining({ shipmentId: b, code: "APPLY_FAILED" }),
    ]);
    for (const id of [a, c]) {
      expect(row(id)).toMatchObject({
        status: "in_transit",
        lastCheckedAt: NOW,
        lastCheckSource: "poll",
      });
      expect(row(id)?.nextCheckAt?.getTime()).toBeGreaterThan(NOW.getTime());
    }
    // B keeps its own number and counts as not checked, but is not asked about again at once.
    expect(row(b)).toMatchObject({
      trackingNumber: "AWB-B",
      status: "pending",
      lastCheckedAt: null,
    });
    expect(row(b)?.nextCheckAt?.getTime()).toBeGreaterThan(NOW.getTime());
  });
});
