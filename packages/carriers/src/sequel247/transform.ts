import { CarrierError } from "../errors";
import { parseCarrierTime } from "../time";
import type { CarrierLogger, CarrierUpdate, TrackingScan } from "../types";
import type { SequelTrackData } from "./schemas";
import { mapSequel247Status } from "./status-map";

/** Sequel247 times carry no offset: they are Indian Standard Time. */
export const SEQUEL247_TIME_ZONE = "Asia/Kolkata";

/** The carrier's public tracking page for a docket. */
export function sequel247TrackingUrl(docket: string): string {
  return `https://sequel247.com/track/${encodeURIComponent(docket)}`;
}

/** One docket's tracking data as a normalized update. Throws INVALID_RESPONSE on an unreadable scan time. */
export function toUpdate(
  docket: string,
  data: SequelTrackData,
  logger?: CarrierLogger,
): CarrierUpdate {
  const scans = data.tracking.map((scan, index): TrackingScan => {
    const occurredAt = parseCarrierTime(scan.date_time, SEQUEL247_TIME_ZONE);
    if (!occurredAt) {
      throw new CarrierError(
        "INVALID_RESPONSE",
        `sequel247 track has an unexpected shape: tracking[${index}].date_time: "${scan.date_time}" is not a time`,
        { carrier: "sequel247", details: [{ path: `tracking[${index}].date_time` }] },
      );
    }
    const description = blankToNull(scan.description);
    return {
      occurredAt,
      ...mapSequel247Status(scan.code, { logger, description }),
      rawCode: scan.code.trim(),
      // Sequel247 sends no label for a code, only this scan's wording, kept as the description.
      rawLabel: null,
      location: blankToNull(scan.location),
      description,
    };
  });
  return {
    carrier: "sequel247",
    ref: { trackingNumber: docket },
    trackingNumber: docket,
    // Sequel247 carries its own dockets; it names no separate courier.
    courierName: null,
    trackingUrl: sequel247TrackingUrl(docket),
    estimatedDelivery: parseCarrierTime(data.estimated_delivery, SEQUEL247_TIME_ZONE),
    scans: oldestFirst(scans, data.shipment_status?.trim() ?? null),
  };
}

/**
 * Integrators disagree on whether `tracking[]` is newest- or oldest-first, so order by time. Scans
 * sharing a timestamp (a cancel right after booking) keep their real order only if the wire order is
 * read first: from the times when the ends differ, else from which end matches `shipment_status`.
 */
function oldestFirst(scans: TrackingScan[], currentCode: string | null): TrackingScan[] {
  const first = scans[0];
  const last = scans[scans.length - 1];
  if (!first || !last) return [];
  const firstTime = first.occurredAt.getTime();
  const lastTime = last.occurredAt.getTime();
  const newestFirst =
    firstTime !== lastTime
      ? firstTime > lastTime
      : currentCode !== null && first.rawCode === currentCode && last.rawCode !== currentCode;
  const wire = newestFirst ? [...scans].reverse() : scans;
  return [...wire].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

function blankToNull(value: string | null): string | null {
  const text = value?.trim() ?? "";
  return text === "" ? null : text;
}
