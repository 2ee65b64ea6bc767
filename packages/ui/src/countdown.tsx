import { useEffect, useRef } from "react";
import { type DateInput, formatClock, toDate } from "./format";
import { useNow } from "./use-now";

/** Milliseconds left until `until` (0 once passed), re-rendering every second; null means no deadline. */
export function useCountdown(until: DateInput | null | undefined): number {
  const now = useNow(1_000);
  if (until === null || until === undefined) return 0;
  return Math.max(0, toDate(until).getTime() - Math.max(now, Date.now()));
}

export type CountdownProps = {
  until: DateInput;
  /** Called once when the time is up. */
  onDone?: () => void;
  className?: string;
};

/**
 * A ticking m:ss until a deadline (a cooldown, a retry). It is a `timer`, which screen readers do not
 * read out on every tick; announce the end where it matters.
 */
export function Countdown({ until, onDone, className }: CountdownProps) {
  const remaining = useCountdown(until);
  const done = useRef(false);
  const latestOnDone = useRef(onDone);
  latestOnDone.current = onDone;

  useEffect(() => {
    if (remaining > 0) {
      done.current = false;
      return;
    }
    if (done.current) return;
    done.current = true;
    latestOnDone.current?.();
  }, [remaining]);

  return (
    <span role="timer" className={className}>
      {formatClock(remaining)}
    </span>
  );
}
