import type { Db } from "@waybill/db";
import type { Logger } from "../lib/logger";
import { latestEventId, tailEventsAfter, toLiveEvent } from "./event-log";
import { type LiveScope, SubscriptionRegistry, scopeKey } from "./registry";
import { LiveSubscription } from "./subscription";

/**
 * Wakes live subscribers after a commit. Writers never pass data through it: the `events` table is the
 * source of truth, and one tailer reads the rows after the last id it saw and fans them out to the
 * subscriptions registered for their order, user or topic. So a missed wake costs latency, never an
 * event, and writes from another process are picked up by the safety poll.
 */
export type EventBus = {
  /** Called by writers after their transaction committed. */
  wake(): void;
  /** Returns the unsubscribe function. */
  onWake(listener: () => void): () => void;
  /**
   * Registers a subscriber for rows of `scope` committed from now on. Register BEFORE reading any backlog
   * from `events`, so nothing falls between the two (the caller skips ids it already yielded).
   */
  subscribe(scope: LiveScope, options: SubscribeOptions): LiveSubscription;
  /** Live subscriptions right now (for limits, tests and the bench). */
  readonly subscriberCount: number;
  /** Ends every subscription and stops polling; called on shutdown before the database closes. */
  close(): void;
};

export type SubscribeOptions = {
  /** Ends the subscription when aborted (the client went away). */
  signal?: AbortSignal;
  /** The queue overflowed: drop the client so it reconnects and resumes from `events`. */
  onOverflow: () => void;
  latestOnly?: boolean;
};

export type EventBusOptions = {
  /** Without a database the bus only wakes listeners (domain tests that never subscribe). */
  db?: Db;
  logger?: Logger;
  /** Safety poll for rows committed by another process (no wake reaches us). */
  pollIntervalMs?: number;
};

/** Rows read per query; a burst larger than this is read in several queries within one pass. */
const TAIL_PAGE = 1_000;

export function createEventBus(options: EventBusOptions = {}): EventBus {
  const { db, logger } = options;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const listeners = new Set<() => void>();
  const registry = new SubscriptionRegistry();
  // Only meaningful while someone subscribes; re-read from the table when the first one arrives.
  let lastSeen = 0;
  let scheduled = false;
  let poll: ReturnType<typeof setInterval> | null = null;
  let closed = false;

  const tail = () => {
    scheduled = false;
    if (!db || registry.size === 0 || closed) return;
    try {
      for (;;) {
        const rows = tailEventsAfter(db, lastSeen, TAIL_PAGE);
        for (const row of rows) {
          lastSeen = row.id;
          if (registry.wants(row)) registry.fanOut(toLiveEvent(row));
        }
        if (rows.length < TAIL_PAGE) break;
      }
    } catch (error) {
      // The next wake or poll retries from lastSeen; nothing is lost.
      logger?.error("live tailer failed", { error: String(error) });
    }
  };

  // Coalesces every wake of one tick into one read.
  const schedule = () => {
    if (scheduled || registry.size === 0 || closed) return;
    scheduled = true;
    setImmediate(tail);
  };

  const startTailing = () => {
    if (!db) throw new Error("This event bus has no database to read events from");
    lastSeen = latestEventId(db);
    poll = setInterval(schedule, pollIntervalMs);
    poll.unref();
  };

  const stopTailing = () => {
    if (poll) clearInterval(poll);
    poll = null;
  };

  const forget = (subscription: LiveSubscription) => {
    registry.remove(subscription);
    if (registry.size === 0) stopTailing();
  };

  return {
    wake() {
      for (const listener of listeners) listener();
      schedule();
    },
    onWake(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribe(scope, subscribeOptions) {
      if (closed) throw new Error("The event bus is closed");
      if (registry.size === 0) startTailing();
      const subscription = new LiveSubscription(scopeKey(scope), {
        onOverflow: subscribeOptions.onOverflow,
        latestOnly: subscribeOptions.latestOnly,
        onClose: forget,
      });
      registry.add(subscription);
      const { signal } = subscribeOptions;
      if (signal?.aborted) subscription.close();
      else signal?.addEventListener("abort", () => subscription.close(), { once: true });
      return subscription;
    },
    get subscriberCount() {
      return registry.size;
    },
    close() {
      closed = true;
      stopTailing();
      registry.closeAll();
    },
  };
}
