import { type CarrierAdapter, isCarrierError, type ShipmentRef } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import {
  describeFailure,
  type FailureOutcome,
  isAccountFailure,
  recordCarrierFailure,
  recordCarrierSuccess,
} from "../carrier-accounts/health";
import type { AppDeps } from "../deps";
import { preparedQuery, setPlaceholder } from "../lib/prepared";
import type { AppliedChange, ShipmentUpdate } from "../tracking/apply-updates";
import { commitCarrierUpdates } from "../tracking/commit";
import { planNextCheck } from "./next-check";
import { forEachWithConcurrency } from "./pool";

const { shipments } = schema;

export type CheckDeps = Pick<AppDeps, "db" | "bus" | "now" | "publicUrl" | "logger">;

/** A shipment to ask the carrier about, with our order number (the key of a carrier-side lookup). */
export type ShipmentToCheck = {
  id: string;
  orderNumber: string;
  trackingNumber: string | null;
  carrierOrderId: string | null;
  carrierShipmentId: string | null;
};

/** A failure about one shipment only: it never stops the others. */
export type ShipmentFailure = { shipmentId: string; code: string; message: string };

export type CheckOutcome = {
  /** Shipments the carrier answered about: applied, and rescheduled. */
  checked: string[];
  changes: AppliedChange[];
  failures: ShipmentFailure[];
  /** Shipments not answered because the account as a whole failed: they stay due. */
  deferred: string[];
  /** Shipments not asked about at all (the run stopped first): they stay due, and count as nothing. */
  skipped: string[];
  /** Each account-level failure, as recorded to the account's health. */
  accountFailures: Array<{ code: string; message: string; outcome: FailureOutcome }>;
  /** The breaker opened or the account was switched off: no further calls should be made. */
  stopped: boolean;
  /** Shipments whose automatic checks stopped here because the carrier has been silent for 30 days. */
  expired: string[];
};

export type CheckOptions = {
  account: CarrierAccountRow;
  adapter: CarrierAdapter;
  shipments: readonly ShipmentToCheck[];
  source: "poll" | "manual";
  /** Refs per `track` call; the adapter splits further by the carrier's own batch limit. */
  chunkSize: number;
  /** `track` calls in flight; the adapter's token bucket keeps them within the account's budget. */
  concurrency: number;
  /** Asked before each carrier call (a run being stopped, a lost lease). */
  shouldContinue?: () => boolean;
};

/**
 * Asks the carrier about shipments and applies what it says through the one apply path. Step 1 learns the
 * tracking number of shipments that have none (by our order number) where the carrier can look orders up;
 * step 2 tracks the rest in chunks. Failures about one shipment are collected, failures of the account are
 * recorded to its health and leave the shipments due, so nothing is lost.
 */
export async function checkShipments(
  deps: CheckDeps,
  options: CheckOptions,
): Promise<CheckOutcome> {
  const outcome: CheckOutcome = {
    checked: [],
    changes: [],
    failures: [],
    deferred: [],
    skipped: [],
    accountFailures: [],
    stopped: false,
    expired: [],
  };
  const canCall = () => !outcome.stopped && (options.shouldContinue?.() ?? true);
  const toTrack: ShipmentToCheck[] = [];
  const lookupCandidates: ShipmentToCheck[] = [];
  for (const shipment of options.shipments) {
    if (shipment.trackingNumber === null && options.adapter.lookupByOrderNumbers)
      lookupCandidates.push(shipment);
    else toTrack.push(shipment);
  }

  if (lookupCandidates.length > 0 && canCall()) {
    toTrack.push(...(await learnTrackingNumbers(deps, options, lookupCandidates, outcome)));
  } else {
    outcome.skipped.push(...lookupCandidates.map((s) => s.id));
  }

  const chunks: ShipmentToCheck[][] = [];
  const chunkSize = Math.max(1, options.chunkSize);
  for (let start = 0; start < toTrack.length; start += chunkSize)
    chunks.push(toTrack.slice(start, start + chunkSize));
  const started = new Set<ShipmentToCheck[]>();
  // Answers of several calls are applied together: one commit per few hundred shipments, not per call.
  const answered: ShipmentUpdate[] = [];
  const applyAnswered = () => applyIsolated(deps, options.source, answered.splice(0), outcome);
  await forEachWithConcurrency(
    chunks,
    options.concurrency,
    async (chunk) => {
      started.add(chunk);
      answered.push(...(await trackChunk(deps, options, chunk, outcome)));
      if (answered.length >= APPLY_GATHER) applyAnswered();
    },
    canCall,
  );
  applyAnswered();
  for (const chunk of chunks)
    if (!started.has(chunk)) outcome.skipped.push(...chunk.map((s) => s.id));

  // Checked shipments were rescheduled as they were applied; those the carrier refused one by one move now.
  const refused = outcome.failures.map((f) => f.shipmentId);
  if (refused.length > 0) {
    const input = { checked: false, source: options.source, now: deps.now() };
    outcome.expired.push(...deps.db.transaction(() => writeSchedules(deps.db, refused, input)));
  }
  return outcome;
}

/** Step 1. Returns the shipments step 2 should track. */
async function learnTrackingNumbers(
  deps: CheckDeps,
  options: CheckOptions,
  candidates: ShipmentToCheck[],
  outcome: CheckOutcome,
): Promise<ShipmentToCheck[]> {
  const lookup = options.adapter.lookupByOrderNumbers;
  if (!lookup) return candidates;
  let found: Awaited<ReturnType<typeof lookup>>;
  try {
    found = await lookup.call(
      options.adapter,
      candidates.map((s) => s.orderNumber),
    );
  } catch (error) {
    if (noteAccountFailure(deps, options, error, outcome)) {
      outcome.deferred.push(...candidates.map((s) => s.id));
    } else {
      for (const s of candidates) outcome.failures.push(failureOf(s.id, error));
    }
    return [];
  }
  recordCarrierSuccess(deps.db, options.account.id, deps.now());

  const toTrack: ShipmentToCheck[] = [];
  const answered: ShipmentUpdate[] = [];
  // Applied now, counted as checked once step 2 answers.
  const referencesOnly: ShipmentUpdate[] = [];
  for (const shipment of candidates) {
    const result = found.get(shipment.orderNumber);
    if (!result) {
      // An order we created carries the carrier's id: it can still be tracked directly.
      if (shipment.carrierOrderId) toTrack.push(shipment);
      else
        outcome.failures.push({
          shipmentId: shipment.id,
          code: "NOT_FOUND",
          message: `The carrier lists no order ${shipment.orderNumber} (yet).`,
        });
      continue;
    }
    storeCarrierIds(deps, shipment.id, result.created);
    const learned = { ...shipment, ...knownIds(shipment, result.created) };
    if (result.trackingNumber) {
      // Step 2 returns the full timeline; the order's own status stamp may differ from the matching
      // timeline entry by seconds and would show one scan twice, so only the references are applied here.
      referencesOnly.push({ shipmentId: shipment.id, update: { ...result, scans: [] } });
      toTrack.push({ ...learned, trackingNumber: result.trackingNumber });
    } else {
      answered.push({ shipmentId: shipment.id, update: result });
    }
  }
  applyIsolated(deps, options.source, answered, outcome);
  applyIsolated(deps, options.source, referencesOnly, outcome, { countAsChecked: false });
  return toTrack;
}

/** Shipments whose answers are applied in one transaction (at least; one call's answers are never split). */
const APPLY_GATHER = 200;

/** Step 2, one `track` call's worth. Returns the answers to apply; failures go to `outcome`. */
async function trackChunk(
  deps: CheckDeps,
  options: CheckOptions,
  chunk: ShipmentToCheck[],
  outcome: CheckOutcome,
): Promise<ShipmentUpdate[]> {
  const refs: ShipmentRef[] = chunk.map((s) => ({
    trackingNumber: s.trackingNumber,
    carrierOrderId: s.carrierOrderId,
    carrierShipmentId: s.carrierShipmentId,
    orderNumber: s.orderNumber,
  }));
  let results: Awaited<ReturnType<CarrierAdapter["track"]>>;
  try {
    results = await options.adapter.track(refs);
  } catch (error) {
    // The contract says per-ref failures come back as results; a throw is about the call as a whole.
    if (noteAccountFailure(deps, options, error, outcome))
      outcome.deferred.push(...chunk.map((s) => s.id));
    else for (const s of chunk) outcome.failures.push(failureOf(s.id, error));
    return [];
  }

  const items: ShipmentUpdate[] = [];
  let accountError: unknown = null;
  const deferred: string[] = [];
  // Results line up with the refs: matching by position keeps a carrier's re-assigned AWB on our shipment.
  chunk.forEach((shipment, index) => {
    const result = results[index];
    if (!result) {
      outcome.failures.push({
        shipmentId: shipment.id,
        code: "INVALID_RESPONSE",
        message: "The carrier's answer left this shipment out.",
      });
    } else if (result.ok) {
      items.push({ shipmentId: shipment.id, update: result.update });
    } else if (isAccountFailure(result.error)) {
      accountError ??= result.error;
      deferred.push(shipment.id);
    } else {
      outcome.failures.push(failureOf(shipment.id, result.error));
    }
  });

  if (accountError !== null) noteAccountFailure(deps, options, accountError, outcome);
  else recordCarrierSuccess(deps.db, options.account.id, deps.now());
  outcome.deferred.push(...deferred);
  return items;
}

/** Records an account-level failure to health; returns false for an error that is about one shipment only. */
function noteAccountFailure(
  deps: CheckDeps,
  options: CheckOptions,
  error: unknown,
  outcome: CheckOutcome,
): boolean {
  if (!isAccountFailure(error)) return false;
  if (!isCarrierError(error)) {
    deps.logger.error("carrier call failed unexpectedly", {
      accountId: options.account.id,
      error: describeFailure(error),
    });
  }
  const result = recordCarrierFailure(deps.db, options.account.id, error, deps.now());
  outcome.accountFailures.push({
    code: isCarrierError(error) ? error.code : "UNAVAILABLE",
    message: describeFailure(error),
    outcome: result,
  });
  if (result.breaker !== "unchanged") outcome.stopped = true;
  return true;
}

/**
 * Applies a chunk in one transaction; if that throws (a tracking number another of our shipments already
 * holds, say), each update is applied alone so one bad shipment cannot hold back the others.
 */
function applyIsolated(
  deps: CheckDeps,
  source: "poll" | "manual",
  items: ShipmentUpdate[],
  outcome: CheckOutcome,
  { countAsChecked = true }: { countAsChecked?: boolean } = {},
): void {
  if (items.length === 0) return;
  const applied = (list: ShipmentUpdate[]) => {
    // A checked shipment's next check is written in its apply's transaction, where its row's page is already
    // being written: a transaction of its own afterwards wrote every such page to the log a second time.
    const expired: string[] = [];
    const schedule = (batch: readonly ShipmentUpdate[], now: Date) => {
      const checked = batch.map((item) => item.shipmentId);
      expired.push(...writeSchedules(deps.db, checked, { checked: true, source, now }));
    };
    outcome.changes.push(
      ...commitCarrierUpdates(deps, list, source, countAsChecked ? schedule : undefined),
    );
    if (countAsChecked) outcome.checked.push(...list.map((item) => item.shipmentId));
    outcome.expired.push(...expired);
  };
  try {
    applied(items);
    return;
  } catch (error) {
    if (items.length === 1) {
      noteApplyFailure(deps, items[0] as ShipmentUpdate, error, outcome);
      return;
    }
  }
  for (const item of items) {
    try {
      applied([item]);
    } catch (error) {
      noteApplyFailure(deps, item, error, outcome);
    }
  }
}

function noteApplyFailure(
  deps: CheckDeps,
  item: ShipmentUpdate,
  error: unknown,
  outcome: CheckOutcome,
): void {
  const message = error instanceof Error ? error.message : String(error);
  deps.logger.error("applying a carrier update failed", {
    shipmentId: item.shipmentId,
    error: message,
  });
  outcome.failures.push({ shipmentId: item.shipmentId, code: "APPLY_FAILED", message });
}

function failureOf(shipmentId: string, error: unknown): ShipmentFailure {
  return {
    shipmentId,
    code: isCarrierError(error) ? error.code : "UNAVAILABLE",
    message: describeFailure(error),
  };
}

function knownIds(
  shipment: ShipmentToCheck,
  created: { carrierOrderId: string | null; carrierShipmentId: string | null },
) {
  return {
    carrierOrderId: shipment.carrierOrderId ?? created.carrierOrderId,
    carrierShipmentId: shipment.carrierShipmentId ?? created.carrierShipmentId,
  };
}

/** Only ids the carrier returned, and only where we had none: a stored id is never overwritten. */
function storeCarrierIds(
  deps: CheckDeps,
  shipmentId: string,
  created: { carrierOrderId: string | null; carrierShipmentId: string | null },
): void {
  const now = deps.now();
  deps.db.transaction((tx) => {
    if (created.carrierOrderId !== null) {
      tx.update(shipments)
        .set({ carrierOrderId: created.carrierOrderId, updatedAt: now })
        .where(and(eq(shipments.id, shipmentId), isNull(shipments.carrierOrderId)))
        .run();
    }
    if (created.carrierShipmentId !== null) {
      tx.update(shipments)
        .set({ carrierShipmentId: created.carrierShipmentId, updatedAt: now })
        .where(and(eq(shipments.id, shipmentId), isNull(shipments.carrierShipmentId)))
        .run();
    }
  });
}

// Prepared once per database: a sync pass writes one schedule per shipment.
const scheduleStatement = preparedQuery((db) =>
  db
    .update(shipments)
    .set({
      nextCheckAt: setPlaceholder("nextCheckAt"),
      lastCheckedAt: setPlaceholder("lastCheckedAt"),
      lastCheckSource: setPlaceholder("lastCheckSource"),
    })
    .where(eq(shipments.id, sql.placeholder("id")))
    .prepare(),
);

/**
 * Moves the schedule of shipments from their state after the apply: those the carrier answered about (even when
 * nothing changed) are marked checked now; those it refused individually keep their last check. Runs in the
 * caller's open transaction. Returns the ones whose checks stop because they expired.
 */
function writeSchedules(
  db: CheckDeps["db"],
  shipmentIds: readonly string[],
  input: { checked: boolean; source: "poll" | "manual"; now: Date },
): string[] {
  const ids = [...new Set(shipmentIds)];
  const expired: string[] = [];
  for (let start = 0; start < ids.length; start += 500) {
    const rows = db
      .select()
      .from(shipments)
      .where(inArray(shipments.id, ids.slice(start, start + 500)))
      .all();
    for (const row of rows) {
      const plan = planNextCheck(row, input.now);
      if (plan.reason === "expired") expired.push(row.id);
      scheduleStatement(db).run({
        id: row.id,
        nextCheckAt: plan.at?.getTime() ?? null,
        lastCheckedAt: (input.checked ? input.now : row.lastCheckedAt)?.getTime() ?? null,
        lastCheckSource: input.checked ? input.source : row.lastCheckSource,
      });
    }
  }
  return expired;
}
