import { describe, expect, it } from "vitest";
import type { CarrierLogger } from "../types";
import bookedNoScans from "./fixtures/track-booked-no-scans.json";
import delivered from "./fixtures/track-delivered.json";
import { sequelTrackResponseSchema } from "./schemas";
import { toUpdate } from "./transform";

function parseTrack(fixture: unknown) {
  return sequelTrackResponseSchema.parse(fixture).data;
}

describe("sequel247 toUpdate", () => {
  it("turns IST wall times without offset into the right UTC instants", () => {
    const update = toUpdate("0581094993", parseTrack(delivered));
    const byCode = Object.fromEntries(
      update.scans.map((scan) => [scan.rawCode, scan.occurredAt.toISOString()]),
    );
    // "2026-03-04 14:05:00" IST is 08:35 UTC; "2026-03-03 02:45:00" IST is the previous day in UTC.
    expect(byCode.SDELVD).toBe("2026-03-04T08:35:00.000Z");
    expect(byCode.SLINORIN).toBe("2026-03-02T21:15:00.000Z");
    // "04-03-2026 18:00" is DD-MM-YYYY HH:MM, IST.
    expect(update.estimatedDelivery?.toISOString()).toBe("2026-03-04T12:30:00.000Z");
  });

  it("returns a newest-first history oldest first, normalized scan by scan", () => {
    const update = toUpdate("0581094993", parseTrack(delivered));
    expect(update.scans.map((scan) => [scan.rawCode, scan.status, scan.substatus])).toEqual([
      ["SCREATED", "info_received", "booked"],
      ["SPU", "in_transit", "picked_up"],
      ["SCHKINORIGN", "in_transit", "origin_hub"],
      ["SLINORIN", "in_transit", "departed_origin"],
      ["SLINDEST", "in_transit", "at_destination_hub"],
      ["SDELASN", "out_for_delivery", null],
      ["SDELVD", "delivered", null],
    ]);
  });

  it("keeps what the carrier gave and leaves the rest null", () => {
    const update = toUpdate("0581094993", parseTrack(delivered));
    expect(update).toMatchObject({
      carrier: "sequel247",
      trackingNumber: "0581094993",
      courierName: null,
      trackingUrl: "https://sequel247.com/track/0581094993",
    });
    expect(update.scans[0]).toEqual({
      occurredAt: new Date("2026-03-01T05:45:00.000Z"),
      status: "info_received",
      substatus: "booked",
      rawCode: "SCREATED",
      rawLabel: null,
      location: null,
      description: "Shipment created",
    });
  });

  it("answers a booked docket with no history as an update with zero scans", () => {
    const update = toUpdate("0581094994", parseTrack(bookedNoScans));
    expect(update.scans).toEqual([]);
    expect(update.estimatedDelivery).toBeNull();
  });

  it("orders scans sharing a second by the wire order, read from shipment_status", () => {
    const at = "2026-03-01 11:15:00";
    const scans = [
      { code: "SCANCELLED", description: "Cancelled", location: null, date_time: at },
      { code: "SCREATED", description: "Created", location: null, date_time: at },
    ];
    const newestFirst = parseTrack({
      status: "true",
      data: { shipment_status: "SCANCELLED", tracking: scans },
    });
    const oldestFirst = parseTrack({
      status: "true",
      data: { shipment_status: "SCANCELLED", tracking: [...scans].reverse() },
    });
    for (const data of [newestFirst, oldestFirst]) {
      expect(toUpdate("0581094993", data).scans.map((scan) => scan.rawCode)).toEqual([
        "SCREATED",
        "SCANCELLED",
      ]);
    }
  });

  it("maps an unknown code to unknown with a warning", () => {
    const warnings: unknown[] = [];
    const logger: CarrierLogger = { warn: (_message, context) => warnings.push(context) };
    const data = parseTrack({
      status: "true",
      data: {
        tracking: [
          {
            code: "SHLDCUST",
            description: "Held at customer request",
            location: "MUMBAI",
            date_time: "2026-03-03 10:00:00",
          },
        ],
      },
    });
    const [scan] = toUpdate("0581094993", data, logger).scans;
    expect(scan).toMatchObject({ status: "unknown", substatus: null, rawCode: "SHLDCUST" });
    expect(warnings).toEqual([
      expect.objectContaining({ rawCode: "SHLDCUST", rawLabel: "Held at customer request" }),
    ]);
  });

  it("refuses a scan whose time cannot be read, naming it", () => {
    const data = parseTrack({
      status: "true",
      data: { tracking: [{ code: "SPU", date_time: "yesterday" }] },
    });
    expect(() => toUpdate("0581094993", data)).toThrow(
      expect.objectContaining({
        code: "INVALID_RESPONSE",
        message: expect.stringContaining("tracking[0].date_time"),
      }),
    );
  });
});
