import type { ScenarioName, ScenarioStep } from "../sandbox/kit";

const HOUR = 3_600_000;

/** Where every sandbox shipment starts: the shop's store in Bangalore. */
export const ORIGIN_CITY = "BANGALORE";
/** Step lists are shared by every shipment; this marker becomes the consignee's hub city on the wire. */
export const AT_DESTINATION = "<destination hub>";

type Step = ScenarioStep<string>;

const created: Step = {
  afterMs: 0,
  code: "SCREATED",
  label: "Shipment created",
  location: null,
};

/** The forward leg, from booking to the destination hub. */
function forwardLeg(): Step[] {
  return [
    created,
    {
      afterMs: 6 * HOUR,
      code: "SPU",
      label: "Picked up by sequel staff",
      location: ORIGIN_CITY,
    },
    {
      afterMs: 9 * HOUR,
      code: "SCHKINORIGN",
      label: "Checked in at origin hub",
      location: ORIGIN_CITY,
    },
    { afterMs: 16 * HOUR, code: "SLINORIN", label: "Departed origin hub", location: ORIGIN_CITY },
    {
      afterMs: 30 * HOUR,
      code: "SLINDEST",
      label: "Arrived at destination hub",
      location: AT_DESTINATION,
    },
  ];
}

const outForDelivery = (afterMs: number): Step => ({
  afterMs,
  code: "SDELASN",
  label: "Out for delivery",
  location: AT_DESTINATION,
});
const delivered = (afterMs: number): Step => ({
  afterMs,
  code: "SDELVD",
  label: "Shipment delivered",
  location: AT_DESTINATION,
});

/**
 * Step lists per scenario. Sequel247 has no NDR or hold code in any known table, so a missed delivery
 * is modelled as its generic exception (SINEXCP) with the reason in the description; there are no stop
 * desks at all (that scenario is refused).
 */
export const SEQUEL247_SCENARIOS: Record<ScenarioName, readonly Step[]> = {
  delivered: [...forwardLeg(), outForDelivery(44 * HOUR), delivered(50 * HOUR)],
  failed_attempt_then_delivered: [
    ...forwardLeg(),
    outForDelivery(44 * HOUR),
    {
      afterMs: 50 * HOUR,
      code: "SINEXCP",
      label: "Exception",
      description: "Consignee not available",
      location: AT_DESTINATION,
    },
    outForDelivery(68 * HOUR),
    delivered(73 * HOUR),
  ],
  postponed: [
    ...forwardLeg(),
    outForDelivery(44 * HOUR),
    {
      afterMs: 46 * HOUR,
      code: "SINEXCP",
      label: "Exception",
      description: "Delivery rescheduled at consignee request",
      location: AT_DESTINATION,
    },
    outForDelivery(92 * HOUR),
    delivered(96 * HOUR),
  ],
  rto: [
    ...forwardLeg(),
    outForDelivery(44 * HOUR),
    {
      afterMs: 50 * HOUR,
      code: "SINEXCP",
      label: "Exception",
      description: "Consignee refused to accept the shipment",
      location: AT_DESTINATION,
    },
    { afterMs: 72 * HOUR, code: "SRTOPKP", label: "RTO picked up", location: AT_DESTINATION },
    {
      afterMs: 120 * HOUR,
      code: "SRTODLV",
      label: "RTO delivered to shipper",
      location: ORIGIN_CITY,
    },
  ],
  lost: [
    ...forwardLeg().slice(0, 4),
    {
      afterMs: 80 * HOUR,
      code: "SINEXCP",
      label: "Exception",
      description: "Shipment not traceable, investigation opened",
      location: ORIGIN_CITY,
    },
  ],
  cancelled_before_pickup: [
    created,
    {
      afterMs: 3 * HOUR,
      code: "SCANCELLED",
      label: "Shipment cancelled",
      description: "Cancelled by shipper before pickup",
      location: null,
    },
  ],
  // SHLDCUST is in no published table: it exercises the unmapped-status path, then the parcel moves on.
  unknown_code: [
    ...forwardLeg(),
    {
      afterMs: 44 * HOUR,
      code: "SHLDCUST",
      label: "Held at customer request",
      location: AT_DESTINATION,
    },
    outForDelivery(92 * HOUR),
    delivered(98 * HOUR),
  ],
  stop_desk: [],
};
