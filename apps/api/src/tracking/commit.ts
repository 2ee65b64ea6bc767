import type { TrackingSource } from "@waybill/carriers/statuses";
import type { Db } from "@waybill/db";
import type { EventBus } from "../live/bus";
import { type AppliedChange, applyCarrierUpdates, type ShipmentUpdate } from "./apply-updates";

/** Updates per transaction on the hot paths: big enough to amortize the commit, small enough to keep writers moving. */
export const APPLY_BATCH_SIZE = 500;

export type CommitDeps = { db: Db; bus: EventBus; now: () => Date; publicUrl: string };

/**
 * Applies updates through the one apply path in batches (each batch one transaction) and wakes the live
 * subscribers once they are committed. `alsoInTransaction` writes more in each batch's transaction, after
 * its apply: what it writes commits or rolls back with the batch.
 */
export function commitCarrierUpdates(
  deps: CommitDeps,
  items: readonly ShipmentUpdate[],
  source: TrackingSource,
  alsoInTransaction?: (batch: readonly ShipmentUpdate[], now: Date) => void,
): AppliedChange[] {
  const changes: AppliedChange[] = [];
  for (let start = 0; start < items.length; start += APPLY_BATCH_SIZE) {
    const batch = items.slice(start, start + APPLY_BATCH_SIZE);
    const now = deps.now();
    const applied = deps.db.transaction(() => {
      const batchChanges = applyCarrierUpdates(deps.db, batch, {
        source,
        now,
        publicUrl: deps.publicUrl,
      });
      alsoInTransaction?.(batch, now);
      return batchChanges;
    });
    changes.push(...applied);
  }
  if (changes.length > 0) deps.bus.wake();
  return changes;
}
