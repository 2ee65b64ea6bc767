import { describe, expect, it } from "vitest";
import { type CarrierTimeZone, parseCarrierTime } from "./time";

describe("parseCarrierTime", () => {
  const cases: Array<[string, string | number, CarrierTimeZone, string]> = [
    ["Shiprocket tracking date", "2022-07-19 11:37:00", "Asia/Kolkata", "2022-07-19T06:07:00.000Z"],
    [
      "microseconds truncated to ms",
      "2022-07-19 11:37:00.123456",
      "Asia/Kolkata",
      "2022-07-19T06:07:00.123Z",
    ],
    ["no seconds", "2022-07-19 11:37", "Asia/Kolkata", "2022-07-19T06:07:00.000Z"],
    [
      "T separator without offset is wall time",
      "2022-07-19T11:37:00",
      "Asia/Kolkata",
      "2022-07-19T06:07:00.000Z",
    ],
    [
      "legacy webhook current_timestamp",
      "2021-07-02 16:41:59",
      "Asia/Kolkata",
      "2021-07-02T11:11:59.000Z",
    ],
    [
      "webhook current_timestamp DD MM YYYY",
      "23 05 2023 11:43:52",
      "Asia/Kolkata",
      "2023-05-23T06:13:52.000Z",
    ],
    [
      "day month-name year, comma, PM",
      "31 Jul 2019, 03:03 PM",
      "Asia/Kolkata",
      "2019-07-31T09:33:00.000Z",
    ],
    ["day month-name year PM", "21 Sep 2022 05:28 PM", "Asia/Kolkata", "2022-09-21T11:58:00.000Z"],
    ["ordinal day", "21st Sep 2022 05:28 PM", "Asia/Kolkata", "2022-09-21T11:58:00.000Z"],
    ["ordinal 2nd, AM", "2nd Oct 2022 09:05 AM", "Asia/Kolkata", "2022-10-02T03:35:00.000Z"],
    ["12 AM is midnight", "21 Sep 2022 12:05 AM", "Asia/Kolkata", "2022-09-20T18:35:00.000Z"],
    ["12 PM is noon", "21 Sep 2022 12:05 PM", "Asia/Kolkata", "2022-09-21T06:35:00.000Z"],
    ["serviceability etd (date only)", "Jul 01, 2024", "Asia/Kolkata", "2024-06-30T18:30:00.000Z"],
    ["date only", "2024-07-01", "Asia/Kolkata", "2024-06-30T18:30:00.000Z"],
    ["Sequel247 DD-MM-YYYY HH:MM", "21-09-2022 17:28", "Asia/Kolkata", "2022-09-21T11:58:00.000Z"],
    ["Sequel247 with seconds", "21-09-2022 17:28:30", "Asia/Kolkata", "2022-09-21T11:58:30.000Z"],
    ["Sequel247 date only", "21-09-2022", "Asia/Kolkata", "2022-09-20T18:30:00.000Z"],
    ["ISO offset wins over zone", "2022-07-19T11:37:00+05:30", "UTC", "2022-07-19T06:07:00.000Z"],
    ["ISO Z", "2022-07-19T06:07:00Z", "Asia/Kolkata", "2022-07-19T06:07:00.000Z"],
    [
      "ISO Z with micro (Django)",
      "2024-03-01T09:15:42.512345Z",
      "Africa/Algiers",
      "2024-03-01T09:15:42.512Z",
    ],
    [
      "ISO compact negative offset",
      "2026-01-05T10:00:00-0300",
      "Asia/Kolkata",
      "2026-01-05T13:00:00.000Z",
    ],
    [
      "Algiers wall time is UTC+1",
      "2026-01-05 10:00:00",
      "Africa/Algiers",
      "2026-01-05T09:00:00.000Z",
    ],
    [
      "Algiers has no summer time",
      "2026-07-05 10:00:00",
      "Africa/Algiers",
      "2026-07-05T09:00:00.000Z",
    ],
    ["UTC wall time", "2026-01-05 10:00:00", "UTC", "2026-01-05T10:00:00.000Z"],
    ["leap day", "2024-02-29 23:59:59", "UTC", "2024-02-29T23:59:59.000Z"],
    [
      "surrounding and doubled spaces",
      "  21 Sep 2022   05:28 PM ",
      "Asia/Kolkata",
      "2022-09-21T11:58:00.000Z",
    ],
    ["epoch seconds", 1_700_000_000, "Asia/Kolkata", "2023-11-14T22:13:20.000Z"],
    ["epoch milliseconds", 1_700_000_000_123, "UTC", "2023-11-14T22:13:20.123Z"],
    ["epoch seconds as a string", "1700000000", "UTC", "2023-11-14T22:13:20.000Z"],
  ];

  it.each(cases)("%s: %j in %s", (_name, value, zone, expected) => {
    expect(parseCarrierTime(value, zone)?.toISOString()).toBe(expected);
  });

  const garbage: Array<string | number | null | undefined> = [
    null,
    undefined,
    "",
    "   ",
    "NA",
    "N/A",
    "null",
    "not a date",
    "0000-00-00 00:00:00",
    "2022-02-30 10:00:00",
    "2023-02-29 10:00:00",
    "2022-07-1x 11:37:00",
    "+022-07-19 11:37:00",
    "2022-07-19 11:37:60",
    "2022-07-19_11:37:00",
    "2022-13-01 10:00:00",
    "2022-07-19 25:00:00",
    "2022-07-19 11:60:00",
    "21 Sep 2022 13:05 PM",
    "21 Foo 2022 05:28 PM",
    "31-02-2022 10:00",
    "2022-07-19T11:37:00+25:00",
    Number.NaN,
    Number.POSITIVE_INFINITY,
    0,
    -5,
  ];

  it.each(garbage)("returns null for %j", (value) => {
    expect(parseCarrierTime(value, "Asia/Kolkata")).toBeNull();
  });

  it("reads the common YYYY-MM-DD HH:mm:ss shape as the general parser reads it", () => {
    // Surrounding spaces send the same text down the general path.
    const samples = ["2022-07-19 11:37:00", "2022-07-19T11:37:00", "1999-12-31 23:59:59"];
    for (const sample of samples) {
      for (const zone of ["Asia/Kolkata", "Africa/Algiers", "UTC"] as const) {
        expect(parseCarrierTime(sample, zone)).toEqual(parseCarrierTime(` ${sample} `, zone));
      }
    }
  });
});
