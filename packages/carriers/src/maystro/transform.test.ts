import { describe, expect, it } from "vitest";
import type { CarrierLogger } from "../types";
import history from "./fixtures/history.json";
import activityHistory from "./fixtures/history-activity.json";
import awaitingPickup from "./fixtures/order-awaiting-pickup.json";
import delivered from "./fixtures/order-delivered.json";
import webhookEvent from "./fixtures/webhook-event.json";
import { type MaystroOrder, maystroOrderSchema, maystroWebhookEventSchema } from "./schemas";
import {
  historyToScans,
  orderToUpdate,
  RECEIPT_TIME_NOTE,
  webhookEventToUpdate,
} from "./transform";

const order = (raw: unknown): MaystroOrder => maystroOrderSchema.parse(raw);

function recordingLogger(): CarrierLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (message) => warnings.push(message) };
}

describe("orderToUpdate", () => {
  it("turns an order object into one scan at its status time, in UTC", () => {
    const update = orderToUpdate(order(delivered));
    expect(update).toMatchObject({
      carrier: "maystro",
      ref: {
        carrierOrderId: "3f1c2a9e-7b4d-4c1a-9e2f-5d6b7a8c9d01",
        trackingNumber: "1234567",
        orderNumber: "WC-1001",
      },
      trackingNumber: "1234567",
      courierName: null,
      trackingUrl: null,
      estimatedDelivery: null,
    });
    expect(update.scans).toEqual([
      {
        occurredAt: new Date("2024-05-03T16:20:00Z"),
        status: "delivered",
        substatus: null,
        rawCode: "41",
        rawLabel: "DELIVERED",
        location: null,
        description: null,
      },
    ]);
  });

  it("leaves the tracking number null before Maystro assigns a display id", () => {
    const update = orderToUpdate(order(awaitingPickup));
    expect(update.trackingNumber).toBeNull();
    expect(update.scans.map((scan) => scan.status)).toEqual(["pending"]);
  });

  it("reads a time without offset as Algiers wall time", () => {
    const update = orderToUpdate(
      order({ ...delivered, delivered_at: null, last_update: "2024-05-03 17:20:00" }),
    );
    expect(update.scans[0]?.occurredAt.toISOString()).toBe("2024-05-03T16:20:00.000Z");
  });

  it("answers no data yet with zero scans instead of inventing a time", () => {
    const update = orderToUpdate(
      order({ id: "u-1", status: 5, created_at: "2024-05-01T10:00:00Z", last_update: null }),
    );
    expect(update.scans).toEqual([]);
  });

  it("dates an alert by alerted_at and explains it with the alert reason", () => {
    const update = orderToUpdate(
      order({
        ...delivered,
        status: 32,
        delivered_at: null,
        alerted_at: "2024-05-03T11:00:00Z",
        alert_reason: "Client injoignable",
      }),
    );
    expect(update.scans[0]).toMatchObject({
      occurredAt: new Date("2024-05-03T11:00:00Z"),
      status: "failed_attempt",
      description: "Alert reason: Client injoignable",
    });
  });

  it("maps a stop-desk order at READY_TO_SHIP to available_for_pickup", () => {
    const update = orderToUpdate(order({ ...awaitingPickup, status: 15 }));
    expect(update.scans[0]).toMatchObject({
      status: "available_for_pickup",
      substatus: "stop_desk",
    });
  });

  it("merges the history oldest first, whatever order it arrives in, without repeating the current status", () => {
    const parsed = order(delivered);
    const scans = historyToScans([...history].reverse(), parsed);
    const update = orderToUpdate(parsed, { history: scans });
    expect(update.scans.map((scan) => scan.rawCode)).toEqual(["4", "5", "31", "41"]);
    expect(update.scans.map((scan) => scan.occurredAt.toISOString())).toEqual([
      "2024-05-01T10:00:00.000Z",
      "2024-05-01T14:30:00.000Z",
      "2024-05-03T09:05:00.000Z",
      "2024-05-03T16:20:00.000Z",
    ]);
    expect(update.scans[1]?.description).toBe("Pickup requested");
  });

  it("adds the current status when the history lags behind it", () => {
    const parsed = order(delivered);
    const update = orderToUpdate(parsed, { history: historyToScans(history.slice(0, 3), parsed) });
    expect(update.scans.map((scan) => scan.rawCode)).toEqual(["4", "5", "31", "41"]);
  });
});

describe("historyToScans", () => {
  it("ignores a history of another shape with a warning", () => {
    const logger = recordingLogger();
    expect(historyToScans(activityHistory, order(delivered), logger)).toEqual([]);
    expect(logger.warnings).toHaveLength(1);
  });

  it("drops entries it cannot read and keeps the rest", () => {
    const logger = recordingLogger();
    const scans = historyToScans(
      [history[0], { status: "Delivered", date: "2024-05-03" }, { status: 41, created_at: "soon" }],
      order(delivered),
      logger,
    );
    expect(scans.map((scan) => scan.rawCode)).toEqual(["4"]);
    expect(logger.warnings).toEqual([expect.stringContaining("ignored")]);
  });

  it("reads naive history times as Algiers time", () => {
    const [scan] = historyToScans(
      [{ status: 31, created_at: "2024-05-03 10:05:00", comment: "" }],
      order(delivered),
    );
    expect(scan?.occurredAt.toISOString()).toBe("2024-05-03T09:05:00.000Z");
    expect(scan?.description).toBeNull();
  });
});

describe("webhookEventToUpdate", () => {
  const event = (raw: unknown) => maystroWebhookEventSchema.parse(raw);

  it("dates a scan without event time by its receipt and marks its time source as received", () => {
    const receivedAt = new Date("2026-01-06T08:00:00Z");
    const [scan] = webhookEventToUpdate(event(webhookEvent), receivedAt).scans;
    expect(scan).toEqual({
      occurredAt: receivedAt,
      status: "delivered",
      substatus: null,
      rawCode: "41",
      rawLabel: "DELIVERED",
      location: null,
      description: RECEIPT_TIME_NOTE,
      timeSource: "received",
    });
  });

  it("gives a redelivered webhook the same code under another time: only the code can dedupe it", () => {
    const first = webhookEventToUpdate(event(webhookEvent), new Date("2026-01-06T08:00:00Z"));
    const again = webhookEventToUpdate(event(webhookEvent), new Date("2026-01-06T08:00:07Z"));
    const [a, b] = [first.scans[0], again.scans[0]];
    expect(a?.occurredAt).not.toEqual(b?.occurredAt);
    expect([a?.rawCode, a?.timeSource]).toEqual([b?.rawCode, b?.timeSource]);
  });

  it("keeps the carrier's time, and no received mark, when the event carries one", () => {
    const [scan] = webhookEventToUpdate(
      event({
        ...webhookEvent,
        payload: { ...webhookEvent.payload, last_update: "2026-01-06 10:15:00" },
      }),
      new Date("2026-01-06T12:00:00Z"),
    ).scans;
    expect(scan?.occurredAt).toEqual(new Date("2026-01-06T09:15:00Z"));
    expect(scan?.description).toBeNull();
    expect(scan).not.toHaveProperty("timeSource");
  });
});
