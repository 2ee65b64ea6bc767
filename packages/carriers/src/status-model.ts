import type { CarrierId, OrderStatus, ShipmentStatus } from "./statuses";
import type { CarrierLogger } from "./types";

/** A raw carrier code translated: the normalized status plus the detail that the status alone loses. */
export type StatusMapping = { status: ShipmentStatus; substatus: string | null };

/** Exception substatuses after which nothing more will happen to the parcel. */
export const TERMINAL_EXCEPTION_SUBSTATUSES = ["lost", "destroyed", "disposed"] as const;

/**
 * carriers.md §4 rank: drives the forward-only guard. `unknown` has no rank: it never moves a status.
 * The statuses of rank 3 are the last mile, which may loop (attempt fails, goes out again).
 */
export const STATUS_RANK: Record<Exclude<ShipmentStatus, "unknown">, number> = {
  pending: 0,
  info_received: 1,
  in_transit: 2,
  out_for_delivery: 3,
  failed_attempt: 3,
  available_for_pickup: 3,
  exception: 4,
  return_to_sender: 5,
  returned: 8,
  cancelled: 8,
  delivered: 9,
};

/** Statuses that may alternate in any direction (carriers.md §4: in transit ↔ out for delivery ↔ failed attempt). */
const LAST_MILE: ReadonlySet<ShipmentStatus> = new Set([
  "in_transit",
  "out_for_delivery",
  "failed_attempt",
  "available_for_pickup",
]);

/** The rank of a status, or null for `unknown`. */
export function statusRank(status: ShipmentStatus): number | null {
  return status === "unknown" ? null : STATUS_RANK[status];
}

/**
 * Whether nothing more is expected: delivered, returned, cancelled, and exception with substatus lost, destroyed
 * or disposed. Note Maystro's cancelled (50) can still turn into a return (51, 52): a poller that stops at a
 * terminal status relies on that carrier's webhooks for the return leg.
 */
export function isTerminal(status: ShipmentStatus, substatus: string | null = null): boolean {
  if (status === "delivered" || status === "returned" || status === "cancelled") return true;
  return status === "exception" && isTerminalExceptionSubstatus(substatus);
}

function isTerminalExceptionSubstatus(substatus: string | null): boolean {
  return (
    substatus !== null && (TERMINAL_EXCEPTION_SUBSTATUSES as readonly string[]).includes(substatus)
  );
}

/**
 * The forward-only guard. Decides whether a scan that is NEWER in carrier time than the current status moves it
 * (older scans are kept in the timeline and never move it). Rules, in order:
 * 1. `unknown` never moves the status (the scan is still stored with its raw code).
 * 2. The same status and substatus is no change; the same status with a new substatus refines it.
 * 3. From `pending` or `unknown`, anything known moves.
 * 4. A terminal loss (exception lost/destroyed/disposed) moves any non-terminal status: a parcel can be lost
 *    on the return leg too.
 * 5. in_transit, out_for_delivery, failed_attempt and available_for_pickup alternate freely.
 * 6. A non-terminal exception may be followed by anything.
 * 7. cancelled may be followed by return_to_sender or returned (Maystro 50 → 51 → 52).
 * 8. Otherwise only a strictly higher rank moves it, so delivered is never left and nothing goes backwards.
 * An admin's manual change does not go through this guard.
 */
export function shouldAdvance(current: StatusMapping, next: StatusMapping): boolean {
  if (next.status === "unknown") return false;
  if (current.status === next.status) return current.substatus !== next.substatus;
  if (current.status === "pending" || current.status === "unknown") return true;

  const currentTerminal = isTerminal(current.status, current.substatus);
  if (
    next.status === "exception" &&
    isTerminalExceptionSubstatus(next.substatus) &&
    !currentTerminal
  )
    return true;
  if (LAST_MILE.has(current.status) && LAST_MILE.has(next.status)) return true;
  if (current.status === "exception" && !currentTerminal) return true;
  if (current.status === "cancelled")
    return next.status === "return_to_sender" || next.status === "returned";

  return STATUS_RANK[next.status] > STATUS_RANK[current.status];
}

/**
 * Applies scans in carrier-time order from `initial` through the guard and returns the resulting status and the
 * scan that set it (null when none moved it). Scans with equal times keep their given order.
 */
export function foldStatus<S extends StatusMapping & { occurredAt: Date }>(
  initial: StatusMapping,
  scans: readonly S[],
): { current: StatusMapping; setBy: S | null } {
  const ordered = scans
    .map((scan, index) => ({ scan, index }))
    .sort((a, b) => a.scan.occurredAt.getTime() - b.scan.occurredAt.getTime() || a.index - b.index);
  let current: StatusMapping = { status: initial.status, substatus: initial.substatus };
  let setBy: S | null = null;
  for (const { scan } of ordered) {
    if (shouldAdvance(current, scan)) {
      current = { status: scan.status, substatus: scan.substatus };
      setBy = scan;
    }
  }
  return { current, setBy };
}

/**
 * The one table from shipment status to the order's commerce status. Choices:
 * - pending and info_received → processing: the shop has handed the order to a carrier, nothing has moved.
 * - exception → shipped: the goods are still with the carrier; the shipment badge carries the problem.
 * - return_to_sender → shipped, not returned: the goods are not back yet, and `returned` is what a shop acts on
 *   (restock, refund); the shipment status shows the return leg.
 * - unknown → processing: we hold a shipment but cannot say more.
 * `pending` and `confirmed` are never derived: they precede any shipment.
 */
export const ORDER_STATUS_BY_SHIPMENT_STATUS: Record<ShipmentStatus, OrderStatus> = {
  pending: "processing",
  info_received: "processing",
  in_transit: "shipped",
  out_for_delivery: "out_for_delivery",
  failed_attempt: "out_for_delivery",
  available_for_pickup: "out_for_delivery",
  delivered: "delivered",
  exception: "shipped",
  return_to_sender: "shipped",
  returned: "returned",
  cancelled: "cancelled",
  unknown: "processing",
};

export function deriveOrderStatus(shipmentStatus: ShipmentStatus): OrderStatus {
  return ORDER_STATUS_BY_SHIPMENT_STATUS[shipmentStatus];
}

/** What `mapRawStatus` returns for a code no table knows. */
export const UNKNOWN_STATUS: StatusMapping = Object.freeze({ status: "unknown", substatus: null });

/**
 * Looks a raw carrier code up in a per-carrier table (`status-map.ts`). Codes are matched exactly after trimming,
 * never by substring of a label. An unknown code gives `{ status: "unknown", substatus: null }` and a warning.
 * A table may map a known code to `unknown` with a substatus (Shiprocket 16, cancellation requested) to mean
 * "keep the previous status" without a warning.
 */
export function mapRawStatus(
  table: Readonly<Record<string, StatusMapping>>,
  rawCode: string | number | null | undefined,
  context: {
    carrier: CarrierId;
    logger?: CarrierLogger | undefined;
    rawLabel?: string | null | undefined;
  },
): StatusMapping {
  const code = rawCode === null || rawCode === undefined ? "" : String(rawCode).trim();
  // hasOwn: a raw code such as "constructor" must not find Object.prototype members.
  if (code !== "" && Object.hasOwn(table, code)) {
    const mapping = table[code] as StatusMapping;
    return { status: mapping.status, substatus: mapping.substatus };
  }
  context.logger?.warn(`${context.carrier}: unknown status code, scan kept as unknown`, {
    carrier: context.carrier,
    rawCode: code === "" ? null : code,
    rawLabel: context.rawLabel ?? null,
  });
  return { ...UNKNOWN_STATUS };
}
