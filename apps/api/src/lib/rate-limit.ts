/**
 * Fixed-window counter per key, in memory: Waybill runs as one process, and a restart resetting
 * the counters is acceptable for login throttling.
 */
export type RateLimiter = {
  /** Whether `key` is currently over its limit; if so, when it may try again. */
  check(key: string, now: number): { limited: false } | { limited: true; retryAt: number };
  hit(key: string, now: number): void;
  reset(key: string): void;
};

export function createRateLimiter(options: {
  limit: number;
  windowMs: number;
  maxKeys?: number;
}): RateLimiter {
  const windows = new Map<string, { count: number; startedAt: number }>();
  const maxKeys = options.maxKeys ?? 100_000;

  function current(key: string, now: number) {
    const window = windows.get(key);
    if (window && now - window.startedAt < options.windowMs) return window;
    if (window) windows.delete(key);
    return undefined;
  }

  return {
    check(key, now) {
      const window = current(key, now);
      if (window && window.count >= options.limit) {
        return { limited: true, retryAt: window.startedAt + options.windowMs };
      }
      return { limited: false };
    },
    hit(key, now) {
      const window = current(key, now);
      if (window) {
        window.count += 1;
        return;
      }
      // Bound memory under a flood of distinct keys: drop the oldest entry.
      if (windows.size >= maxKeys) {
        const oldest = windows.keys().next().value;
        if (oldest !== undefined) windows.delete(oldest);
      }
      windows.set(key, { count: 1, startedAt: now });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}
