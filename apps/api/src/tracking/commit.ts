import type { TrackingSource } from "@waybill/carriers/statuses";
import type { Db } from "@waybill/db";
import type { EventBus } from "../live/bus";
import { type AppliedChange, applyCarrierUpdates, type ShipmentUpdate } from "./apply-updates";

/** Updates per transaction on the hot paths: big enough to amortize the commit, small enough to keep writers moving. */
export const APPLY_BATCH_SIZE = 500;

export type CommitDeps = { db: Db; bus: EventBus; now: () => Date; publicUrl: string };

/**
 * Applies updates through the one apply path in batches (each batch one transaction) and wakes the live
 * subscribers after each commit.
 */
export function commitCarrierUpdates(
  deps: CommitDeps,
  items: readonly ShipmentUpdate[],
  source: TrackingSource,
): AppliedChange[] {
  const changes: AppliedChange[] = [];
  for (let start = 0; start < items.length; start += APPLY_BATCH_SIZE) {
    const batch = items.slice(start, start + APPLY_BATCH_SIZE);
    changes.push(
      ...applyCarrierUpdates(deps.db, batch, {
        source,
        now: deps.now(),
        publicUrl: deps.publicUrl,
      }),
    );
  }
  if (changes.length > 0) deps.bus.wake();
  return changes;
}
