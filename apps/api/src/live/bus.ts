/**
 * Wakes live subscribers after a commit. Writers never pass data through it: the `events` table is the
 * source of truth, and whoever listens reads the rows after the last id it saw. So a missed wake costs
 * latency, never an event, and writes from another process are picked up on the next wake.
 */
export type EventBus = {
  wake(): void;
  /** Returns the unsubscribe function. */
  onWake(listener: () => void): () => void;
};

export function createEventBus(): EventBus {
  const listeners = new Set<() => void>();
  return {
    wake() {
      for (const listener of listeners) listener();
    },
    onWake(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
