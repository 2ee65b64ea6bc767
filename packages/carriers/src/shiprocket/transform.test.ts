import { describe, expect, it } from "vitest";
import delivered from "./fixtures/track-awb-delivered.json";
import noActivities from "./fixtures/track-no-activities.json";
import { trackResponseSchema } from "./schemas";
import { updateFromTracking } from "./transform";

const ref = { trackingNumber: "141123221084922" };

describe("shiprocket updateFromTracking", () => {
  it("returns the newest-first activities oldest first with exact UTC instants", () => {
    const { tracking_data } = trackResponseSchema.parse(delivered);
    const update = updateFromTracking(ref, tracking_data);
    expect(
      update.scans.map((scan) => [scan.occurredAt.toISOString(), scan.rawCode, scan.status]),
    ).toEqual([
      ["2022-07-18T04:21:00.000Z", "DRC", "unknown"],
      ["2022-07-19T03:27:00.000Z", "17", "out_for_delivery"],
      ["2022-07-19T06:07:00.000Z", "7", "delivered"],
    ]);
    expect(update.scans[2]).toMatchObject({
      rawLabel: "DELIVERED",
      description: "Delivered",
      location: "MADANPALLI, Madanapalli, ANDHRA PRADESH",
    });
  });

  it("keeps the carrier's tracking URL as given and reads courier and etd", () => {
    const { tracking_data } = trackResponseSchema.parse(delivered);
    expect(updateFromTracking(ref, tracking_data)).toMatchObject({
      trackingNumber: "141123221084922",
      courierName: "Xpressbees Surface",
      trackingUrl: "https://shiprocket.co//tracking/141123221084922",
      estimatedDelivery: new Date("2022-07-20T13:58:00.000Z"),
    });
  });

  it("answers track_status 0 with zero scans and nothing invented", () => {
    const { tracking_data } = trackResponseSchema.parse(noActivities);
    expect(updateFromTracking({ carrierShipmentId: "15151515" }, tracking_data)).toEqual({
      carrier: "shiprocket",
      ref: { carrierShipmentId: "15151515" },
      trackingNumber: null,
      courierName: null,
      trackingUrl: null,
      estimatedDelivery: null,
      scans: [],
    });
  });

  it("maps an undocumented sr-status to unknown with a warning instead of throwing", () => {
    const warnings: string[] = [];
    const { tracking_data } = trackResponseSchema.parse({
      tracking_data: {
        ...delivered.tracking_data,
        shipment_track_activities: [
          { ...delivered.tracking_data.shipment_track_activities[0], "sr-status": "64" },
        ],
      },
    });
    const update = updateFromTracking(ref, tracking_data, {
      warn: (message) => void warnings.push(message),
    });
    expect(update.scans[0]).toMatchObject({ status: "unknown", substatus: null, rawCode: "64" });
    expect(warnings).toHaveLength(1);
  });
});
