import { describe, expect, it } from "vitest";
import { describeOrderEvent, readOrderEvent } from "./order-events";

describe("readOrderEvent", () => {
  it("keeps the known fields and drops what does not fit", () => {
    expect(
      readOrderEvent({
        type: "shipment.updated",
        orderId: "o_1",
        orderNumber: "WB-2026-000001",
        status: "out_for_delivery",
        orderStatus: "out_for_delivery",
        newEvents: 1,
        milestones: ["out_for_delivery", 7],
        courierName: null,
        source: "webhook",
        at: "2026-11-24T05:00:00.000Z",
      }),
    ).toEqual({
      type: "shipment.updated",
      orderId: "o_1",
      orderNumber: "WB-2026-000001",
      status: "out_for_delivery",
      orderStatus: "out_for_delivery",
      newEvents: 1,
      milestones: ["out_for_delivery"],
    });
  });

  it.each([null, "text", {}, { type: "x" }, { orderId: "o" }, { type: 1, orderId: "o" }])(
    "refuses %j",
    (data) => {
      expect(readOrderEvent(data)).toBeNull();
    },
  );

  it("ignores a status outside the vocabulary instead of showing it", () => {
    expect(
      readOrderEvent({ type: "shipment.updated", orderId: "o", status: "teleported" }),
    ).toEqual({
      type: "shipment.updated",
      orderId: "o",
    });
  });
});

describe("describeOrderEvent", () => {
  const order = { orderId: "o_1", orderNumber: "WB-2026-000001" };

  it("announces a milestone with its status", () => {
    expect(
      describeOrderEvent({
        ...order,
        type: "shipment.updated",
        status: "failed_attempt",
        newEvents: 1,
        milestones: ["failed_attempt"],
      }),
    ).toEqual({
      title: "Order WB-2026-000001: delivery attempt failed",
      description: "The courier could not deliver. They usually try again.",
      tone: "warning",
    });
  });

  it("announces a new tracking number without inventing a courier", () => {
    expect(
      describeOrderEvent({
        ...order,
        type: "shipment.updated",
        status: "pending",
        trackingNumber: "19041234567890",
        milestones: ["tracking_available"],
        newEvents: 0,
      }),
    ).toEqual({
      title: "Order WB-2026-000001 has a tracking number",
      description: "19041234567890",
      tone: "info",
    });
  });

  it("announces a plain new scan, and stays quiet when nothing visible to the customer changed", () => {
    expect(
      describeOrderEvent({
        ...order,
        type: "shipment.updated",
        status: "in_transit",
        newEvents: 2,
        milestones: [],
      })?.title,
    ).toBe("Order WB-2026-000001: new tracking update");
    expect(
      describeOrderEvent({
        ...order,
        type: "shipment.updated",
        status: "in_transit",
        newEvents: 0,
        milestones: [],
      }),
    ).toBeNull();
  });

  it("stays quiet about an order the customer just placed, and an unknown writer", () => {
    expect(
      describeOrderEvent({ ...order, type: "order.placed", orderStatus: "confirmed" }),
    ).toBeNull();
    expect(describeOrderEvent({ ...order, type: "order.archived" })).toBeNull();
  });

  it("passes on the shop's note with a status change", () => {
    expect(
      describeOrderEvent({
        ...order,
        type: "order.status_changed",
        orderStatus: "cancelled",
        note: "Out of stock, refunded.",
      }),
    ).toEqual({
      title: "Order WB-2026-000001: cancelled",
      description: "Out of stock, refunded.",
      tone: "info",
    });
  });

  it("names the carrier a shipment was handed to", () => {
    expect(
      describeOrderEvent({ ...order, type: "shipment.created", carrier: "maystro" })?.description,
    ).toContain("Maystro Delivery");
  });
});
