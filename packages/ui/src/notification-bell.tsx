import type { Ref } from "react";
import { cx } from "./class-names";

export type NotificationBellProps = {
  unread: number;
  /** Whether the panel it opens is showing. */
  expanded: boolean;
  /** The panel's id. */
  controls: string;
  onToggle: () => void;
  ref?: Ref<HTMLButtonElement>;
  className?: string;
};

/** The header's bell: a disclosure button with the unread count on it (99+ past 99). */
export function NotificationBell({
  unread,
  expanded,
  controls,
  onToggle,
  ref,
  className,
}: NotificationBellProps) {
  const label = unread > 0 ? `Notifications, ${unread} unread` : "Notifications";
  return (
    <button
      ref={ref}
      type="button"
      className={cx("wb-bell", className)}
      aria-expanded={expanded}
      aria-controls={controls}
      aria-label={label}
      onClick={onToggle}
    >
      <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          d="M10 2.75a4.75 4.75 0 0 0-4.75 4.75v2.4c0 .53-.17 1.05-.49 1.48L3.5 13.1c-.37.5-.02 1.2.6 1.2h11.8c.62 0 .97-.7.6-1.2l-1.26-1.72a2.5 2.5 0 0 1-.49-1.48V7.5A4.75 4.75 0 0 0 10 2.75zM8 16.25a2 2 0 0 0 4 0"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {unread > 0 && (
        <span className="wb-bell__count" aria-hidden="true" data-testid="unread-count">
          {unread > 99 ? "99+" : unread}
        </span>
      )}
    </button>
  );
}
