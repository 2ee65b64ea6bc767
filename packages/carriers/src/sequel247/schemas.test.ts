import { describe, expect, it } from "vitest";
import calculateEdd from "./fixtures/calculate-edd.json";
import cancel from "./fixtures/cancel.json";
import serviceability from "./fixtures/check-serviceability.json";
import createShipment from "./fixtures/create-shipment.json";
import trackMultipleArray from "./fixtures/track-multiple-array.json";
import trackMultipleKeyed from "./fixtures/track-multiple-keyed.json";
import unknownDocket from "./fixtures/track-unknown-docket.json";
import {
  docketSchema,
  isValidDocket,
  sequel247CredentialsSchema,
  sequelCancelResponseSchema,
  sequelCreateResponseSchema,
  sequelEddResponseSchema,
  sequelErrorBodySchema,
  sequelFlagSchema,
  sequelServiceabilityResponseSchema,
  sequelTrackMultipleResponseSchema,
} from "./schemas";

describe("sequel247 credentials", () => {
  it("accepts a 32-character hex token in either case, trimmed", () => {
    expect(
      sequel247CredentialsSchema.parse({ token: " 5A9D0C3E7B1F4A2D8C6E0B9F3A7D1C5E " }),
    ).toEqual({ token: "5A9D0C3E7B1F4A2D8C6E0B9F3A7D1C5E" });
  });

  it.each([
    "",
    "5a9d0c3e7b1f4a2d8c6e0b9f3a7d1c5",
    "5a9d0c3e7b1f4a2d8c6e0b9f3a7d1c5e0",
    "ga9d0c3e7b1f4a2d8c6e0b9f3a7d1c5e",
  ])("refuses the token %j", (token) => {
    expect(sequel247CredentialsSchema.safeParse({ token }).success).toBe(false);
  });
});

describe("sequel247 docket numbers", () => {
  it.each(["0581094993", "1234567890"])("accepts %s", (docket) => {
    expect(isValidDocket(docket)).toBe(true);
    expect(docketSchema.parse(docket)).toBe(docket);
  });

  it("trims what an admin typed", () => {
    expect(docketSchema.parse(" 0581094993 ")).toBe("0581094993");
  });

  it.each(["058109499", "05810949931", "05810949a3", "0581 094993", "", 581094993, null])(
    "refuses %j",
    (value) => {
      expect(isValidDocket(value)).toBe(false);
      expect(docketSchema.safeParse(value).success).toBe(false);
    },
  );
});

describe("sequel247 status flag", () => {
  it.each([
    [true, true],
    ["true", true],
    [1, true],
    ["1", true],
    [false, false],
    ["false", false],
    [0, false],
    ["0", false],
  ])("reads %j as %s", (raw, expected) => {
    expect(sequelFlagSchema.parse(raw)).toBe(expected);
  });

  it.each(["yes", "TRUE ", 2, null])("refuses %j", (raw) => {
    expect(sequelFlagSchema.safeParse(raw).success).toBe(false);
  });
});

describe("sequel247 response shapes", () => {
  it("reads the docket-keyed trackMultiple with per-docket errors", () => {
    const body = sequelTrackMultipleResponseSchema.parse(trackMultipleKeyed);
    expect(Object.keys(body.successShipments)).toEqual(["0581094993"]);
    expect(body.successShipments["0581094993"]?.tracking).toHaveLength(3);
    expect(body.errorShipments).toEqual({ "0000000001": "No Tracking Information found" });
  });

  it("reads the data-array trackMultiple, with PHP's [] for an empty map", () => {
    const body = sequelTrackMultipleResponseSchema.parse(trackMultipleArray);
    expect(body.successShipments).toEqual({});
    expect(body.errorShipments).toEqual({});
    expect(body.data?.[0]?.docket_no).toBe("0581094993");
  });

  it("reads the booking answer, keeping only what the adapter uses", () => {
    expect(sequelCreateResponseSchema.parse(createShipment)).toEqual({
      status: true,
      message: "Shipment created successfully",
      data: {
        docketNumber: "0581094993",
        brn: "BRN7710042",
        estimated_delivery: "04-03-2026 18:00",
      },
    });
  });

  it("reads the unknown-docket error body as code 103", () => {
    expect(sequelErrorBodySchema.parse(unknownDocket)).toMatchObject({ status: false, code: 103 });
  });

  it("reads cancel, serviceability and EDD answers", () => {
    expect(sequelCancelResponseSchema.parse(cancel).data?.cancelled).toBe(true);
    expect(sequelServiceabilityResponseSchema.parse(serviceability).data?.hub).toBe("BLR");
    expect(sequelEddResponseSchema.parse(calculateEdd).data?.estimated_day).toBe("Wednesday");
  });
});
