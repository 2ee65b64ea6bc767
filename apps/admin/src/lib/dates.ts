/**
 * Dates cross tRPC without a transformer, so a field typed `Date` arrives as an ISO string. Every
 * date the app shows goes through `asDate` first.
 */
export function asDate(value: Date | string | number | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** Milliseconds between two instants as "1.2 s", "3 min 5 s", "2 h 10 min"; a run's duration. */
export function formatElapsed(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = ms / 1000;
  if (seconds < 60) return `${seconds.toFixed(seconds < 10 ? 1 : 0)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A delivery time in hours as people say it: "18 h", "2.5 d". */
export function formatHours(hours: number | null): string {
  if (hours === null) return "—";
  if (hours < 48) return `${hours < 10 ? hours.toFixed(1) : Math.round(hours)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** `yyyy-mm-dd` of a local day → the instant it starts (or ends) in the admin's time zone. */
export function dayBoundary(day: string, edge: "start" | "end"): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]) - 1, Number(match[3])];
  return edge === "start"
    ? new Date(year, month, date, 0, 0, 0, 0)
    : new Date(year, month, date, 23, 59, 59, 999);
}
