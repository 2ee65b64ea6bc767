import type { StatusMapping } from "../status-model";
import { parseCarrierTime } from "../time";
import type { CarrierLogger, CarrierUpdate, ShipmentRef, TrackingScan } from "../types";
import type { ShiprocketOrder, TrackActivity, TrackingData, WebhookPayload } from "./schemas";
import {
  mapShiprocketOrderStatus,
  mapShiprocketShipmentStatus,
  shiprocketShipmentLabel,
} from "./status-map";

/**
 * Pure translation of Shiprocket answers into `CarrierUpdate`s. Conventions:
 * - `rawCode` is the Shiprocket table-A code the status came from (`sr-status`, `shipment_status_id`).
 *   A scan Shiprocket left unmapped (`"NA"`) keeps the underlying courier's own code (`DRC`), the only
 *   identifier it has; a label-only legacy scan keeps its label. A table-B code (order level) is
 *   written `order:<code>` so it can never be read as the table-A code with the same number.
 * - `track_url` is kept exactly as given, double slash included: it is the carrier's own link and it
 *   works as is; rewriting it would be inventing a URL.
 * - Scans come back oldest first by carrier time, whatever the wire order (tracking API: newest
 *   first; current webhooks: oldest first; legacy webhooks: newest first).
 */

const IST = "Asia/Kolkata";

function sortByTime(scans: TrackingScan[]): TrackingScan[] {
  // Array.prototype.sort is stable: scans with the same minute keep their wire order.
  return scans.sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

function isMappedCode(code: string | null): code is string {
  return code !== null && code.trim().toUpperCase() !== "NA";
}

/** One tracking activity or current-format webhook scan (both carry `sr-status`). */
export function scanFromActivity(
  activity: TrackActivity,
  logger?: CarrierLogger,
): TrackingScan | null {
  const occurredAt = parseCarrierTime(activity.date, IST);
  if (occurredAt === null) {
    logger?.warn("shiprocket: scan with an unreadable date skipped", {
      carrier: "shiprocket",
      date: activity.date,
    });
    return null;
  }
  const srStatus = activity["sr-status"];
  const mapping = mapShiprocketShipmentStatus(srStatus, logger);
  const srLabel = activity["sr-status-label"];
  const mapped = isMappedCode(srStatus);
  return {
    occurredAt,
    status: mapping.status,
    substatus: mapping.substatus,
    rawCode: mapped ? srStatus : (activity.status ?? srStatus ?? activity.activity ?? "NA"),
    rawLabel: mapped
      ? srLabel !== null && srLabel !== "NA"
        ? srLabel
        : shiprocketShipmentLabel(srStatus)
      : null,
    location: activity.location,
    description: activity.activity,
  };
}

function scansFromActivities(
  activities: readonly TrackActivity[],
  logger?: CarrierLogger,
): TrackingScan[] {
  return sortByTime(
    activities
      .map((activity) => scanFromActivity(activity, logger))
      .filter((scan) => scan !== null),
  );
}

/** A `tracking_data` object (any of the three tracking endpoints) for the ref it answers. */
export function updateFromTracking(
  ref: ShipmentRef,
  data: TrackingData,
  logger?: CarrierLogger,
): CarrierUpdate {
  const track = data.shipment_track?.[0];
  return {
    carrier: "shiprocket",
    ref,
    trackingNumber: track?.awb_code ?? ref.trackingNumber ?? null,
    courierName: track?.courier_name ?? null,
    trackingUrl: data.track_url,
    estimatedDelivery: parseCarrierTime(data.etd ?? track?.edd, IST),
    // track_status 0 is "no activities yet", an answer with nothing new, not an error.
    scans:
      data.track_status === 1
        ? scansFromActivities(data.shipment_track_activities ?? [], logger)
        : [],
  };
}

/** A scan built from a status-level field rather than a scan row. */
function statusScan(
  occurredAt: Date,
  code: string,
  mapping: StatusMapping,
  rawLabel: string | null,
  description: string | null,
  location: string | null,
): TrackingScan {
  return {
    occurredAt,
    status: mapping.status,
    substatus: mapping.substatus,
    rawCode: code,
    rawLabel,
    location,
    description,
  };
}

/**
 * The latest status of a webhook: table A `shipment_status_id` when present (it is on every documented
 * payload), else table B `current_status_id` as an order-level fallback.
 */
function webhookStatus(payload: WebhookPayload, logger?: CarrierLogger) {
  if (payload.shipment_status_id !== null) {
    return {
      code: payload.shipment_status_id,
      mapping: mapShiprocketShipmentStatus(payload.shipment_status_id, logger),
      label: payload.shipment_status ?? shiprocketShipmentLabel(payload.shipment_status_id),
    };
  }
  if (payload.current_status_id !== null) {
    return {
      code: `order:${payload.current_status_id}`,
      mapping: mapShiprocketOrderStatus(payload.current_status_id, logger),
      label: payload.current_status,
    };
  }
  return null;
}

/**
 * Legacy scans carry only a label, newest first. The newest takes the payload's status code; older
 * ones are kept as `unknown` rows with the label as raw code (a label is never mapped by substring).
 */
function legacyScans(payload: WebhookPayload, logger?: CarrierLogger): TrackingScan[] {
  const dated = (payload.scans ?? [])
    .map((scan) => ({ scan, occurredAt: parseCarrierTime(scan.date, IST) }))
    .filter((entry): entry is { scan: (typeof entry)["scan"]; occurredAt: Date } => {
      if (entry.occurredAt !== null) return true;
      logger?.warn("shiprocket: scan with an unreadable date skipped", {
        carrier: "shiprocket",
        date: entry.scan.date,
      });
      return false;
    });
  const newest = dated.reduce<(typeof dated)[number] | null>(
    (best, entry) =>
      best === null || entry.occurredAt.getTime() > best.occurredAt.getTime() ? entry : best,
    null,
  );
  const status = webhookStatus(payload, logger);
  return sortByTime(
    dated.map((entry) => {
      const label = entry.scan.activity ?? entry.scan.status ?? null;
      if (entry === newest && status !== null) {
        return statusScan(
          entry.occurredAt,
          status.code,
          status.mapping,
          status.label,
          label,
          entry.scan.location,
        );
      }
      return {
        occurredAt: entry.occurredAt,
        status: "unknown",
        substatus: null,
        rawCode: label ?? "UNKNOWN",
        rawLabel: label,
        location: entry.scan.location,
        description: label,
      } satisfies TrackingScan;
    }),
  );
}

/** A webhook body (current or legacy variant), already authenticated and parsed. */
export function updateFromWebhook(payload: WebhookPayload, logger?: CarrierLogger): CarrierUpdate {
  const scans = payload.scans ?? [];
  const hasCodes = scans.some((scan) => scan["sr-status"] !== null);
  let timeline: TrackingScan[];
  if (scans.length === 0) {
    // A status change without scan rows (e.g. AWB assigned): the payload's own status and time are real data.
    const at = parseCarrierTime(payload.current_timestamp, IST);
    const status = webhookStatus(payload, logger);
    timeline =
      at !== null && status !== null
        ? [statusScan(at, status.code, status.mapping, status.label, payload.current_status, null)]
        : [];
  } else if (hasCodes) {
    timeline = scansFromActivities(scans, logger);
  } else {
    timeline = legacyScans(payload, logger);
  }

  // Legacy payloads add `channel_order_id` (ours) and use `order_id` for Shiprocket's; current ones
  // send ours in `order_id` and Shiprocket's in `sr_order_id`.
  const legacyIds = payload.channel_order_id !== null && payload.sr_order_id === null;
  const ref: ShipmentRef = {
    trackingNumber: payload.awb,
    orderNumber: legacyIds ? payload.channel_order_id : payload.order_id,
    carrierOrderId: legacyIds ? payload.order_id : payload.sr_order_id,
  };
  return {
    carrier: "shiprocket",
    ref,
    trackingNumber: payload.awb,
    courierName: payload.courier_name,
    trackingUrl: null,
    estimatedDelivery: parseCarrierTime(payload.etd, IST),
    scans: timeline,
  };
}

/** The order-level scan an order-list entry gives: table B `status_code` at `updated_at`. */
export function orderStatusScan(
  order: ShiprocketOrder,
  logger?: CarrierLogger,
): TrackingScan | null {
  if (order.status_code === undefined) return null;
  const at = parseCarrierTime(order.updated_at, IST);
  if (at === null) return null;
  const mapping = mapShiprocketOrderStatus(order.status_code, logger);
  return statusScan(at, `order:${order.status_code}`, mapping, order.status ?? null, null, null);
}
