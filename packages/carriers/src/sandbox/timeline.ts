import { foldStatus, type StatusMapping } from "../status-model";
import type {
  Faults,
  GroundTruthShipment,
  SandboxClock,
  SandboxControl,
  ScenarioName,
  ScenarioStep,
  WebhookOutbox,
} from "./kit";
import { createMinHeap } from "./min-heap";

/** A step that has happened, stamped with its sandbox-clock time. */
export type TimelineEvent<Code extends string = string> = {
  code: Code;
  label: string;
  location: string | null;
  description: string | null;
  occurredAt: number;
};

/** One simulated shipment. Ids are mutable because carriers hand some out later (Shiprocket assigns the AWB). */
export type TimelineShipment<Code extends string = string, Data = undefined> = {
  /** Creation order, unique within the sandbox. */
  readonly seq: number;
  readonly scenario: ScenarioName;
  /**
   * When the scenario's offsets count from; null while not started (e.g. waiting for AWB assignment).
   * Read-only: the timeline schedules the steps when it is set, so only `start()` may set it.
   */
  readonly startedAt: number | null;
  trackingNumber: string | null;
  carrierOrderId: string | null;
  orderNumber: string | null;
  /** Steps not applied yet, in offset order. Changed only by the timeline (`applyDue`, `record`). */
  readonly upcoming: ReadonlyArray<ScenarioStep<Code>>;
  /** Applied events, in time order. */
  events: Array<TimelineEvent<Code>>;
  /** Carrier-specific state (addresses, Maystro display id, cancel reason, ...). */
  data: Data;
};

export type ScenarioTimelineOptions<Code extends string, Data> = {
  clock: SandboxClock;
  /** The carrier's step list for every scenario. */
  scenarios: Record<ScenarioName, readonly ScenarioStep<Code>[]>;
  /** The carrier's status map, used for the ground truth. */
  mapStatus(code: Code): StatusMapping;
  /** Called for every applied event in time order: the carrier sandbox enqueues its webhook here. */
  onEvent?(shipment: TimelineShipment<Code, Data>, event: TimelineEvent<Code>): void;
};

type AddInput<Data> = {
  scenario: ScenarioName;
  trackingNumber?: string | null;
  carrierOrderId?: string | null;
  orderNumber?: string | null;
  /** Default: now. Pass null to start later with `start()`. */
  startAt?: number | null;
} & ([Data] extends [undefined] ? { data?: Data } : { data: Data });

/**
 * "Shipments with scheduled steps; apply the due steps up to now in time order": the part every carrier sandbox
 * shares. A carrier supplies its step lists, its status map and (in `onEvent`) its wire format.
 */
export type ScenarioTimeline<Code extends string = string, Data = undefined> = {
  add(input: AddInput<Data>): TimelineShipment<Code, Data>;
  /** Starts a shipment's scenario clock (no-op when already started). */
  start(shipment: TimelineShipment<Code, Data>, at?: number): void;
  shipments(): ReadonlyArray<TimelineShipment<Code, Data>>;
  find(
    predicate: (shipment: TimelineShipment<Code, Data>) => boolean,
  ): TimelineShipment<Code, Data> | undefined;
  /** Applies every step due at the clock's now, across all shipments, oldest first. */
  applyDue(): Array<{ shipment: TimelineShipment<Code, Data>; event: TimelineEvent<Code> }>;
  /**
   * Records an event caused by an API call (cancel, NDR action) at now. `dropUpcoming` discards the rest of the
   * scenario, e.g. after a cancellation.
   */
  record(
    shipment: TimelineShipment<Code, Data>,
    step: { code: Code; label: string; location?: string | null; description?: string | null },
    options?: { dropUpcoming?: boolean },
  ): TimelineEvent<Code>;
  /** The newest event, or null before the first. */
  latest(shipment: TimelineShipment<Code, Data>): TimelineEvent<Code> | null;
  truthOf(shipment: TimelineShipment<Code, Data>): GroundTruthShipment;
  groundTruth(): GroundTruthShipment[];
};

/** The fields only the timeline writes (they are read-only on the public type). */
type WritableShipment<Code extends string, Data> = Omit<
  TimelineShipment<Code, Data>,
  "startedAt" | "upcoming"
> & { startedAt: number | null; upcoming: Array<ScenarioStep<Code>> };

/** A started shipment's next step, due at `at`. */
type PendingStep<Code extends string, Data> = {
  at: number;
  shipment: TimelineShipment<Code, Data>;
  step: ScenarioStep<Code>;
};

/**
 * Due time, then creation order (`seq`): the order `applyDue` has always applied steps in. Not heap insertion
 * order: Shiprocket starts shipments at AWB assignment, so an older order can be started after a newer one.
 * A shipment has one live entry at a time, so (at, seq) orders them totally.
 */
function dueFirst<Code extends string, Data>(
  a: PendingStep<Code, Data>,
  b: PendingStep<Code, Data>,
): boolean {
  return a.at < b.at || (a.at === b.at && a.shipment.seq < b.shipment.seq);
}

export function createScenarioTimeline<Code extends string, Data = undefined>(
  options: ScenarioTimelineOptions<Code, Data>,
): ScenarioTimeline<Code, Data> {
  const all: Array<TimelineShipment<Code, Data>> = [];
  // Each started shipment's next step, soonest first, so a pass costs O(k log n) for k due steps instead of a
  // walk over every shipment (seeding 100k shipments through the control surface was quadratic).
  const queue = createMinHeap<PendingStep<Code, Data>>(dueFirst);
  // The live entry of each shipment; an entry no longer here (its scenario was dropped) is skipped when popped.
  const scheduled = new Map<TimelineShipment<Code, Data>, PendingStep<Code, Data>>();

  const writable = (shipment: TimelineShipment<Code, Data>) =>
    shipment as unknown as WritableShipment<Code, Data>;

  function scheduleNext(shipment: TimelineShipment<Code, Data>) {
    const step = shipment.upcoming[0];
    if (shipment.startedAt === null || step === undefined) {
      scheduled.delete(shipment);
      return;
    }
    const entry = { at: shipment.startedAt + step.afterMs, shipment, step };
    scheduled.set(shipment, entry);
    queue.push(entry);
  }

  function append(shipment: TimelineShipment<Code, Data>, event: TimelineEvent<Code>) {
    shipment.events.push(event);
    options.onEvent?.(shipment, event);
  }

  function truthOf(shipment: TimelineShipment<Code, Data>): GroundTruthShipment {
    const scans = shipment.events.map((event) => ({
      ...options.mapStatus(event.code),
      occurredAt: new Date(event.occurredAt),
    }));
    const { current } = foldStatus({ status: "pending", substatus: null }, scans);
    const last = shipment.events.at(-1);
    return {
      trackingNumber: shipment.trackingNumber,
      carrierOrderId: shipment.carrierOrderId,
      orderNumber: shipment.orderNumber,
      scenario: shipment.scenario,
      rawCode: last?.code ?? null,
      status: current.status,
      events: shipment.events.map((event) => ({
        rawCode: event.code,
        occurredAt: new Date(event.occurredAt).toISOString(),
      })),
    };
  }

  return {
    add(input) {
      const steps = options.scenarios[input.scenario];
      const shipment: WritableShipment<Code, Data> = {
        seq: all.length + 1,
        scenario: input.scenario,
        startedAt: input.startAt === undefined ? options.clock.now() : input.startAt,
        trackingNumber: input.trackingNumber ?? null,
        carrierOrderId: input.carrierOrderId ?? null,
        orderNumber: input.orderNumber ?? null,
        upcoming: [...steps].sort((a, b) => a.afterMs - b.afterMs),
        events: [],
        data: input.data as Data,
      };
      all.push(shipment);
      scheduleNext(shipment);
      return shipment;
    },
    start(shipment, at = options.clock.now()) {
      if (shipment.startedAt !== null) return;
      writable(shipment).startedAt = at;
      scheduleNext(shipment);
    },
    shipments: () => all,
    find: (predicate) => all.find(predicate),
    applyDue() {
      const now = options.clock.now();
      // Take every due step off first, then apply: what an `onEvent` does cannot change this pass.
      const due: Array<PendingStep<Code, Data>> = [];
      for (let next = queue.peek(); next !== undefined && next.at <= now; next = queue.peek()) {
        queue.pop();
        if (scheduled.get(next.shipment) !== next) continue;
        writable(next.shipment).upcoming.shift();
        due.push(next);
        scheduleNext(next.shipment);
      }
      // Popped by time, then creation order: webhooks then leave in the order a carrier would send them.
      return due.map(({ shipment, step, at }) => {
        const event: TimelineEvent<Code> = {
          code: step.code,
          label: step.label,
          location: step.location,
          description: step.description ?? null,
          occurredAt: at,
        };
        append(shipment, event);
        return { shipment, event };
      });
    },
    record(shipment, step, recordOptions = {}) {
      const event: TimelineEvent<Code> = {
        code: step.code,
        label: step.label,
        location: step.location ?? null,
        description: step.description ?? null,
        occurredAt: options.clock.now(),
      };
      if (recordOptions.dropUpcoming) {
        writable(shipment).upcoming = [];
        scheduled.delete(shipment);
      }
      append(shipment, event);
      return event;
    },
    latest: (shipment) => shipment.events.at(-1) ?? null,
    truthOf,
    groundTruth: () => all.map(truthOf),
  };
}

/**
 * Builds the uniform `SandboxControl` over a timeline: `advance` moves the clock, applies due steps (the
 * timeline's `onEvent` enqueues webhooks) and waits for their delivery. The carrier supplies only how a
 * control-created shipment gets its ids.
 */
export function createSandboxControl<Code extends string, Data>(options: {
  clock: SandboxClock;
  faults: Faults;
  webhooks: WebhookOutbox;
  timeline: ScenarioTimeline<Code, Data>;
  createShipment(input: {
    scenario: ScenarioName;
    orderNumber?: string;
    trackingNumber?: string;
  }): TimelineShipment<Code, Data>;
}): SandboxControl {
  const { clock, faults, webhooks, timeline } = options;
  return {
    clock,
    faults,
    webhooks,
    createShipment(input) {
      const shipment = options.createShipment(input);
      // Steps due at offset 0 (booking) happen at creation, as at a real carrier.
      timeline.applyDue();
      return timeline.truthOf(shipment);
    },
    async advance(ms) {
      clock.advance(ms);
      timeline.applyDue();
      await webhooks.flush();
    },
    groundTruth: () => timeline.groundTruth(),
  };
}
