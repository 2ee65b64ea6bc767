import { useCallback, useSyncExternalStore } from "react";

type Ticker = { now: number; listeners: Set<() => void>; timer: ReturnType<typeof setInterval> };

// One timer per interval, shared by every component on the page: a list of fifty "3 min ago"
// labels re-renders on one tick instead of fifty.
const tickers = new Map<number, Ticker>();

function subscribe(intervalMs: number, listener: () => void): () => void {
  let ticker = tickers.get(intervalMs);
  if (!ticker) {
    const created: Ticker = {
      now: Date.now(),
      listeners: new Set(),
      timer: setInterval(() => {
        created.now = Date.now();
        for (const notify of created.listeners) notify();
      }, intervalMs),
    };
    ticker = created;
    tickers.set(intervalMs, created);
  }
  ticker.listeners.add(listener);
  const own = ticker;
  return () => {
    own.listeners.delete(listener);
    if (own.listeners.size === 0) {
      clearInterval(own.timer);
      tickers.delete(intervalMs);
    }
  };
}

/** Before the first subscriber there is no ticker; a value that holds still within the interval stands in. */
function flooredNow(intervalMs: number): number {
  return Math.floor(Date.now() / intervalMs) * intervalMs;
}

/** The current time in ms, re-rendering at least every `intervalMs`. */
export function useNow(intervalMs = 30_000): number {
  // A stable subscribe function: a new one per render would make React resubscribe every render.
  const subscribeToTicker = useCallback(
    (listener: () => void) => subscribe(intervalMs, listener),
    [intervalMs],
  );
  const ticked = useSyncExternalStore(
    subscribeToTicker,
    () => tickers.get(intervalMs)?.now ?? flooredNow(intervalMs),
  );
  // The tick only schedules re-renders; a render caused by new data reads the clock itself, so a
  // timestamp written a second ago never shows as "in under a minute".
  return Math.max(ticked, Date.now());
}
