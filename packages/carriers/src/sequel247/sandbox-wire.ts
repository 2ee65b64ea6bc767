/** Wire details of the Sequel247 sandbox: postal zones and the carrier's IST time formats. */

const HOUR = 3_600_000;
/** One day in ms. */
export const DAY = 24 * HOUR;
const IST_OFFSET_MS = 330 * 60_000;

// First digit of an Indian pin code is its postal zone; each zone gets the hub city we report.
const ZONE_HUBS: Record<string, { city: string; hub: string; state: string }> = {
  "1": { city: "NEW DELHI", hub: "DEL", state: "DELHI" },
  "2": { city: "LUCKNOW", hub: "LKO", state: "UTTAR PRADESH" },
  "3": { city: "AHMEDABAD", hub: "AMD", state: "GUJARAT" },
  "4": { city: "MUMBAI", hub: "BOM", state: "MAHARASHTRA" },
  "5": { city: "BANGALORE", hub: "BLR", state: "KARNATAKA" },
  "6": { city: "CHENNAI", hub: "MAA", state: "TAMIL NADU" },
  "7": { city: "KOLKATA", hub: "CCU", state: "WEST BENGAL" },
  "8": { city: "PATNA", hub: "PAT", state: "BIHAR" },
};

/** The hub serving a pin code, or null for a pin Sequel247 does not serve (or no pin at all). */
export function hubFor(pinCode: string) {
  return /^[1-8]\d{5}$/.test(pinCode) ? (ZONE_HUBS[pinCode.charAt(0)] ?? null) : null;
}

/** IST wall-clock parts of an instant (IST is a fixed +05:30). */
function istParts(ms: number) {
  const iso = new Date(ms + IST_OFFSET_MS).toISOString();
  return {
    year: iso.slice(0, 4),
    month: iso.slice(5, 7),
    day: iso.slice(8, 10),
    time: iso.slice(11, 19),
  };
}

/** Tracking times: "YYYY-MM-DD HH:MM:SS", IST, no offset. */
export function formatScanTime(ms: number): string {
  const p = istParts(ms);
  return `${p.year}-${p.month}-${p.day} ${p.time}`;
}

/** Estimated delivery: "DD-MM-YYYY HH:MM", IST, no offset. */
export function formatEdd(ms: number): string {
  const p = istParts(ms);
  return `${p.day}-${p.month}-${p.year} ${p.time.slice(0, 5)}`;
}

export function weekdayIst(ms: number): string {
  return new Date(ms + IST_OFFSET_MS).toLocaleDateString("en-US", {
    weekday: "long",
    timeZone: "UTC",
  });
}

/** 18:00 IST on the Indian calendar day of `ms`: Sequel promises deliveries by end of day. */
export function eveningIst(ms: number): number {
  const day = Math.floor((ms + IST_OFFSET_MS) / DAY) * DAY;
  return day + 18 * HOUR - IST_OFFSET_MS;
}

/** `pickup_date` as clients send it: "Today", "Tomorrow", YYYY-MM-DD, DD-MM-YYYY or DD-MM-YY. */
export function parsePickupDate(value: string, nowMs: number): number | null {
  const text = value.trim().toLowerCase();
  if (text === "today") return nowMs;
  if (text === "tomorrow") return nowMs + DAY;
  let m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m) return istMidnight(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{2})-(\d{2})-(\d{2}|\d{4})$/.exec(text);
  if (m) {
    const year = (m[3] as string).length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return istMidnight(year, Number(m[2]), Number(m[1]));
  }
  return null;
}

function istMidnight(year: number, month: number, day: number): number | null {
  const utc = Date.UTC(year, month - 1, day);
  const check = new Date(utc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return utc - IST_OFFSET_MS;
}
