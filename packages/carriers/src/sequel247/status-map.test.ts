import { describe, expect, it } from "vitest";
import type { CarrierLogger } from "../types";
import { mapSequel247Status, SEQUEL247_STATUS_MAP } from "./status-map";

// Every code of carriers.md §2.5 with its §4.3 mapping, written out by hand so the table is checked
// against the document rather than against itself.
const DOCUMENTED_CASES = [
  ["SCREATED", "info_received", "booked"],
  ["SPU", "in_transit", "picked_up"],
  ["SCHECKIN", "in_transit", "picked_up"],
  ["SCHKINORIGN", "in_transit", "origin_hub"],
  ["SLINREC", "in_transit", "hub_received"],
  ["SLINORIN", "in_transit", "departed_origin"],
  ["SLINDEST", "in_transit", "at_destination_hub"],
  ["SDELASN", "out_for_delivery", null],
  ["SDELVD", "delivered", null],
  ["SCANCELLED", "cancelled", null],
  ["SINEXCP", "exception", null],
  ["SRTOPKP", "return_to_sender", "rto_picked_up"],
  ["SRTODLV", "returned", "rto_delivered"],
] as const;

function recordingLogger(): CarrierLogger & { warnings: Array<[string, unknown]> } {
  const warnings: Array<[string, unknown]> = [];
  return { warnings, warn: (message, context) => warnings.push([message, context]) };
}

describe("mapSequel247Status", () => {
  it("covers every documented code and nothing else", () => {
    expect(Object.keys(SEQUEL247_STATUS_MAP).sort()).toEqual(
      DOCUMENTED_CASES.map(([code]) => code).sort(),
    );
  });

  it.each(DOCUMENTED_CASES)("maps %s to %s / %s", (code, status, substatus) => {
    const logger = recordingLogger();
    expect(mapSequel247Status(code, { logger })).toEqual({ status, substatus });
    expect(logger.warnings).toEqual([]);
  });

  it("tolerates stray whitespace around a known code", () => {
    expect(mapSequel247Status(" SDELVD ")).toEqual({ status: "delivered", substatus: null });
  });

  it.each(["SHLDCUST", "SDELVDX", "sdelvd", "DELIVERED"])(
    "maps the unknown code %j to unknown with a warning, without throwing",
    (code) => {
      const logger = recordingLogger();
      expect(mapSequel247Status(code, { logger })).toEqual({ status: "unknown", substatus: null });
      expect(logger.warnings).toHaveLength(1);
      expect(logger.warnings[0]?.[1]).toMatchObject({ carrier: "sequel247", rawCode: code });
    },
  );

  it("never reads a prototype key as a code", () => {
    expect(mapSequel247Status("constructor").status).toBe("unknown");
    expect(mapSequel247Status("__proto__").status).toBe("unknown");
  });
});
