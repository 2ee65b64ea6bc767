import type { CSSProperties, ReactNode } from "react";
import { cx } from "./class-names";

/**
 * - `done`: reached and behind us
 * - `current`: where the parcel is now
 * - `problem`: where it is now, and something went wrong there (a failed attempt, an exception)
 * - `upcoming`: not reached yet
 */
export type MilestoneState = "done" | "current" | "problem" | "upcoming";

export type MilestoneStep = {
  id: string;
  label: string;
  state: MilestoneState;
  /** A short line under the label ("Attempt failed", a date). */
  detail?: ReactNode;
  /** How serious a `problem` is: a failed attempt is a warning, a lost parcel is danger. */
  tone?: "warning" | "danger";
};

export type MilestoneTrackProps = {
  steps: MilestoneStep[];
  /** Names the track for assistive tech. */
  label?: string;
  className?: string;
};

const STATE_TEXT: Record<MilestoneState, string> = {
  done: "done",
  current: "current step",
  problem: "needs attention",
  upcoming: "not yet",
};

/**
 * A progress bar across milestones (confirmed → shipped → out for delivery → delivered), with the
 * steps joined by a line that fills as they are reached. A problem step is drawn as one, never as
 * progress.
 */
export function MilestoneTrack({
  steps,
  label = "Delivery progress",
  className,
}: MilestoneTrackProps) {
  const reached = steps.filter((step) => step.state !== "upcoming").length;
  return (
    <ol
      className={cx("wb-milestones", className)}
      aria-label={label}
      style={{ "--wb-milestone-count": steps.length } as CSSProperties}
      data-reached={reached}
    >
      {steps.map((step) => (
        <li
          key={step.id}
          className={cx(
            "wb-milestone",
            `wb-milestone--${step.state}`,
            step.state === "problem" && step.tone === "danger" && "wb-milestone--danger",
          )}
          data-state={step.state}
          aria-current={step.state === "current" || step.state === "problem" ? "step" : undefined}
        >
          <span className="wb-milestone__marker" aria-hidden="true">
            {step.state === "done" ? (
              <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true" focusable="false">
                <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2.2" />
              </svg>
            ) : step.state === "problem" ? (
              "!"
            ) : null}
          </span>
          <span className="wb-milestone__label">
            {step.label}
            <span className="wb-sr-only">: {STATE_TEXT[step.state]}</span>
          </span>
          {step.detail && <span className="wb-milestone__detail">{step.detail}</span>}
        </li>
      ))}
    </ol>
  );
}
