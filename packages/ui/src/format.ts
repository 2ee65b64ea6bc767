import type { ShopLocale } from "./shop-locale";

/**
 * Dates, amounts and durations through `Intl` only (no date library): the browser already ships the
 * locale data. Formatters are costly to build, so each distinct one is built once.
 */

/** Dates cross tRPC as ISO strings (no transformer), even where the router's type says `Date`. */
export type DateInput = Date | string | number;

export function toDate(value: DateInput): Date {
  return value instanceof Date ? value : new Date(value);
}

const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>();

function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.RelativeTimeFormat>(
  key: string,
  build: () => T,
): T {
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter as T;
}

/**
 * - `datetime`: 24 Nov 2026, 2:32 pm
 * - `date`: 24 Nov 2026
 * - `day`: Tue, 24 Nov (timeline day headings, delivery estimates)
 * - `time`: 2:32 pm
 */
export type DateStyle = "datetime" | "date" | "day" | "time";

const DATE_OPTIONS: Record<DateStyle, Intl.DateTimeFormatOptions> = {
  datetime: { dateStyle: "medium", timeStyle: "short" },
  date: { dateStyle: "medium" },
  day: { weekday: "short", day: "numeric", month: "short" },
  time: { hour: "numeric", minute: "2-digit" },
};

export function formatDate(value: DateInput, shop: ShopLocale, style: DateStyle = "datetime") {
  const formatter = cached(
    `d|${shop.locale}|${shop.timeZone}|${style}`,
    () => new Intl.DateTimeFormat(shop.locale, { ...DATE_OPTIONS[style], timeZone: shop.timeZone }),
  );
  return formatter.format(toDate(value));
}

/** The calendar day in the shop's zone, as a stable key (2026-11-24) for grouping. */
export function dayKey(value: DateInput, shop: ShopLocale): string {
  const formatter = cached(
    `k|${shop.timeZone}`,
    () =>
      new Intl.DateTimeFormat("en-CA", {
        timeZone: shop.timeZone,
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
      }),
  );
  return formatter.format(toDate(value));
}

/** An amount in minor units (paise); whole amounts drop the ".00". */
export function formatMoney(minorUnits: number, shop: ShopLocale, currency = shop.currency) {
  const whole = minorUnits % 100 === 0;
  const formatter = cached(
    `m|${shop.locale}|${currency}|${whole}`,
    () =>
      new Intl.NumberFormat(shop.locale, {
        style: "currency",
        currency,
        minimumFractionDigits: whole ? 0 : 2,
        maximumFractionDigits: 2,
      }),
  );
  return formatter.format(minorUnits / 100);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "just now", "3 min ago", "in 40 min", "yesterday", "in 2 days". */
export function formatRelative(value: DateInput, now: number, shop: ShopLocale): string {
  const diff = toDate(value).getTime() - now;
  const abs = Math.abs(diff);
  if (abs < 45_000) return diff <= 0 ? "just now" : "in under a minute";
  const formatter = cached(
    `r|${shop.locale}`,
    () => new Intl.RelativeTimeFormat(shop.locale, { numeric: "auto", style: "short" }),
  );
  if (abs < 45 * MINUTE)
    return formatter.format(Math.round(diff / MINUTE) || Math.sign(diff), "minute");
  if (abs < 22 * HOUR) return formatter.format(Math.round(diff / HOUR), "hour");
  if (abs < 26 * DAY) return formatter.format(Math.round(diff / DAY), "day");
  if (abs < 320 * DAY) return formatter.format(Math.round(diff / (30 * DAY)), "month");
  return formatter.format(Math.round(diff / (365 * DAY)), "year");
}

/** A countdown's face: 0:42, 4:05, 1:02:03. Rounds up so it never shows 0:00 while time remains. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0
    ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}`
    : `${minutes}:${seconds}`;
}
