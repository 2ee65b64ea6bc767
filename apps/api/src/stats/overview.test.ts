import { describe, expect, it } from "vitest";
import { createTestDeps } from "../testing/deps";
import { carrierUpdate, createShippedOrder, scan } from "../testing/fixtures";
import { applyCarrierUpdates } from "../tracking/apply-updates";
import { getStatsOverview } from "./overview";

const NOW = new Date("2026-11-22T12:00:00Z");
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();

describe("getStatsOverview", () => {
  it("counts what admins watch and times deliveries from the carrier's first scan", () => {
    const { db } = createTestDeps();
    const apply = (shipmentId: string, scans: ReturnType<typeof scan>[], extra = {}) =>
      applyCarrierUpdates(db, [{ shipmentId, update: carrierUpdate("shiprocket", scans, extra) }], {
        source: "poll",
        now: NOW,
        publicUrl: "http://x",
      });

    const fast = createShippedOrder(db, { trackingNumber: "A1" });
    apply(fast.shipmentId, [scan("info_received", "6", at(30)), scan("delivered", "7", at(20))]);
    const slow = createShippedOrder(db, { trackingNumber: "A2" });
    apply(slow.shipmentId, [scan("info_received", "6", at(60)), scan("delivered", "7", at(10))]);
    const failed = createShippedOrder(db, { trackingNumber: "A3" });
    apply(failed.shipmentId, [scan("failed_attempt", "21", at(2))]);
    const late = createShippedOrder(db, { trackingNumber: "A4" });
    apply(late.shipmentId, [scan("in_transit", "18", at(3))], {
      estimatedDelivery: new Date(at(1)),
    });
    const stuck = createShippedOrder(db, { trackingNumber: "A5" });
    apply(stuck.shipmentId, [scan("in_transit", "18", at(24 * 6))]);
    createShippedOrder(db, { trackingNumber: null });
    const returned = createShippedOrder(db, { trackingNumber: "A6" });
    apply(returned.shipmentId, [scan("return_to_sender", "15", at(5))]);

    const stats = getStatsOverview(db, NOW);
    expect(stats).toMatchObject({
      awaitingTrackingNumber: 1,
      late: 1,
      stuck: 1,
      failedAttempts: 1,
      returns: 1,
    });
    const shiprocket = stats.deliveryTimes.find((d) => d.carrier === "shiprocket");
    expect(shiprocket).toMatchObject({ delivered: 2, averageHours: 30, p90Hours: 50 });
    expect(stats.shipmentsByCarrier.shiprocket).toMatchObject({
      total: 7,
      delivered: 2,
      active: 5,
    });
    expect(stats.ordersByStatus.delivered).toBe(2);
  });
});
