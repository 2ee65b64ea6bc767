import type { ScenarioName, ScenarioStep } from "../sandbox/kit";

/**
 * Maystro scenario step lists for the sandbox: numeric codes of carriers.md §3.5 as strings, offsets
 * in sandbox time from order creation. Places are the Algerian hubs a parcel from Algiers would see.
 */
export type MaystroCode = `${number}`;

const HOUR = 3_600_000;

/** The code a sandbox order is created with, and the one at which it gets its display id. */
export const CREATED_CODE = "4";
/** Maystro prints the tracking number (`display_id`) on the label when pickup is requested. */
export const DISPLAY_ID_CODES: ReadonlySet<string> = new Set([
  "5",
  "6",
  "8",
  "9",
  "15",
  "22",
  "31",
]);
/** Codes before pickup, from which the store may still abort the order. */
export const ABORTABLE_CODES: ReadonlySet<string> = new Set(["4", "5", "6", "11", "12"]);

type Step = ScenarioStep<MaystroCode>;

const step = (
  hours: number,
  code: MaystroCode,
  label: string,
  location: string | null,
  description?: string,
): Step => ({
  afterMs: hours * HOUR,
  code,
  label,
  location,
  ...(description !== undefined ? { description } : {}),
});

const FIRST_MILE: Step[] = [
  step(0, "4", "CREATED", "Alger"),
  step(2, "5", "PICK_UP_REQUESTED", "Alger"),
  step(6, "6", "IN_PROCESS", "Alger, hub Bab Ezzouar"),
  step(20, "8", "WAITING_TRANSIT", "Alger, hub Bab Ezzouar"),
  step(26, "9", "IN_TRANSIT_TO_BE_SHIPPED", "Route Alger - Oran"),
];

const TO_DOOR: Step[] = [
  ...FIRST_MILE,
  step(40, "15", "READY_TO_SHIP", "Oran, hub Es Senia"),
  step(46, "22", "ASSIGNED", "Oran"),
  step(48, "31", "SHIPPED", "Oran"),
];

export const MAYSTRO_SCENARIOS: Record<ScenarioName, readonly Step[]> = {
  delivered: [...TO_DOOR, step(53, "41", "DELIVERED", "Oran", "Cash collected")],
  failed_attempt_then_delivered: [
    ...TO_DOOR,
    step(52, "32", "ALERTED", "Oran", "Client injoignable"),
    step(72, "31", "SHIPPED", "Oran", "Second attempt"),
    step(76, "41", "DELIVERED", "Oran", "Cash collected"),
  ],
  postponed: [
    ...TO_DOOR,
    step(50, "42", "POSTPONED", "Oran", "Client asked for tomorrow"),
    step(72, "31", "SHIPPED", "Oran"),
    step(75, "41", "DELIVERED", "Oran", "Cash collected"),
  ],
  // delivery_type 2: the parcel waits at the wilaya's stop desk and the customer collects it there.
  stop_desk: [
    ...FIRST_MILE,
    step(40, "15", "READY_TO_SHIP", "Oran, stop desk"),
    step(44, "31", "SHIPPED", "Oran, stop desk", "Available at the stop desk"),
    step(70, "41", "DELIVERED", "Oran, stop desk", "Collected at the stop desk"),
  ],
  // Refusal at the door is an abort (50) followed by the return leg back to the store.
  rto: [
    ...TO_DOOR,
    step(51, "32", "ALERTED", "Oran", "Client refuse le colis"),
    step(54, "50", "ABORTED", "Oran", "Refused at the door"),
    step(62, "10", "IN_TRANSIT_TO_BE_RETURNED", "Route Oran - Alger"),
    step(80, "51", "READY_TO_RETURN", "Alger, hub Bab Ezzouar"),
    step(96, "52", "TAKEN_BY_STORE", "Alger"),
  ],
  // Maystro has no "lost" code. NOT_RECEIVED (53) is the closest honest one: the parcel left the
  // origin hub and never arrived; it maps to exception / not_received, not to a claimed loss.
  lost: [
    ...FIRST_MILE,
    step(96, "53", "NOT_RECEIVED", "Oran, hub Es Senia", "Parcel not received"),
  ],
  cancelled_before_pickup: [
    step(0, "4", "CREATED", "Alger"),
    step(3, "50", "ABORTED", "Alger", "Cancelled by the store"),
  ],
  // 99 is in no table: the sandbox sends it as a real carrier would send a code nobody documented.
  unknown_code: [
    ...FIRST_MILE.slice(0, 4),
    step(30, "99", "UNDOCUMENTED", null),
    step(40, "15", "READY_TO_SHIP", "Oran, hub Es Senia"),
  ],
};
