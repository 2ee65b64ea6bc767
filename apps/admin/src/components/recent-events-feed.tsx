import { EmptyState, StatusBadge } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useState } from "react";
import { Link } from "react-router";
import { describeOrderEvent } from "../lib/describe-event";
import { type OrderEvent, toOrderEvent } from "../lib/live-event";
import { RelativeTime } from "./relative-time";

const SHOWN = 20;
/** How far back the feed starts: enough ids to find the last few order events among the others. */
const LOOKBACK_IDS = 200;

/**
 * The latest order events, newest first, then live. `startAfter` is an event id (the dashboard's
 * first stats tick carries the newest one); the feed replays from a little before it.
 */
export function RecentEventsFeed({ newestEventId }: { newestEventId: number | null }) {
  const [events, setEvents] = useState<OrderEvent[]>([]);
  const from = newestEventId === null ? null : Math.max(0, newestEventId - LOOKBACK_IDS);

  trpc.admin.onEvents.useSubscription(from === null ? undefined : { lastEventId: from }, {
    enabled: from !== null,
    onData: (item) => {
      const event = toOrderEvent(item);
      setEvents((current) =>
        current.some((e) => e.id === event.id)
          ? current
          : [event, ...current].sort((a, b) => Number(b.id) - Number(a.id)).slice(0, SHOWN),
      );
    },
  });

  if (events.length === 0) {
    return (
      <EmptyState
        icon="↻"
        title="No order events yet"
        description="Orders placed, shipped and scanned by carriers appear here as they happen."
      />
    );
  }
  return (
    <ol className="adm-feed" aria-live="polite" aria-relevant="additions">
      {events.map((event) => (
        <li key={event.id} className="adm-feed__item">
          <div className="adm-feed__main">
            <Link to={`/orders/${event.orderId}`} className="adm-feed__order">
              {event.orderNumber ?? "Order"}
            </Link>
            <span>{describeOrderEvent(event)}</span>
            {event.note && <span className="wb-muted">“{event.note}”</span>}
          </div>
          <div className="adm-feed__meta">
            {event.orderStatus && <StatusBadge kind="order" status={event.orderStatus} />}
            <RelativeTime value={event.at} />
          </div>
        </li>
      ))}
    </ol>
  );
}
