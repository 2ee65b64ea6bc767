import { describe, expect, it } from "vitest";
import type { ShipmentStatus } from "../statuses";
import {
  mapShiprocketOrderStatus,
  mapShiprocketShipmentStatus,
  SHIPROCKET_ORDER_STATUS_LABELS,
  SHIPROCKET_ORDER_STATUS_MAP,
  SHIPROCKET_SHIPMENT_STATUS_LABELS,
  SHIPROCKET_SHIPMENT_STATUS_MAP,
} from "./status-map";

type Row = [code: number, status: ShipmentStatus, substatus: string | null];

// Every code of carriers.md §1.5 A, with the expectation from §4.1.
const SHIPMENT_ROWS: Row[] = [
  [1, "info_received", "awb_assigned"],
  [2, "info_received", "label"],
  [3, "info_received", "pickup_scheduled"],
  [4, "info_received", "pickup_scheduled"],
  [5, "info_received", "manifest"],
  [6, "in_transit", "shipped"],
  [7, "delivered", null],
  [8, "cancelled", null],
  [9, "return_to_sender", "rto_initiated"],
  [10, "returned", "rto_delivered"],
  [11, "pending", null],
  [12, "exception", "lost"],
  [13, "exception", "pickup_error"],
  [14, "returned", "rto_acknowledged"],
  [15, "info_received", "pickup_rescheduled"],
  [16, "unknown", "cancellation_requested"],
  [17, "out_for_delivery", null],
  [18, "in_transit", null],
  [19, "info_received", "out_for_pickup"],
  [20, "exception", "pickup_exception"],
  [21, "failed_attempt", "undelivered"],
  [22, "in_transit", "delayed"],
  [23, "delivered", "partial"],
  [24, "exception", "destroyed"],
  [25, "exception", "damaged"],
  [26, "delivered", "fulfilled"],
  [27, "info_received", "pickup_scheduled"],
  [38, "in_transit", "at_destination_hub"],
  [39, "exception", "misrouted"],
  [40, "return_to_sender", "rto_ndr"],
  [41, "return_to_sender", "rto_ofd"],
  [42, "in_transit", "picked_up"],
  [43, "delivered", "self_fulfilled"],
  [44, "exception", "disposed"],
  [45, "cancelled", "cancelled_before_dispatch"],
  [46, "return_to_sender", "rto_in_transit"],
  [47, "exception", "qc_failed"],
  [48, "in_transit", null],
  [49, "in_transit", null],
  [50, "in_transit", null],
  [51, "in_transit", "handover"],
  [52, "info_received", "booked"],
  [54, "in_transit", null],
  [55, "in_transit", null],
  [56, "in_transit", null],
  [57, "in_transit", null],
  [59, "pending", "fulfilment_centre"],
  [60, "pending", "fulfilment_centre"],
  [61, "pending", "fulfilment_centre"],
  [62, "pending", "fulfilment_centre"],
  [63, "pending", "fulfilment_centre"],
  [67, "pending", "fulfilment_centre"],
  [68, "pending", "fulfilment_centre"],
  [71, "exception", "handover_exception"],
  [72, "exception", "packed_exception"],
  [75, "return_to_sender", "rto_lock"],
  [76, "exception", "untraceable"],
  [77, "failed_attempt", "recipient_issue"],
  [78, "return_to_sender", "reached_seller_city"],
  [79, "info_received", "rider_assigned"],
  [80, "info_received", "rider_unassigned"],
  [81, "info_received", "rider_assigned"],
  [82, "out_for_delivery", "rider_at_drop"],
  [83, "info_received", "searching_for_rider"],
];

// Every code of carriers.md §1.5 B, with the expectation from §4.2 (customer returns: see status-map.ts).
const ORDER_ROWS: Row[] = [
  [1, "pending", null],
  [2, "pending", "invoiced"],
  [3, "info_received", "ready_to_ship"],
  [4, "info_received", "pickup_scheduled"],
  [5, "cancelled", null],
  [6, "in_transit", "shipped"],
  [7, "delivered", null],
  [8, "cancelled", "epayment_failed"],
  [9, "returned", "customer_return_delivered"],
  [10, "pending", "unmapped"],
  [11, "exception", "unfulfillable"],
  [12, "info_received", "pickup_scheduled"],
  [13, "info_received", "pickup_rescheduled"],
  [14, "exception", "pickup_error"],
  [15, "return_to_sender", "rto_initiated"],
  [16, "returned", "rto_delivered"],
  [17, "returned", "rto_acknowledged"],
  [18, "unknown", "cancellation_requested"],
  [19, "out_for_delivery", null],
  [20, "in_transit", null],
  [21, "unknown", "customer_return_pending"],
  [22, "unknown", "customer_return_initiated"],
  [23, "unknown", "customer_return_pickup_queued"],
  [24, "unknown", "customer_return_pickup_error"],
  [25, "unknown", "customer_return_in_transit"],
  [26, "returned", "customer_return_delivered"],
  [27, "unknown", "customer_return_cancelled"],
  [28, "unknown", "customer_return_pickup_generated"],
  [29, "unknown", "customer_return_cancellation_requested"],
  [30, "unknown", "customer_return_pickup_cancelled"],
  [31, "unknown", "customer_return_pickup_rescheduled"],
  [32, "unknown", "customer_return_picked_up"],
  [33, "exception", "lost"],
  [34, "info_received", "out_for_pickup"],
  [35, "exception", "pickup_exception"],
  [36, "failed_attempt", "undelivered"],
  [37, "in_transit", "delayed"],
  [38, "delivered", "partial"],
  [39, "exception", "destroyed"],
  [40, "exception", "damaged"],
  [41, "delivered", "fulfilled"],
  [42, "pending", "archived"],
  [43, "in_transit", "at_destination_hub"],
  [44, "exception", "misrouted"],
  [45, "return_to_sender", "rto_ofd"],
  [46, "return_to_sender", "rto_ndr"],
  [47, "unknown", "customer_return_out_for_pickup"],
  [48, "unknown", "customer_return_out_for_delivery"],
  [49, "unknown", "customer_return_pickup_exception"],
  [50, "unknown", "customer_return_undelivered"],
  [51, "in_transit", "picked_up"],
  [52, "delivered", "self_fulfilled"],
  [53, "exception", "disposed"],
  [54, "cancelled", "cancelled_before_dispatch"],
  [55, "return_to_sender", "rto_in_transit"],
  [57, "exception", "qc_failed"],
  [58, "in_transit", null],
  [59, "in_transit", null],
  [60, "in_transit", null],
  [61, "in_transit", "handover"],
  [62, "info_received", "booked"],
  [64, "in_transit", null],
  [65, "in_transit", null],
  [66, "in_transit", null],
  [67, "in_transit", null],
  [68, "returned", "customer_return_acknowledged"],
  [69, "pending", "fulfilment_centre"],
  [70, "info_received", "pickup_scheduled"],
  [71, "pending", "fulfilment_centre"],
  [72, "pending", "fulfilment_centre"],
  [73, "pending", "fulfilment_centre"],
  [74, "pending", "fulfilment_centre"],
  [75, "pending", "fulfilment_centre"],
  [76, "pending", "fulfilment_centre"],
  [80, "pending", "fulfilment_centre"],
  [81, "pending", "fulfilment_centre"],
  [82, "exception", "packed_exception"],
  [83, "exception", "handover_exception"],
  [87, "return_to_sender", "rto_lock"],
  [88, "exception", "untraceable"],
  [89, "failed_attempt", "recipient_issue"],
  [90, "return_to_sender", "reached_seller_city"],
];

function recordingLogger() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => void warnings.push(message) } };
}

describe("mapShiprocketShipmentStatus (table A)", () => {
  it.each(SHIPMENT_ROWS)("maps code %i to %s / %s", (code, status, substatus) => {
    expect(mapShiprocketShipmentStatus(code)).toEqual({ status, substatus });
    // `sr-status` arrives as a string.
    expect(mapShiprocketShipmentStatus(String(code))).toEqual({ status, substatus });
  });

  it("covers exactly the documented codes, each with a label", () => {
    const documented = SHIPMENT_ROWS.map(([code]) => code).sort((a, b) => a - b);
    expect(
      Object.keys(SHIPROCKET_SHIPMENT_STATUS_MAP)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(documented);
    expect(
      Object.keys(SHIPROCKET_SHIPMENT_STATUS_LABELS)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(documented);
  });

  it("treats sr-status NA as unknown without a warning", () => {
    const { warnings, logger } = recordingLogger();
    expect(mapShiprocketShipmentStatus("NA", logger)).toEqual({
      status: "unknown",
      substatus: null,
    });
    expect(warnings).toEqual([]);
  });

  it.each(["30", 53, "999", "07", "7.0", "DELIVERED", ""])(
    "maps undocumented code %j to unknown with a warning and no throw",
    (code) => {
      const { warnings, logger } = recordingLogger();
      expect(mapShiprocketShipmentStatus(code, logger)).toEqual({
        status: "unknown",
        substatus: null,
      });
      expect(warnings).toHaveLength(1);
    },
  );

  it("never reads table B: code 20 is a pickup exception here, not in-transit", () => {
    expect(mapShiprocketShipmentStatus(20).status).toBe("exception");
    expect(mapShiprocketOrderStatus(20).status).toBe("in_transit");
  });
});

describe("mapShiprocketOrderStatus (table B)", () => {
  it.each(ORDER_ROWS)("maps code %i to %s / %s", (code, status, substatus) => {
    expect(mapShiprocketOrderStatus(code)).toEqual({ status, substatus });
  });

  it("covers exactly the documented codes, each with a label", () => {
    const documented = ORDER_ROWS.map(([code]) => code).sort((a, b) => a - b);
    expect(
      Object.keys(SHIPROCKET_ORDER_STATUS_MAP)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(documented);
    expect(
      Object.keys(SHIPROCKET_ORDER_STATUS_LABELS)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual(documented);
  });

  it.each([56, 63, 77, 84, 91])("maps undocumented code %i to unknown with a warning", (code) => {
    const { warnings, logger } = recordingLogger();
    expect(mapShiprocketOrderStatus(code, logger)).toEqual({ status: "unknown", substatus: null });
    expect(warnings).toHaveLength(1);
  });
});
