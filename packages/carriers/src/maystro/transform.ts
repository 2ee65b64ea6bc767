import { parseCarrierTime } from "../time";
import type {
  CarrierLogger,
  CarrierUpdate,
  CreatedShipment,
  ShipmentRef,
  TrackingScan,
} from "../types";
import {
  type MaystroHistoryEntry,
  type MaystroOrder,
  type MaystroWebhookEvent,
  maystroHistoryEntrySchema,
} from "./schemas";
import { mapMaystroStatus, maystroStatusLabel } from "./status-map";

/**
 * Pure translation of Maystro's shapes into Waybill's. Maystro writes ISO-8601 with `Z` in order
 * objects; a time without offset is read as Algiers wall time.
 */
const MAYSTRO_ZONE = "Africa/Algiers";

function text(value: string | null | undefined): string | null {
  return value === null || value === undefined || value.trim() === "" ? null : value.trim();
}

/** The human-facing tracking number: `display_id`, which Maystro only assigns at pickup. */
export function maystroTrackingNumber(order: MaystroOrder): string | null {
  return text(order.display_id ?? order.tracking ?? order.tracking_number);
}

export function maystroOrderRef(order: MaystroOrder): ShipmentRef {
  return {
    carrierOrderId: order.id,
    trackingNumber: maystroTrackingNumber(order),
    orderNumber: text(order.external_order_id),
  };
}

/** The ids Maystro gave for an order, as `createShipment` returns them. */
export function maystroCreatedShipment(order: MaystroOrder): CreatedShipment {
  return {
    carrierOrderId: order.id,
    carrierShipmentId: null,
    trackingNumber: maystroTrackingNumber(order),
    courierName: null,
    trackingUrl: null,
    estimatedDelivery: null,
  };
}

/**
 * The time of the order's current status. The status-specific stamp wins (`delivered_at` for 41,
 * `alerted_at` for 32); otherwise `last_update`. `created_at` only dates status 4 (CREATED): on any
 * later status it is the creation time, not the scan's. Null when Maystro gave no usable time.
 */
function currentStatusTime(order: MaystroOrder): Date | null {
  const candidates = [
    order.status === 41 ? order.delivered_at : null,
    order.status === 32 ? order.alerted_at : null,
    order.last_update,
    order.updated_at,
    order.status === 4 ? order.created_at : null,
  ];
  for (const candidate of candidates) {
    const parsed = parseCarrierTime(candidate, MAYSTRO_ZONE);
    if (parsed) return parsed;
  }
  return null;
}

/** Why Maystro says what it says, from the detail fields of the current status. */
function currentStatusDescription(order: MaystroOrder): string | null {
  if (order.status === 32 && order.alert_reason) return `Alert reason: ${order.alert_reason}`;
  if (order.status === 42 && order.postponed_to) return `Postponed to ${order.postponed_to}`;
  if (order.status === 50 && order.abort_reason) return `Abort reason: ${order.abort_reason}`;
  return null;
}

function scanFor(
  code: number,
  occurredAt: Date,
  options: {
    deliveryType: number | null | undefined;
    description: string | null;
    label?: string | null;
    logger?: CarrierLogger | undefined;
  },
): TrackingScan {
  const mapping = mapMaystroStatus(code, {
    deliveryType: options.deliveryType,
    logger: options.logger,
  });
  return {
    occurredAt,
    status: mapping.status,
    substatus: mapping.substatus,
    rawCode: String(code),
    // The enum name keeps labels uniform across poll and webhook; Maystro's own label covers unknown codes.
    rawLabel: maystroStatusLabel(code) ?? text(options.label),
    // Maystro reports the destination commune, never where a scan happened: no location is given.
    location: null,
    description: options.description,
  };
}

/**
 * Lenient read of `GET /api/stores/history_order/{id}`: entries shaped `{status, created_at, comment}`
 * become scans; anything else (another shape, a bad time) is dropped with a warning, never thrown.
 */
export function historyToScans(
  raw: unknown,
  order: MaystroOrder,
  logger?: CarrierLogger,
): TrackingScan[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    logger?.warn("maystro: order history has an unexpected shape, ignored", {
      carrierOrderId: order.id,
    });
    return [];
  }
  const scans: TrackingScan[] = [];
  let dropped = 0;
  for (const item of raw) {
    const parsed = maystroHistoryEntrySchema.safeParse(item);
    const occurredAt = parsed.success
      ? parseCarrierTime(parsed.data.created_at, MAYSTRO_ZONE)
      : null;
    if (!parsed.success || occurredAt === null) {
      dropped++;
      continue;
    }
    scans.push(historyEntryScan(parsed.data, occurredAt, order, logger));
  }
  if (dropped > 0) {
    logger?.warn("maystro: order history entries with an unexpected shape were ignored", {
      carrierOrderId: order.id,
      dropped,
    });
  }
  return scans;
}

function historyEntryScan(
  entry: MaystroHistoryEntry,
  occurredAt: Date,
  order: MaystroOrder,
  logger: CarrierLogger | undefined,
): TrackingScan {
  return scanFor(entry.status, occurredAt, {
    deliveryType: order.delivery_type,
    description: text(entry.comment),
    logger,
  });
}

/**
 * Everything one order object tells us. The order's `status` with its time is one scan; a history,
 * when given, adds the earlier ones. Scans come back oldest first by carrier time.
 */
export function orderToUpdate(
  order: MaystroOrder,
  options: { history?: TrackingScan[]; logger?: CarrierLogger } = {},
): CarrierUpdate {
  const history = options.history ?? [];
  const scans = [...history];
  const occurredAt = currentStatusTime(order);
  const newestHistory = newest(history);
  // The history already holds the current status when its newest entry has the same code; adding
  // the order's own stamp would show one event twice under two slightly different times.
  if (occurredAt !== null && newestHistory?.rawCode !== String(order.status)) {
    scans.push(
      scanFor(order.status, occurredAt, {
        deliveryType: order.delivery_type,
        description: currentStatusDescription(order),
        logger: options.logger,
      }),
    );
  }
  return {
    carrier: "maystro",
    ref: maystroOrderRef(order),
    trackingNumber: maystroTrackingNumber(order),
    courierName: null,
    trackingUrl: null,
    // The only date Maystro gives about the future: the day a postponed delivery was moved to.
    estimatedDelivery:
      order.status === 42 ? parseCarrierTime(order.postponed_to, MAYSTRO_ZONE) : null,
    scans: sortScans(scans),
  };
}

function newest(scans: TrackingScan[]): TrackingScan | undefined {
  return sortScans(scans).at(-1);
}

/** Oldest first by carrier time; equal times keep their given order. */
export function sortScans(scans: TrackingScan[]): TrackingScan[] {
  return scans
    .map((scan, index) => ({ scan, index }))
    .sort((a, b) => a.scan.occurredAt.getTime() - b.scan.occurredAt.getTime() || a.index - b.index)
    .map(({ scan }) => scan);
}

/** Said on a webhook scan dated by its receipt: Maystro's webhook has no event time. */
export const RECEIPT_TIME_NOTE =
  "Time of receipt: Maystro's webhook carries no event time; Waybill recorded when it arrived.";

/**
 * One webhook event as an update. The event's own time (`last_update`, `updated_at`, or
 * `created_at` on `orderCreated`) is used when present; otherwise `receivedAt`, the receiver's
 * clock, an honest observation time which the scan's description says it is and which
 * `timeSource: "received"` marks for the engine.
 */
export function webhookEventToUpdate(
  event: MaystroWebhookEvent,
  receivedAt: Date,
  logger?: CarrierLogger,
): CarrierUpdate {
  const payload = event.payload;
  const carrierTime = [
    payload.last_update,
    payload.updated_at,
    event.event === "orderCreated" ? payload.created_at : null,
  ]
    .map((value) => parseCarrierTime(value, MAYSTRO_ZONE))
    .find((value): value is Date => value !== null);
  const trackingNumber = text(payload.display_id_order ?? payload.display_id);
  const scan = scanFor(payload.status, carrierTime ?? receivedAt, {
    deliveryType: payload.delivery_type,
    description: carrierTime ? null : RECEIPT_TIME_NOTE,
    label: payload.status_label,
    logger,
  });
  // A redelivered webhook would otherwise look like a second scan: the engine dedupes these by code.
  if (!carrierTime) scan.timeSource = "received";
  return {
    carrier: "maystro",
    ref: {
      carrierOrderId: text(payload.id),
      trackingNumber,
      orderNumber: text(payload.external_id ?? payload.external_order_id),
    },
    trackingNumber,
    courierName: null,
    trackingUrl: null,
    estimatedDelivery: null,
    scans: [scan],
  };
}
