import { cx } from "./class-names";

/** The live-update link as a person sees it. */
export type ConnectionState = "live" | "reconnecting" | "offline";

const LOOK = {
  live: { label: "Live", detail: "Updates arrive as they happen." },
  reconnecting: { label: "Reconnecting", detail: "Trying to restore live updates…" },
  offline: { label: "Offline", detail: "Live updates are paused until the connection returns." },
} as const satisfies Record<ConnectionState, { label: string; detail: string }>;

export type ConnectionIndicatorProps = {
  state: ConnectionState;
  className?: string;
};

/** A small pill saying whether live updates are flowing; changes are announced politely. */
export function ConnectionIndicator({ state, className }: ConnectionIndicatorProps) {
  const look = LOOK[state];
  return (
    <span
      role="status"
      data-state={state}
      title={look.detail}
      className={cx("wb-connection", `wb-connection--${state}`, className)}
    >
      <span className="wb-connection__dot" aria-hidden="true" />
      {look.label}
      <span className="wb-sr-only">: {look.detail}</span>
    </span>
  );
}
