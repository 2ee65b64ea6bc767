import type { ScenarioName, ScenarioStep } from "../sandbox/kit";

/**
 * The Shiprocket sandbox's step lists. A step's `code` is the table-A `sr-status` ("NA" for a scan
 * Shiprocket leaves unmapped), `label` its upper-cased `sr-status-label`, `description` the courier's
 * activity text. Offsets count from AWB assignment; the first scan comes hours later, as in
 * production, where tracking answers `track_status: 0` until then (carriers.md §1.8 item 11).
 */
export type ShiprocketSandboxCode = `${number}` | "NA";

const HOUR = 60 * 60 * 1000;

const ORIGIN_HUB = "Bhiwandi_Mankoli_HB (Maharashtra)";
const ORIGIN_DC = "Mumbai_Andheri_PC (Maharashtra)";
const TRANSIT_HUB = "Nagpur_Hingna_H (Maharashtra)";
const DEST_HUB = "Bengaluru_Nelmngla_H (Karnataka)";
const DEST_DC = "Bengaluru_Koramangala_DC (Karnataka)";

type Step = ScenarioStep<ShiprocketSandboxCode>;

function step(
  hours: number,
  code: ShiprocketSandboxCode,
  label: string,
  location: string,
  description: string,
): Step {
  return { afterMs: Math.round(hours * HOUR), code, label, location, description };
}

const firstMile: Step[] = [
  step(3, "5", "MANIFEST GENERATED", ORIGIN_DC, "Manifested - Manifest uploaded"),
  step(7.5, "42", "PICKED UP", ORIGIN_DC, "In Transit - Shipment picked up"),
  step(11, "18", "IN TRANSIT", ORIGIN_HUB, "In Transit - Bag added to Trip"),
  step(26, "18", "IN TRANSIT", TRANSIT_HUB, "In Transit - Shipment Received at Facility"),
  step(
    41,
    "38",
    "REACHED AT DESTINATION HUB",
    DEST_HUB,
    "In Transit - Shipment reached destination hub",
  ),
];

const outForDelivery = (hours: number) =>
  step(hours, "17", "OUT FOR DELIVERY", DEST_DC, "Dispatched - Out for delivery");

export const SHIPROCKET_SCENARIOS: Record<ScenarioName, readonly Step[]> = {
  delivered: [
    ...firstMile,
    outForDelivery(50),
    step(55.5, "7", "DELIVERED", DEST_DC, "Delivered - Delivered to consignee"),
  ],
  failed_attempt_then_delivered: [
    ...firstMile,
    outForDelivery(50),
    step(57, "21", "UNDELIVERED", DEST_DC, "Pending - Consignee Unavailable"),
    outForDelivery(74),
    step(78, "7", "DELIVERED", DEST_DC, "Delivered - Delivered to consignee"),
  ],
  rto: [
    ...firstMile,
    outForDelivery(50),
    step(57, "21", "UNDELIVERED", DEST_DC, "Pending - Consignee refused to accept"),
    outForDelivery(74),
    step(80, "21", "UNDELIVERED", DEST_DC, "Pending - Consignee refused to accept"),
    step(98, "9", "RTO INITIATED", DEST_DC, "RTO - Return to origin initiated"),
    step(120, "46", "RTO IN INTRANSIT", DEST_HUB, "RTO - In Transit to origin"),
    step(170, "10", "RTO DELIVERED", ORIGIN_DC, "RTO - Returned to shipper"),
  ],
  lost: [
    ...firstMile.slice(0, 4),
    step(140, "12", "LOST", TRANSIT_HUB, "LOST - Shipment untraceable, marked lost"),
  ],
  cancelled_before_pickup: [
    step(3, "5", "MANIFEST GENERATED", ORIGIN_DC, "Manifested - Manifest uploaded"),
    step(5, "16", "CANCELLATION REQUESTED", ORIGIN_DC, "Cancellation requested by seller"),
    step(6, "8", "CANCELED", ORIGIN_DC, "Canceled - Shipment cancelled before pickup"),
  ],
  postponed: [
    ...firstMile,
    outForDelivery(50),
    step(56, "21", "UNDELIVERED", DEST_DC, "Pending - Consignee requested future delivery"),
    step(70, "22", "DELAYED", DEST_DC, "Pending - Delivery rescheduled by consignee"),
    outForDelivery(98),
    step(102, "7", "DELIVERED", DEST_DC, "Delivered - Delivered to consignee"),
  ],
  // Shiprocket has no stop-desk state: the nearest real flow is a hold at the delivery centre for
  // self-collection, reported as ordinary hub and delivery scans.
  stop_desk: [
    ...firstMile,
    step(
      49,
      "38",
      "REACHED AT DESTINATION HUB",
      DEST_DC,
      "In Transit - Held at delivery centre for self collection",
    ),
    step(75, "7", "DELIVERED", DEST_DC, "Delivered - Collected by consignee at delivery centre"),
  ],
  unknown_code: [
    step(2, "NA", "NA", ORIGIN_DC, "Pending Manifest Data Received"),
    step(7.5, "42", "PICKED UP", ORIGIN_DC, "In Transit - Shipment picked up"),
    step(11, "18", "IN TRANSIT", ORIGIN_HUB, "In Transit - Bag added to Trip"),
    step(
      41,
      "38",
      "REACHED AT DESTINATION HUB",
      DEST_HUB,
      "In Transit - Shipment reached destination hub",
    ),
    outForDelivery(50),
    step(55.5, "7", "DELIVERED", DEST_DC, "Delivered - Delivered to consignee"),
  ],
};

/**
 * The underlying courier's own scan code per Shiprocket code (Delhivery- and Xpressbees-style), so
 * activity `status` looks like production. One courier vocabulary is enough for a simulator.
 */
export const COURIER_SCAN_CODES: Record<string, string> = {
  NA: "DRC",
  "5": "X-UCI",
  "42": "X-PPOM",
  "18": "X-DLL2F",
  "38": "X-ILL1F",
  "17": "OFD",
  "21": "EOD-74",
  "22": "EOD-6",
  "7": "DLVD",
  "9": "RT-101",
  "46": "RT-IT",
  "10": "RTD",
  "12": "LOST",
  "16": "CAN-REQ",
  "8": "CAN",
};

/**
 * Order status (table B) that Shiprocket shows for an order whose shipment is at a table-A code; it
 * is what the webhook's `current_status_id` and the order list's `status_code` carry.
 */
export const ORDER_CODE_FOR_SHIPMENT_CODE: Record<string, { code: number; name: string }> = {
  "1": { code: 3, name: "READY TO SHIP" },
  "5": { code: 4, name: "PICKUP SCHEDULED" },
  "42": { code: 51, name: "PICKED UP" },
  "18": { code: 20, name: "IN TRANSIT" },
  "38": { code: 43, name: "REACHED DESTINATION HUB" },
  "17": { code: 19, name: "OUT FOR DELIVERY" },
  "21": { code: 36, name: "UNDELIVERED" },
  "22": { code: 37, name: "DELIVERY DELAYED" },
  "7": { code: 7, name: "DELIVERED" },
  "9": { code: 15, name: "RTO INITIATED" },
  "46": { code: 55, name: "RTO IN-TRANSIT" },
  "10": { code: 16, name: "RTO DELIVERED" },
  "12": { code: 33, name: "LOST" },
  "16": { code: 18, name: "CANCELLATION REQUESTED" },
  "8": { code: 5, name: "CANCELED" },
};

/** Couriers the sandbox assigns, with Shiprocket's courier company ids. */
export const SANDBOX_COURIERS = [
  { id: 142, name: "Amazon Surface" },
  { id: 51, name: "Xpressbees Surface" },
  { id: 10, name: "Delhivery Surface" },
] as const;
