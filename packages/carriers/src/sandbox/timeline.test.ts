import { describe, expect, it } from "vitest";
import type { StatusMapping } from "../status-model";
import {
  createFaults,
  createSandboxClock,
  createWebhookOutbox,
  mulberry32,
  SANDBOX_EPOCH_MS,
  SCENARIO_NAMES,
  type ScenarioName,
  type ScenarioStep,
} from "./kit";
import {
  createSandboxControl,
  createScenarioTimeline,
  type ScenarioTimeline,
  type TimelineShipment,
} from "./timeline";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Code = "BOOK" | "PICK" | "SCAN" | "OFD" | "DLVD" | "NDR" | "RTO" | "RTD" | "LOST" | "CXL";
const MAP: Record<Code, StatusMapping> = {
  BOOK: { status: "info_received", substatus: null },
  PICK: { status: "in_transit", substatus: "picked_up" },
  SCAN: { status: "in_transit", substatus: null },
  OFD: { status: "out_for_delivery", substatus: null },
  DLVD: { status: "delivered", substatus: null },
  NDR: { status: "failed_attempt", substatus: null },
  RTO: { status: "return_to_sender", substatus: null },
  RTD: { status: "returned", substatus: null },
  LOST: { status: "exception", substatus: "lost" },
  CXL: { status: "cancelled", substatus: null },
};
const at = (hours: number, code: Code): ScenarioStep<Code> => ({
  afterMs: hours * HOUR,
  code,
  label: code,
  location: null,
});
// Steps listed out of order and sharing offsets, as carrier step lists may: ties are where orders differ.
const SCENARIOS: Record<ScenarioName, ScenarioStep<Code>[]> = {
  delivered: [at(0, "BOOK"), at(24, "DLVD"), at(4, "PICK"), at(4, "SCAN"), at(20, "OFD")],
  failed_attempt_then_delivered: [
    at(0, "BOOK"),
    at(4, "PICK"),
    at(20, "OFD"),
    at(22, "NDR"),
    at(44, "OFD"),
    at(46, "DLVD"),
  ],
  rto: [at(0, "BOOK"), at(4, "PICK"), at(20, "NDR"), at(48, "RTO"), at(96, "RTD")],
  lost: [at(0, "BOOK"), at(4, "PICK"), at(72, "LOST")],
  cancelled_before_pickup: [at(0, "BOOK"), at(1, "CXL")],
  postponed: [at(0, "BOOK"), at(4, "PICK"), at(20, "NDR"), at(68, "OFD"), at(70, "DLVD")],
  stop_desk: [at(0, "BOOK"), at(4, "PICK"), at(28, "DLVD")],
  unknown_code: [at(0, "BOOK"), at(4, "PICK"), at(4, "SCAN")],
};
const FINAL_STATUS: Record<ScenarioName, string> = {
  delivered: "delivered",
  failed_attempt_then_delivered: "delivered",
  rto: "returned",
  lost: "exception",
  cancelled_before_pickup: "cancelled",
  postponed: "delivered",
  stop_desk: "delivered",
  unknown_code: "in_transit",
};

/** The offsets in the order the timeline plays them: by offset, the list's order on ties. */
const ordered = (scenario: ScenarioName) =>
  [...SCENARIOS[scenario]].sort((a, b) => a.afterMs - b.afterMs);

/**
 * The timeline as it was before the queue, kept as the reference: every pass walks every shipment, collects its
 * due steps, then sorts them by time and creation order.
 */
function createReference() {
  type Ref = {
    seq: number;
    startedAt: number | null;
    upcoming: Array<ScenarioStep<Code>>;
    events: string[];
  };
  const all: Ref[] = [];
  return {
    add(scenario: ScenarioName, startedAt: number | null) {
      all.push({ seq: all.length + 1, startedAt, upcoming: ordered(scenario), events: [] });
    },
    start(seq: number, when: number) {
      const shipment = all[seq - 1] as Ref;
      if (shipment.startedAt === null) shipment.startedAt = when;
    },
    drop(seq: number, code: Code, now: number) {
      const shipment = all[seq - 1] as Ref;
      shipment.upcoming = [];
      shipment.events.push(`${code}@${now}`);
    },
    applyDue(now: number): string[] {
      const due: Array<{ seq: number; code: Code; at: number }> = [];
      for (const shipment of all) {
        const startedAt = shipment.startedAt;
        if (startedAt === null) continue;
        while (shipment.upcoming.length > 0) {
          const next = shipment.upcoming[0] as ScenarioStep<Code>;
          if (startedAt + next.afterMs > now) break;
          shipment.upcoming.shift();
          due.push({ seq: shipment.seq, code: next.code, at: startedAt + next.afterMs });
        }
      }
      due.sort((a, b) => a.at - b.at || a.seq - b.seq);
      for (const { seq, code, at: when } of due) all[seq - 1]?.events.push(`${code}@${when}`);
      return due.map(({ seq, code, at: when }) => `${seq}:${code}@${when}`);
    },
    events: () => all.map((shipment) => shipment.events),
  };
}

function toyTimeline() {
  const clock = createSandboxClock();
  const applied: Array<{ seq: number; at: number }> = [];
  const timeline = createScenarioTimeline<Code>({
    clock,
    scenarios: SCENARIOS,
    mapStatus: (code) => MAP[code],
    onEvent: (shipment, event) => applied.push({ seq: shipment.seq, at: event.occurredAt }),
  });
  return { clock, timeline, applied };
}

const describeApplied = (result: ReturnType<ScenarioTimeline<Code>["applyDue"]>) =>
  result.map(({ shipment, event }) => `${shipment.seq}:${event.code}@${event.occurredAt}`);

describe("createScenarioTimeline ordering", () => {
  it("applies simultaneous steps in creation order, not in the order shipments were started", () => {
    const { clock, timeline } = toyTimeline();
    const older = timeline.add({ scenario: "stop_desk", trackingNumber: "OLDER", startAt: null });
    const newer = timeline.add({ scenario: "stop_desk", trackingNumber: "NEWER", startAt: null });
    // Shiprocket starts a shipment at AWB assignment: the newer order may get its AWB first.
    timeline.start(newer);
    timeline.start(older);
    clock.advance(30 * HOUR);
    expect(
      timeline.applyDue().map(({ shipment, event }) => `${shipment.trackingNumber}:${event.code}`),
    ).toEqual(["OLDER:BOOK", "NEWER:BOOK", "OLDER:PICK", "NEWER:PICK", "OLDER:DLVD", "NEWER:DLVD"]);
  });

  it("keeps a shipment's steps that share an offset in their listed order", () => {
    const { clock, timeline } = toyTimeline();
    const shipment = timeline.add({ scenario: "unknown_code" });
    clock.advance(4 * HOUR);
    expect(timeline.applyDue().map(({ event }) => event.code)).toEqual(["BOOK", "PICK", "SCAN"]);
    expect(shipment.upcoming).toEqual([]);
  });

  it("applies a pass as it stood when the pass began, whatever onEvent does meanwhile", () => {
    const clock = createSandboxClock();
    let first: TimelineShipment<Code> | undefined;
    const timeline = createScenarioTimeline<Code>({
      clock,
      scenarios: SCENARIOS,
      mapStatus: (code) => MAP[code],
      onEvent: (shipment, event) => {
        // A cancellation caused by the booking scan must not unapply what was already due.
        if (shipment === first && event.code === "BOOK") {
          timeline.record(shipment, { code: "CXL", label: "cancelled" }, { dropUpcoming: true });
        }
      },
    });
    first = timeline.add({ scenario: "delivered" });
    clock.advance(5 * HOUR);
    expect(timeline.applyDue().map(({ event }) => event.code)).toEqual(["BOOK", "PICK", "SCAN"]);
    clock.advance(100 * HOUR);
    expect(timeline.applyDue()).toEqual([]);
    expect(first.events.map((event) => event.code)).toEqual(["BOOK", "CXL", "PICK", "SCAN"]);
  });

  it("matches the walk-every-shipment reference over a random mix of operations", () => {
    const random = mulberry32(2026);
    const { clock, timeline } = toyTimeline();
    const reference = createReference();
    const shipments: Array<TimelineShipment<Code>> = [];
    const pick = () => shipments[Math.floor(random() * shipments.length)];

    for (let round = 0; round < 3_000; round++) {
      const roll = random();
      if (roll < 0.35) {
        const scenario = SCENARIO_NAMES[
          Math.floor(random() * SCENARIO_NAMES.length)
        ] as ScenarioName;
        const startAt = random() < 0.3 ? null : clock.now();
        shipments.push(timeline.add({ scenario, startAt }));
        reference.add(scenario, startAt);
      } else if (roll < 0.5) {
        const shipment = pick();
        if (!shipment) continue;
        // Sometimes in the past: its early steps are then due at once.
        const when = clock.now() - Math.floor(random() * 3) * HOUR;
        timeline.start(shipment, when);
        reference.start(shipment.seq, when);
      } else if (roll < 0.55) {
        const shipment = pick();
        if (!shipment) continue;
        timeline.record(shipment, { code: "CXL", label: "cancelled" }, { dropUpcoming: true });
        reference.drop(shipment.seq, "CXL", clock.now());
      } else if (roll < 0.85) {
        // Whole hours make simultaneous steps across shipments common.
        clock.advance(Math.floor(random() * 6) * HOUR);
      } else {
        expect(describeApplied(timeline.applyDue())).toEqual(reference.applyDue(clock.now()));
      }
    }
    clock.advance(200 * HOUR);
    expect(describeApplied(timeline.applyDue())).toEqual(reference.applyDue(clock.now()));
    expect(
      timeline
        .shipments()
        .map((shipment) => shipment.events.map((event) => `${event.code}@${event.occurredAt}`)),
    ).toEqual(reference.events());
  });
});

describe("createSandboxControl at scale", () => {
  it("seeds 20,000 shipments and reports exactly the steps due after each advance", async () => {
    const count = 20_000;
    const { clock, timeline, applied } = toyTimeline();
    const faults = createFaults({ seed: 5 });
    const control = createSandboxControl({
      clock,
      faults,
      webhooks: createWebhookOutbox(faults, { clock }),
      timeline,
      createShipment: (input) =>
        timeline.add({ scenario: input.scenario, trackingNumber: input.trackingNumber ?? null }),
    });

    const random = mulberry32(99);
    const createdAt: number[] = [];
    for (let i = 0; i < count; i++) {
      // Seeding spread over a few days, in whole hours so that steps of different shipments coincide.
      if (random() < 0.01) clock.advance(Math.floor(random() * 3) * HOUR);
      const scenario = SCENARIO_NAMES[i % SCENARIO_NAMES.length] as ScenarioName;
      const created = control.createShipment({ scenario, trackingNumber: `T${i}` });
      createdAt.push(clock.now());
      // Offset-0 steps happen at creation.
      if (created.rawCode !== "BOOK" || created.events.length !== 1) {
        throw new Error(`shipment ${i} was created with ${JSON.stringify(created.events)}`);
      }
    }

    const scenarioOf = (i: number) => SCENARIO_NAMES[i % SCENARIO_NAMES.length] as ScenarioName;
    // Derived from the step lists alone: each shipment shows exactly its steps due by now, at start + offset.
    const expectTruth = () => {
      const now = clock.now();
      const truth = control.groundTruth();
      const expected = createdAt.map((start, i) => {
        const due = ordered(scenarioOf(i)).filter((s) => start + s.afterMs <= now);
        return {
          trackingNumber: `T${i}`,
          rawCode: due.at(-1)?.code ?? null,
          events: due.map((s) => ({
            rawCode: s.code,
            occurredAt: new Date(start + s.afterMs).toISOString(),
          })),
        };
      });
      expect(
        truth.map(({ trackingNumber, rawCode, events }) => ({ trackingNumber, rawCode, events })),
      ).toEqual(expected);
      return truth;
    };

    expectTruth();
    await control.advance(21 * HOUR); // partway: most shipments stand between two steps
    expectTruth();
    await control.advance(200 * HOUR);
    const truth = expectTruth();
    expect(truth.map((shipment) => shipment.status)).toEqual(
      createdAt.map((_start, i) => FINAL_STATUS[scenarioOf(i)]),
    );

    // Every step applied once, across shipments in time then creation order.
    const expectedSteps = createdAt.reduce(
      (sum, _start, i) => sum + ordered(scenarioOf(i)).length,
      0,
    );
    expect(applied).toHaveLength(expectedSteps);
    const outOfOrder = applied.findIndex((event, i) => {
      const previous = applied[i - 1];
      if (previous === undefined) return false;
      return previous.at > event.at || (previous.at === event.at && previous.seq > event.seq);
    });
    // Order holds within each pass, and passes follow the clock, so it holds across the whole run.
    expect(outOfOrder).toBe(-1);
    expect(createdAt[0]).toBe(SANDBOX_EPOCH_MS);
    // Generous: this checks correctness at size, not speed (bench/sandbox-seed.ts prints the speed).
  }, 120_000);
});
