import { Alert, Button, type DateInput, formatClock, toDate, useCountdown } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useEffect, useId, useRef, useState } from "react";
import { problemMessage, retryAtOf } from "../../lib/api-problem";

export type CheckForUpdatesProps = {
  orderId: string;
  /** When the server next accepts a manual check (`freshness.manualCheckAllowedAt`). */
  allowedAt: DateInput | null;
};

function later(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return a > b ? a : b;
}

/**
 * "Check for updates": asks the carrier now. The server's cooldown is the truth (its refusal carries
 * `retryAt`); the button shows it as a countdown and says when it may be pressed again.
 */
export function CheckForUpdates({ orderId, allowedAt }: CheckForUpdatesProps) {
  const utils = trpc.useUtils();
  const hintId = useId();
  const allowedAtMs = allowedAt === null ? null : toDate(allowedAt).getTime();
  const [cooldownUntil, setCooldownUntil] = useState<Date | null>(
    allowedAtMs === null ? null : new Date(allowedAtMs),
  );
  const [announcement, setAnnouncement] = useState("");
  const [problem, setProblem] = useState<string | null>(null);

  // A refetch (another tab pressed it, a live update) may move the server's cooldown on.
  useEffect(() => {
    if (allowedAtMs !== null) setCooldownUntil((current) => later(current, new Date(allowedAtMs)));
  }, [allowedAtMs]);

  const remaining = useCountdown(cooldownUntil);
  const coolingDown = remaining > 0;

  const wasCoolingDown = useRef(coolingDown);
  useEffect(() => {
    if (wasCoolingDown.current && !coolingDown) setAnnouncement("You can check for updates again.");
    wasCoolingDown.current = coolingDown;
  }, [coolingDown]);

  const check = trpc.orders.checkForUpdates.useMutation({
    onSuccess: (result) => {
      utils.orders.byId.setData({ orderId }, result.order);
      setCooldownUntil(toDate(result.nextAllowedAt));
      setProblem(null);
      setAnnouncement(
        result.updated
          ? result.changes === 1
            ? "The carrier had news: 1 update added."
            : `The carrier had news: ${result.changes} updates added.`
          : "No news from the carrier: your tracking is up to date.",
      );
    },
    onError: (error) => {
      const retryAt = retryAtOf(error);
      if (retryAt) {
        setCooldownUntil(retryAt);
        setProblem(null);
        setAnnouncement("You checked a moment ago. You can check again when the countdown ends.");
        return;
      }
      setProblem(problemMessage(error));
    },
  });

  return (
    <div className="sf-check">
      <div className="sf-check__row">
        <Button
          onClick={() => {
            setAnnouncement("");
            check.mutate({ orderId });
          }}
          pending={check.isPending}
          disabled={coolingDown}
          aria-describedby={coolingDown ? hintId : undefined}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
            <path
              d="M13.5 8A5.5 5.5 0 1 1 11.9 4.1M13.5 2.5v3h-3"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          {check.isPending ? "Checking…" : "Check for updates"}
        </Button>
        {coolingDown && (
          <span className="sf-check__cooldown" id={hintId}>
            Available again in{" "}
            <span role="timer" className="sf-check__clock">
              {formatClock(remaining)}
            </span>
          </span>
        )}
      </div>
      <p className="sf-check__result" role="status">
        {announcement}
      </p>
      {problem && <Alert tone="warning">{problem}</Alert>}
    </div>
  );
}
