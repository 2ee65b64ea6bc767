import type { ReactNode } from "react";
import { Button } from "./button";
import { cx } from "./class-names";
import type { DateInput } from "./format";
import { RelativeTime } from "./relative-time";
import { Spinner } from "./spinner";

export type NotificationPanelItem = {
  id: string;
  title: string;
  body: string;
  createdAt: DateInput;
  unread: boolean;
};

export type NotificationCategoryOption = { id: string; label: string };

export type NotificationPanelProps = {
  /** For the bell's `aria-controls`. */
  id: string;
  hidden?: boolean;
  categories: readonly NotificationCategoryOption[];
  category: string;
  onCategoryChange: (category: string) => void;
  items: NotificationPanelItem[];
  status: "loading" | "error" | "ready";
  onRetry?: () => void;
  unread: number;
  /** The person clicked a notification (open what it is about). */
  onOpen: (item: NotificationPanelItem) => void;
  onMarkRead: (item: NotificationPanelItem) => void;
  onMarkAllRead: () => void;
  markingAllRead?: boolean;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Shown when a category has nothing. */
  empty?: ReactNode;
  className?: string;
};

/**
 * The notification center's panel: category filter, newest first, unread marked, mark one or all read.
 * Data-free: the app feeds it and decides what "open" does.
 */
export function NotificationPanel({
  id,
  hidden = false,
  categories,
  category,
  onCategoryChange,
  items,
  status,
  onRetry,
  unread,
  onOpen,
  onMarkRead,
  onMarkAllRead,
  markingAllRead = false,
  hasMore = false,
  loadingMore = false,
  onLoadMore,
  empty = "Nothing here yet.",
  className,
}: NotificationPanelProps) {
  return (
    <section
      id={id}
      className={cx("wb-notices", className)}
      hidden={hidden}
      aria-label="Your notifications"
    >
      <div className="wb-notices__header">
        <h2 className="wb-notices__title">Notifications</h2>
        <Button
          variant="ghost"
          size="sm"
          onClick={onMarkAllRead}
          disabled={unread === 0}
          pending={markingAllRead}
        >
          Mark all as read
        </Button>
      </div>
      <fieldset className="wb-notices__filters">
        <legend className="wb-sr-only">Show</legend>
        {categories.map((option) => (
          <button
            key={option.id}
            type="button"
            className="wb-chip"
            aria-pressed={option.id === category}
            onClick={() => onCategoryChange(option.id)}
          >
            {option.label}
          </button>
        ))}
      </fieldset>
      {status === "loading" ? (
        <div className="wb-notices__state">
          <Spinner label="Loading notifications…" />
        </div>
      ) : status === "error" ? (
        <div className="wb-notices__state">
          <p>Notifications could not be loaded.</p>
          {onRetry && (
            <Button size="sm" onClick={onRetry}>
              Try again
            </Button>
          )}
        </div>
      ) : items.length === 0 ? (
        <p className="wb-notices__state">{empty}</p>
      ) : (
        <ul className="wb-notices__list">
          {items.map((item) => (
            <li
              key={item.id}
              className={cx("wb-notice", item.unread && "wb-notice--unread")}
              data-notification-id={item.id}
            >
              <button type="button" className="wb-notice__open" onClick={() => onOpen(item)}>
                <span className="wb-notice__title">
                  {item.unread && <span className="wb-sr-only">Unread: </span>}
                  {item.title}
                </span>
                <span className="wb-notice__body">{item.body}</span>
                <RelativeTime className="wb-notice__time" value={item.createdAt} />
              </button>
              {item.unread && (
                <button
                  type="button"
                  className="wb-icon-button wb-notice__mark"
                  aria-label={`Mark "${item.title}" as read`}
                  title="Mark as read"
                  onClick={() => onMarkRead(item)}
                >
                  <span className="wb-notice__dot" aria-hidden="true" />
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {hasMore && status === "ready" && (
        <div className="wb-notices__more">
          <Button variant="ghost" size="sm" block pending={loadingMore} onClick={onLoadMore}>
            Show older
          </Button>
        </div>
      )}
    </section>
  );
}
