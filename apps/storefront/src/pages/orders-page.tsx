import {
  Button,
  buttonClass,
  EmptyState,
  formatDate,
  formatMoney,
  RelativeTime,
  StatusBadge,
  useShopLocale,
} from "@waybill/ui";
import { PageLoading, trpc } from "@waybill/ui/client";
import { useState } from "react";
import { Link } from "react-router";
import { LoadProblem } from "../components/load-problem";
import type { MyOrder } from "../lib/api-types";
import { CARRIER_NAMES, NOT_ASSIGNED } from "../lib/shop";
import { badgeStatus, statusHeadline } from "../lib/tracking-view";
import { useOrderEvents } from "../live/live-order-updates";

const PAGE_SIZE = 10;

/** Every order of the signed-in customer, newest first, with live status badges. */
export function OrdersPage() {
  const orders = trpc.orders.my.useInfiniteQuery(
    { limit: PAGE_SIZE },
    { getNextPageParam: (page) => page.nextCursor ?? undefined },
  );
  // The list refetches on each change (the shell does that); this marks which card moved.
  const [updated, setUpdated] = useState<ReadonlyMap<string, string>>(new Map());
  useOrderEvents((event, eventId) => {
    setUpdated((current) => new Map(current).set(event.orderId, eventId));
  });

  return (
    <>
      <title>Your orders · Waybill</title>
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">Your orders</h1>
          <p className="wb-page-subtitle">Statuses update live as carriers scan your parcels.</p>
        </div>
        <Link to="/shop" className={buttonClass()}>
          Shop
        </Link>
      </div>
      {orders.isPending ? (
        <PageLoading label="Loading your orders…" />
      ) : orders.isError ? (
        <LoadProblem
          title="We couldn't load your orders"
          error={orders.error}
          retry={() => void orders.refetch()}
        />
      ) : orders.data.pages[0]?.items.length === 0 ? (
        <EmptyState
          icon="📦"
          title="No orders yet"
          description="When you place an order, it shows up here and you can follow it live to your door."
          action={
            <Link to="/shop" className={buttonClass({ variant: "primary" })}>
              Browse the shop
            </Link>
          }
        />
      ) : (
        <>
          <ul className="sf-order-list" aria-busy={orders.isFetching || undefined}>
            {orders.data.pages
              .flatMap((page) => page.items)
              .map((order) => (
                <li key={order.id}>
                  <OrderCard order={order} updateKey={updated.get(order.id)} />
                </li>
              ))}
          </ul>
          {orders.hasNextPage && (
            <div className="sf-more">
              <Button
                onClick={() => void orders.fetchNextPage()}
                pending={orders.isFetchingNextPage}
              >
                Show older orders
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}

function OrderCard({ order, updateKey }: { order: MyOrder; updateKey: string | undefined }) {
  const shop = useShopLocale();
  const shipment = order.shipment;
  const badge = badgeStatus(order.status, shipment?.status ?? null);
  const latest = shipment?.latestEvent ?? null;
  return (
    <Link
      to={`/orders/${order.id}`}
      className="sf-order-card"
      // A new key restarts the highlight animation on every live change to this order.
      key={updateKey}
      data-updated={updateKey ? "true" : undefined}
    >
      <div className="sf-order-card__top">
        <span className="sf-order-card__number">{order.number}</span>
        <StatusBadge {...badge} />
      </div>
      <p className="sf-order-card__meta">
        Placed {formatDate(order.createdAt, shop, "date")} · {order.itemCount}{" "}
        {order.itemCount === 1 ? "item" : "items"} ·{" "}
        {formatMoney(order.totalCents, shop, order.currency)}
      </p>
      {shipment ? (
        <p className="sf-order-card__shipment">
          {CARRIER_NAMES[shipment.carrier]}
          {shipment.courierName ? ` · ${shipment.courierName}` : ""} ·{" "}
          {shipment.trackingNumber ? (
            <span className="wb-mono">{shipment.trackingNumber}</span>
          ) : (
            <span className="wb-muted">Tracking number {NOT_ASSIGNED.toLowerCase()}</span>
          )}
        </p>
      ) : (
        <p className="sf-order-card__shipment wb-muted">Not shipped yet</p>
      )}
      <p className="sf-order-card__latest">
        {latest ? (
          <>
            {latest.label ?? statusHeadline(order.status, latest.status).title}
            {latest.location ? ` · ${latest.location}` : ""} ·{" "}
            <RelativeTime value={latest.occurredAt} />
          </>
        ) : (
          <>
            Updated <RelativeTime value={order.updatedAt} />
          </>
        )}
      </p>
    </Link>
  );
}
