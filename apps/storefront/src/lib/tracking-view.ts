import {
  type BadgeTone,
  type DateInput,
  dayKey,
  formatDate,
  formatRelative,
  type MilestoneStep,
  ORDER_STATUS_LOOK,
  SHIPMENT_STATUS_LOOK,
  type ShopLocale,
  type TimelineGroup,
  toDate,
} from "@waybill/ui";
import type { CheckSource, OrderStatus, ShipmentStatus } from "./api-types";

/**
 * How a shipment reads on the tracking pages: the milestone track, the headline, the timeline and the
 * freshness line. Pure functions of the api's answers, shared by the order page and the public page.
 */

/** Nothing more will happen to the parcel: no checks to offer, no next automatic check to promise. */
export const FINAL_STATUSES: readonly ShipmentStatus[] = ["delivered", "returned", "cancelled"];

/** An admin may set the order's status without a carrier scan; the order then speaks for the parcel. */
const STATUS_FROM_ORDER: Partial<Record<OrderStatus, ShipmentStatus>> = {
  shipped: "in_transit",
  out_for_delivery: "out_for_delivery",
  delivered: "delivered",
  cancelled: "cancelled",
  returned: "returned",
};

/** The status the page shows: the shipment's, unless the order was closed (or moved on) without one. */
export function effectiveStatus(
  orderStatus: OrderStatus,
  shipmentStatus: ShipmentStatus | null,
): ShipmentStatus | null {
  const fromOrder = STATUS_FROM_ORDER[orderStatus] ?? null;
  if (shipmentStatus === null) return fromOrder;
  if ((orderStatus === "cancelled" || orderStatus === "returned") && fromOrder !== shipmentStatus) {
    return fromOrder;
  }
  return shipmentStatus;
}

const step = (
  id: string,
  label: string,
  state: MilestoneStep["state"],
  extra: Partial<Pick<MilestoneStep, "detail" | "tone">> = {},
): MilestoneStep => ({ id, label, state, ...extra });

/**
 * Confirmed → Shipped → Out for delivery → Delivered, bent where the parcel's story bends: a failed
 * attempt or an exception is drawn as a problem where it happened, a return gets its own leg, a
 * cancellation ends the track.
 */
export function milestonesFor(input: {
  orderStatus: OrderStatus;
  shipmentStatus: ShipmentStatus | null;
  deliveredAt?: DateInput | null;
  shop: ShopLocale;
}): MilestoneStep[] {
  const status = effectiveStatus(input.orderStatus, input.shipmentStatus);
  const confirmedDone = step("confirmed", "Confirmed", "done");
  switch (status) {
    case null:
      if (input.orderStatus === "pending") {
        return [
          step("confirmed", "Confirmed", "current", { detail: "Awaiting confirmation" }),
          step("shipped", "Shipped", "upcoming"),
          step("out_for_delivery", "Out for delivery", "upcoming"),
          step("delivered", "Delivered", "upcoming"),
        ];
      }
      return [
        input.orderStatus === "processing"
          ? confirmedDone
          : step("confirmed", "Confirmed", "current"),
        step(
          "shipped",
          "Shipped",
          input.orderStatus === "processing" ? "current" : "upcoming",
          input.orderStatus === "processing" ? { detail: "Being packed" } : {},
        ),
        step("out_for_delivery", "Out for delivery", "upcoming"),
        step("delivered", "Delivered", "upcoming"),
      ];
    case "pending":
    case "unknown":
    case "info_received":
    case "in_transit":
    case "exception":
      return [
        confirmedDone,
        status === "exception"
          ? step("shipped", "Shipped", "problem", { detail: "Problem reported", tone: "danger" })
          : step("shipped", "Shipped", "current", { detail: SHIPPED_DETAIL[status] }),
        step("out_for_delivery", "Out for delivery", "upcoming"),
        step("delivered", "Delivered", "upcoming"),
      ];
    case "out_for_delivery":
    case "failed_attempt":
    case "available_for_pickup":
      return [
        confirmedDone,
        step("shipped", "Shipped", "done"),
        status === "failed_attempt"
          ? step("out_for_delivery", "Out for delivery", "problem", {
              detail: "Delivery attempt failed",
            })
          : status === "available_for_pickup"
            ? step("available_for_pickup", "Ready for pickup", "current")
            : step("out_for_delivery", "Out for delivery", "current"),
        step("delivered", "Delivered", "upcoming"),
      ];
    case "delivered":
      return [
        confirmedDone,
        step("shipped", "Shipped", "done"),
        step("out_for_delivery", "Out for delivery", "done"),
        step("delivered", "Delivered", "done", {
          ...(input.deliveredAt
            ? { detail: formatDate(input.deliveredAt, input.shop, "day") }
            : {}),
        }),
      ];
    case "return_to_sender":
    case "returned":
      return [
        confirmedDone,
        step("shipped", "Shipped", "done"),
        status === "returned"
          ? step("returning", "Returning", "done")
          : step("returning", "Returning", "problem", { detail: "On its way back to the shop" }),
        step(
          "returned",
          "Returned",
          status === "returned" ? "problem" : "upcoming",
          status === "returned" ? { detail: "Back with the shop" } : {},
        ),
      ];
    case "cancelled":
      return [
        confirmedDone,
        step("cancelled", "Cancelled", "problem", { detail: "Not delivered" }),
      ];
  }
}

const SHIPPED_DETAIL: Record<"pending" | "unknown" | "info_received" | "in_transit", string> = {
  pending: "Handed to the carrier",
  unknown: "With the carrier",
  info_received: "Awaiting pickup",
  in_transit: "In transit",
};

/** The big words at the top of a tracking page. */
export function statusHeadline(
  orderStatus: OrderStatus,
  shipmentStatus: ShipmentStatus | null,
): { title: string; tone: BadgeTone } {
  const status = effectiveStatus(orderStatus, shipmentStatus);
  if (status === null) {
    const look = ORDER_STATUS_LOOK[orderStatus];
    return orderStatus === "processing"
      ? { title: "Preparing your order", tone: look.tone }
      : { title: orderStatus === "confirmed" ? "Order confirmed" : look.label, tone: look.tone };
  }
  if (status === "pending" || status === "unknown")
    return { title: "Handed to the carrier", tone: "info" };
  if (status === "info_received") return { title: "Packed, awaiting pickup", tone: "info" };
  const look = SHIPMENT_STATUS_LOOK[status];
  return { title: look.label, tone: look.tone };
}

/** For badges in lists: the shipment's status when there is one (it says more), else the order's. */
export function badgeStatus(
  orderStatus: OrderStatus,
  shipmentStatus: ShipmentStatus | null,
): { kind: "shipment"; status: ShipmentStatus } | { kind: "order"; status: OrderStatus } {
  const status = shipmentStatus === null ? null : effectiveStatus(orderStatus, shipmentStatus);
  return status === null || status === "pending" || status === "unknown"
    ? { kind: "order", status: orderStatus }
    : { kind: "shipment", status };
}

/** One carrier scan as the pages receive it (the order page's and the public page's shapes both fit). */
export type ScanLike = {
  id?: string;
  occurredAt: DateInput;
  status: ShipmentStatus;
  rawLabel?: string | null;
  label?: string | null;
  location: string | null;
  description: string | null;
  source?: string;
};

/** Carrier labels come in capitals ("IN TRANSIT"); they read better as a sentence. */
function sentenceCase(label: string): string {
  return label === label.toUpperCase() ? label.charAt(0) + label.slice(1).toLowerCase() : label;
}

function scanTitle(scan: ScanLike): string {
  if (scan.status !== "unknown") return SHIPMENT_STATUS_LOOK[scan.status].label;
  const raw = scan.rawLabel ?? scan.label;
  return raw ? sentenceCase(raw) : "Update from the carrier";
}

function scanDescription(scan: ScanLike, title: string): string | null {
  if (scan.source === "admin") return scan.description ?? "Updated by the shop";
  if (scan.description) return scan.description;
  const raw = scan.rawLabel ?? scan.label;
  return raw && raw.toLowerCase() !== title.toLowerCase() ? sentenceCase(raw) : null;
}

/**
 * Scans grouped by the shop's calendar day (Today, Yesterday, Tue, 24 Nov), in the order given: the api
 * sends newest first. Times are the carrier's, shown on the shop's clock.
 */
export function timelineGroups(
  scans: readonly ScanLike[],
  options: { shop: ShopLocale; now: number; fresh?: ReadonlySet<string> },
): TimelineGroup[] {
  const { shop, now } = options;
  const today = dayKey(now, shop);
  const yesterday = dayKey(now - 86_400_000, shop);
  const groups: TimelineGroup[] = [];
  const byDay = new Map<string, TimelineGroup>();
  scans.forEach((scan, index) => {
    const key = dayKey(scan.occurredAt, shop);
    let group = byDay.get(key);
    if (!group) {
      const heading =
        key === today
          ? "Today"
          : key === yesterday
            ? "Yesterday"
            : formatDate(scan.occurredAt, shop, "day");
      group = { id: key, heading, entries: [] };
      groups.push(group);
      byDay.set(key, group);
    }
    const id = scan.id ?? `${toDate(scan.occurredAt).getTime()}-${index}`;
    const title = scanTitle(scan);
    const description = scanDescription(scan, title);
    group.entries.push({
      id,
      title,
      ...(description ? { description } : {}),
      ...(scan.location ? { place: scan.location } : {}),
      time: formatDate(scan.occurredAt, shop, "time"),
      dateTime: toDate(scan.occurredAt).toISOString(),
      tone: scan.status === "unknown" ? "neutral" : SHIPMENT_STATUS_LOOK[scan.status].tone,
      fresh: options.fresh?.has(id) ?? false,
    });
  });
  return groups;
}

const SOURCE_WORDS: Record<CheckSource, string> = {
  webhook: "by webhook",
  poll: "by scheduled check",
  manual: "by manual check",
  admin: "by the shop",
};

/**
 * "Last checked 3 min ago by webhook · next automatic check in 40 min". A finished shipment promises no
 * next check; a shipment nobody has asked about yet says so.
 */
export function freshnessLine(input: {
  lastCheckedAt: DateInput | null;
  lastCheckSource: CheckSource | null;
  nextCheckAt: DateInput | null;
  status: ShipmentStatus;
  now: number;
  shop: ShopLocale;
}): string {
  const { now, shop } = input;
  const parts: string[] = [];
  if (input.lastCheckedAt === null) {
    parts.push("Not checked with the carrier yet");
  } else {
    const source = input.lastCheckSource ? ` ${SOURCE_WORDS[input.lastCheckSource]}` : "";
    parts.push(`Last checked ${formatRelative(input.lastCheckedAt, now, shop)}${source}`);
  }
  if (FINAL_STATUSES.includes(input.status)) {
    parts.push("tracking complete");
  } else if (input.nextCheckAt !== null) {
    const next = toDate(input.nextCheckAt).getTime();
    parts.push(
      next <= now + 30_000
        ? "next automatic check due now"
        : `next automatic check ${formatRelative(next, now, shop)}`,
    );
  }
  return parts.join(" · ");
}
