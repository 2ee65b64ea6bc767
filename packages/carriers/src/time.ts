export type CarrierTimeZone = "Asia/Kolkata" | "Africa/Algiers" | "UTC";

/** Both zones have had a fixed offset and no DST for decades, so no tz database is needed. */
const ZONE_OFFSET_MINUTES: Record<CarrierTimeZone, number> = {
  "Asia/Kolkata": 330,
  "Africa/Algiers": 60,
  UTC: 0,
};

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

type Wall = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  ms: number;
  /** Explicit offset in minutes east of UTC, when the value carried one. */
  offsetMinutes?: number;
};

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?`;
const OFFSET = String.raw`(Z|[+-]\d{2}(?::?\d{2})?)`;

// "2022-07-19 11:37:00", "2022-07-19T11:37:00.123456", "2022-07-19T11:37:00+05:30", "2022-07-19"
const ISO_LIKE = new RegExp(
  String.raw`^(\d{4})-(\d{2})-(\d{2})(?:[T ]${TIME}\s*${OFFSET}?)?$`,
  "i",
);
// "23 05 2023 11:43:52" (Shiprocket webhook current_timestamp)
const DAY_MONTH_YEAR_SPACED = new RegExp(String.raw`^(\d{2}) (\d{2}) (\d{4})(?: ${TIME})?$`);
// "21-09-2022 17:28" (Sequel247), also with "/" or "." and optional seconds
const DAY_MONTH_YEAR_DASHED = new RegExp(
  String.raw`^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?:,?\s+${TIME})?$`,
);
// "31 Jul 2019, 03:03 PM", "21 Sep 2022 05:28 PM", "21st Sep 2022 05:28 PM"
const DAY_MONTHNAME_YEAR = new RegExp(
  String.raw`^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+${TIME}\s*([ap]\.?m\.?)?)?$`,
  "i",
);
// "Jul 01, 2024", "Jul 1 2024 05:28 PM"
const MONTHNAME_DAY_YEAR = new RegExp(
  String.raw`^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+${TIME}\s*([ap]\.?m\.?)?)?$`,
  "i",
);

/**
 * Parses every format in carriers.md: "YYYY-MM-DD HH:mm:ss" (optionally with .micro), "DD MM YYYY HH:mm:ss"
 * (Shiprocket webhook current_timestamp), "31 Jul 2019, 03:03 PM", "21 Sep 2022 05:28 PM", "21st Sep 2022 05:28 PM",
 * "Jul 01, 2024", "YYYY-MM-DD", Sequel247 "DD-MM-YYYY HH:MM", ISO-8601 with offset/Z (offset wins over zone).
 * Values without offset are wall time in `zone` (IST is UTC+05:30 fixed, Algiers UTC+01:00 fixed, no DST).
 * Numbers are Unix epoch seconds (below 10^11) or milliseconds. Returns null for null/""/unparseable
 * (never throws, never invents "now").
 */
export function parseCarrierTime(
  value: string | number | null | undefined,
  zone: CarrierTimeZone,
): Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return fromEpoch(value);
  const wall = readCanonicalWall(value);
  if (wall) return dateOf(wall, zone);
  const text = value.trim().replace(/\s+/g, " ");
  if (text === "") return null;
  if (/^\d{9,13}$/.test(text)) return fromEpoch(Number(text));
  return dateOf(readWall(text), zone);
}

function dateOf(wall: Wall | null, zone: CarrierTimeZone): Date | null {
  if (!wall || !isValidWall(wall)) return null;
  const offset = wall.offsetMinutes ?? ZONE_OFFSET_MINUTES[zone];
  const utc =
    Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, wall.ms) -
    offset * 60_000;
  return new Date(utc);
}

function fromEpoch(value: number): Date | null {
  if (!Number.isFinite(value) || value <= 0) return null;
  const date = new Date(value < 1e11 ? value * 1000 : value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const DIGIT_0 = 48;
const DIGIT_9 = 57;

/**
 * "YYYY-MM-DD HH:mm:ss" exactly, read without a regular expression: nearly every scan of every carrier
 * comes in this shape, several per webhook. Null for any other text, which then takes the general path.
 */
function readCanonicalWall(text: string): Wall | null {
  if (text.length !== 19) return null;
  const separator = text.charCodeAt(10);
  if (
    text.charCodeAt(4) !== 45 || // -
    text.charCodeAt(7) !== 45 ||
    (separator !== 32 && separator !== 84) || // " " or "T"
    text.charCodeAt(13) !== 58 || // :
    text.charCodeAt(16) !== 58
  ) {
    return null;
  }
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 2);
  const day = digitsAt(text, 8, 2);
  const hour = digitsAt(text, 11, 2);
  const minute = digitsAt(text, 14, 2);
  const second = digitsAt(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return null;
  return { year, month, day, hour, minute, second, ms: 0 };
}

/** The number written by `count` ASCII digits at `start`, or -1 if any of them is not a digit. */
function digitsAt(text: string, start: number, count: number): number {
  let n = 0;
  for (let i = start; i < start + count; i++) {
    const code = text.charCodeAt(i);
    if (code < DIGIT_0 || code > DIGIT_9) return -1;
    n = n * 10 + (code - DIGIT_0);
  }
  return n;
}

function readWall(text: string): Wall | null {
  let m = ISO_LIKE.exec(text);
  if (m) {
    const wall = dateWithTime(Number(m[1]), Number(m[2]), Number(m[3]), m.slice(4, 8), undefined);
    if (!wall) return null;
    if (m[8] !== undefined) {
      const offset = parseOffset(m[8]);
      if (offset === null) return null;
      wall.offsetMinutes = offset;
    }
    return wall;
  }
  m = DAY_MONTH_YEAR_SPACED.exec(text) ?? DAY_MONTH_YEAR_DASHED.exec(text);
  if (m) return dateWithTime(Number(m[3]), Number(m[2]), Number(m[1]), m.slice(4, 8), undefined);
  m = DAY_MONTHNAME_YEAR.exec(text);
  if (m) return dateWithTime(Number(m[3]), monthNumber(m[2]), Number(m[1]), m.slice(4, 8), m[8]);
  m = MONTHNAME_DAY_YEAR.exec(text);
  if (m) return dateWithTime(Number(m[3]), monthNumber(m[1]), Number(m[2]), m.slice(4, 8), m[8]);
  return null;
}

function monthNumber(name: string | undefined): number {
  return MONTHS[(name ?? "").toLowerCase()] ?? Number.NaN;
}

/** `time` is [hour, minute, second, fraction] as captured (undefined parts absent); no time means midnight. */
function dateWithTime(
  year: number,
  month: number,
  day: number,
  time: Array<string | undefined>,
  meridiem: string | undefined,
): Wall | null {
  const [h, min, s, fraction] = time;
  let hour = h === undefined ? 0 : Number(h);
  if (meridiem !== undefined) {
    // A 12-hour clock has no hour 0 or 13+: "13:05 PM" is garbage, not 1 PM.
    if (hour < 1 || hour > 12) return null;
    const pm = meridiem.toLowerCase().startsWith("p");
    hour = (hour % 12) + (pm ? 12 : 0);
  }
  return {
    year,
    month,
    day,
    hour,
    minute: min === undefined ? 0 : Number(min),
    second: s === undefined ? 0 : Number(s),
    // Microseconds (Python/Django) are truncated to the millisecond a Date can hold.
    ms: fraction === undefined ? 0 : Number(fraction.slice(0, 3).padEnd(3, "0")),
  };
}

function parseOffset(text: string): number | null {
  if (text.toUpperCase() === "Z") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(text);
  if (!m) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? "0");
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "-" ? -1 : 1) * (hours * 60 + minutes);
}

function isValidWall(wall: Wall): boolean {
  const { year, month, day, hour, minute, second } = wall;
  if (![year, month, day, hour, minute, second, wall.ms].every(Number.isInteger)) return false;
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  if (hour > 23 || minute > 59 || second > 59) return false;
  // Date.UTC rolls 31 Feb over to March; a real carrier date never needs that.
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}
