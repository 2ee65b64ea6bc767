import { errorCode } from "@waybill/ui/client";
import { useEffect, useRef } from "react";

type Subscription = { status: string; error: unknown; reset: () => void };

/** Refusals that another try cannot change: the order is not the caller's, or never will be. */
const FINAL = new Set(["NOT_FOUND", "FORBIDDEN", "BAD_REQUEST"]);

/**
 * A dropped socket is the wsLink's job (it reconnects and resumes). An error ends a subscription for
 * good, though: a server restarting mid-subscribe, a connection over its limit, a subscribe that raced
 * a sign-in. This starts it again after a growing pause (1 s … 30 s), unless the refusal is final,
 * and calls `onRestart` so the caller can refetch.
 */
export function useRestartOnError(subscription: Subscription, onRestart?: () => void): void {
  const attempts = useRef(0);
  const latestOnRestart = useRef(onRestart);
  latestOnRestart.current = onRestart;
  const { status, error, reset } = subscription;
  useEffect(() => {
    if (status === "pending") attempts.current = 0;
    if (status !== "error") return;
    const code = errorCode(error);
    if (code && FINAL.has(code)) return;
    const delay = Math.min(30_000, 1_000 * 2 ** attempts.current);
    attempts.current += 1;
    const timer = setTimeout(() => {
      // A fresh subscription has no resume point: the caller refetches what it may have missed.
      latestOnRestart.current?.();
      reset();
    }, delay);
    return () => clearTimeout(timer);
  }, [status, error, reset]);
}
