import { describe, expect, it } from "vitest";
import type { CarrierLogger } from "../types";
import { MAYSTRO_STATUS_LABELS, mapMaystroStatus, maystroStatusLabel } from "./status-map";

// Every code of carriers.md §3.5 with its §4.4 mapping, written out by hand so the table is checked
// against the document rather than against itself.
const HOME_DELIVERY_CASES = [
  [4, "CREATED", "pending", null],
  [11, "PENDING", "pending", "on_hold"],
  [5, "PICK_UP_REQUESTED", "info_received", "pickup_scheduled"],
  [6, "IN_PROCESS", "info_received", "processing_at_carrier"],
  [8, "WAITING_TRANSIT", "in_transit", "picked_up"],
  [9, "IN_TRANSIT_TO_BE_SHIPPED", "in_transit", null],
  [15, "READY_TO_SHIP", "in_transit", "at_destination_hub"],
  [22, "ASSIGNED", "out_for_delivery", "driver_assigned"],
  [31, "SHIPPED", "out_for_delivery", null],
  [32, "ALERTED", "failed_attempt", "alerted"],
  [42, "POSTPONED", "failed_attempt", "postponed"],
  [41, "DELIVERED", "delivered", null],
  [12, "OUT_OF_STOCK", "exception", "out_of_stock"],
  [53, "NOT_RECEIVED", "exception", "not_received"],
  [50, "ABORTED", "cancelled", "aborted"],
  [10, "IN_TRANSIT_TO_BE_RETURNED", "return_to_sender", "rto_in_transit"],
  [51, "READY_TO_RETURN", "return_to_sender", "ready_to_return"],
  [52, "TAKEN_BY_STORE", "returned", "taken_by_store"],
] as const;

function recordingLogger(): CarrierLogger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (message) => warnings.push(message) };
}

describe("mapMaystroStatus", () => {
  it("covers every documented code and nothing else", () => {
    const documented = HOME_DELIVERY_CASES.map(([code]) => code).sort((a, b) => a - b);
    const tabled = Object.keys(MAYSTRO_STATUS_LABELS)
      .map(Number)
      .sort((a, b) => a - b);
    expect(tabled).toEqual(documented);
  });

  it.each(HOME_DELIVERY_CASES)(
    "maps %i (%s) on a home delivery to %s / %s",
    (code, label, status, substatus) => {
      expect(mapMaystroStatus(code, { deliveryType: 1 })).toEqual({ status, substatus });
      expect(maystroStatusLabel(code)).toBe(label);
    },
  );

  it.each([15, 31])("maps %i on a stop-desk order to available_for_pickup", (code) => {
    expect(mapMaystroStatus(code, { deliveryType: 2 })).toEqual({
      status: "available_for_pickup",
      substatus: "stop_desk",
    });
  });

  it("keeps the home mapping for stop-desk codes other than 15 and 31", () => {
    expect(mapMaystroStatus(22, { deliveryType: 2 }).status).toBe("out_for_delivery");
    expect(mapMaystroStatus(41, { deliveryType: 2 }).status).toBe("delivered");
  });

  it("ends the cancel-then-return leg 50 → 51 → 52 at returned", () => {
    expect([50, 51, 52].map((code) => mapMaystroStatus(code).status)).toEqual([
      "cancelled",
      "return_to_sender",
      "returned",
    ]);
  });

  it.each([99, 0, 7, -1])("maps unknown code %i to unknown with a warning and no throw", (code) => {
    const logger = recordingLogger();
    expect(mapMaystroStatus(code, { logger })).toEqual({ status: "unknown", substatus: null });
    expect(logger.warnings).toHaveLength(1);
    expect(maystroStatusLabel(code)).toBeNull();
  });

  it("never maps an unknown code to delivered even when it sits near 41", () => {
    expect(mapMaystroStatus(40).status).toBe("unknown");
    expect(mapMaystroStatus(43).status).toBe("unknown");
  });
});
