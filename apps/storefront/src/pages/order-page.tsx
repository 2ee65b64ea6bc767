import { skipToken } from "@tanstack/react-query";
import {
  Alert,
  buttonClass,
  Card,
  EmptyState,
  formatDate,
  formatMoney,
  StatusBadge,
  useShopLocale,
} from "@waybill/ui";
import { errorCode, PageLoading, trpc, useConnectionState } from "@waybill/ui/client";
import { useEffect, useMemo, useRef } from "react";
import { Link, useParams } from "react-router";
import { LoadProblem } from "../components/load-problem";
import { CheckForUpdates } from "../components/tracking/check-for-updates";
import { FreshnessLine } from "../components/tracking/freshness-line";
import { MilestoneSummary } from "../components/tracking/milestone-summary";
import { ShipmentFacts } from "../components/tracking/shipment-facts";
import { TrackingTimeline } from "../components/tracking/tracking-timeline";
import type { OrderDetail, ShipmentDetail } from "../lib/api-types";
import { CARRIER_NAMES } from "../lib/shop";
import { FINAL_STATUSES, statusHeadline } from "../lib/tracking-view";
import { useRestartOnError } from "../live/restart-on-error";

/**
 * Rows that were not on screen when the page first showed the shipment: they arrived live and get a
 * brief highlight. The first answer sets the baseline, so nothing flashes on load.
 */
function useFreshIds(ids: readonly string[] | null): ReadonlySet<string> {
  const seen = useRef<Set<string> | null>(null);
  const key = ids?.join("|") ?? null;
  // `key` stands for `ids` by value: a refetch with the same rows is no change.
  const fresh = useMemo(() => {
    if (ids === null || seen.current === null) return new Set<string>();
    const known = seen.current;
    return new Set(ids.filter((id) => !known.has(id)));
  }, [key]);
  useEffect(() => {
    if (ids === null) return;
    seen.current ??= new Set();
    for (const id of ids) seen.current.add(id);
  }, [key]);
  return fresh;
}

/** One order's live tracking: progress, the carrier's timeline, the parcel's details, the order. */
export function OrderPage() {
  const { orderId = "" } = useParams();
  const utils = trpc.useUtils();
  const order = trpc.orders.byId.useQuery({ orderId }, { staleTime: 5_000 });
  const started = useRef(false);

  // Each live change refetches the order: the api's answer stays the one truth on screen, and a change
  // replayed after a reconnect cannot add a row twice.
  // Kept while any answer is on screen: a failed background refetch must not drop the live feed.
  const updates = trpc.orders.onUpdate.useSubscription(order.data ? { orderId } : skipToken, {
    onStarted: () => {
      // On a resubscribe (the socket came back), catch up with anything the replay did not cover.
      if (started.current) void utils.orders.byId.invalidate({ orderId });
      started.current = true;
    },
    onData: () => void utils.orders.byId.invalidate({ orderId }),
  });
  useRestartOnError(updates, () => void utils.orders.byId.invalidate({ orderId }));

  if (order.data) return <OrderTracking order={order.data} />;
  if (order.isPending) return <PageLoading label="Loading your order…" />;
  if (errorCode(order.error) === "NOT_FOUND") {
    return (
      <>
        <title>Order not found · Waybill</title>
        <EmptyState
          titleAs="h1"
          icon="?"
          title="Order not found"
          description="This order does not exist, or it belongs to another account."
          action={
            <Link to="/orders" className={buttonClass({ variant: "primary" })}>
              Your orders
            </Link>
          }
        />
      </>
    );
  }
  return (
    <LoadProblem
      title="We couldn't load this order"
      error={order.error}
      retry={() => void order.refetch()}
    />
  );
}

function OrderTracking({ order }: { order: OrderDetail }) {
  const shop = useShopLocale();
  const connection = useConnectionState();
  const [shipment, ...earlier] = order.shipments;
  const headline = statusHeadline(order.status, shipment?.status ?? null);
  const fresh = useFreshIds(shipment ? shipment.timeline.map((event) => event.id) : null);

  return (
    <>
      <title>{`${order.number} · Tracking · Waybill`}</title>
      <nav aria-label="Breadcrumb" className="sf-crumbs">
        <Link to="/orders">
          <span aria-hidden="true">← </span>Your orders
        </Link>
      </nav>
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">Order {order.number}</h1>
          <p className="wb-page-subtitle">Placed {formatDate(order.createdAt, shop)}</p>
        </div>
      </div>

      {connection !== "live" && (
        <Alert tone="warning" className="sf-gap">
          {connection === "offline"
            ? "You're offline. Live updates resume, with anything you missed, when the connection returns."
            : "Reconnecting… Updates you miss meanwhile arrive as soon as the connection is back."}
        </Alert>
      )}

      <div className="sf-tracking">
        <div className="sf-tracking__main">
          <section className="wb-card sf-status" aria-labelledby="status-title">
            <div className="sf-status__head">
              <div>
                <p className="sf-status__eyebrow">Status</p>
                <h2 className="sf-status__title" id="status-title" data-testid="status-title">
                  {headline.title}
                </h2>
                <StatusLine order={order} shipment={shipment} />
              </div>
            </div>
            <MilestoneSummary
              orderStatus={order.status}
              shipmentStatus={shipment?.status ?? null}
              deliveredAt={shipment?.deliveredAt ?? null}
            />
            {shipment ? (
              <div className="sf-status__foot">
                <FreshnessLine
                  lastCheckedAt={shipment.freshness.lastCheckedAt}
                  lastCheckSource={shipment.freshness.lastCheckSource}
                  nextCheckAt={shipment.freshness.nextCheckAt}
                  status={shipment.status}
                />
                {!FINAL_STATUSES.includes(shipment.status) && (
                  <CheckForUpdates
                    orderId={order.id}
                    allowedAt={shipment.freshness.manualCheckAllowedAt}
                  />
                )}
              </div>
            ) : (
              <p className="sf-status__foot wb-muted">
                {order.status === "cancelled"
                  ? "This order was cancelled before it shipped."
                  : "We'll start tracking as soon as your order is handed to a carrier."}
              </p>
            )}
          </section>

          <Card title="Tracking history" className="sf-tracking__history">
            <TrackingTimeline
              scans={shipment?.timeline ?? []}
              fresh={fresh}
              empty={
                shipment
                  ? "No scans yet. The carrier's first scan usually comes within a few hours of pickup."
                  : "Nothing to show yet: your order has not shipped."
              }
            />
          </Card>
        </div>

        <aside className="sf-tracking__side" aria-label="Order details">
          {shipment && (
            <Card title="Shipment" titleAs="h2" className="sf-tracking__shipment">
              <ShipmentFacts
                carrier={shipment.carrier}
                courierName={shipment.courierName}
                trackingNumber={shipment.trackingNumber}
                trackingUrl={shipment.trackingUrl}
                estimatedDeliveryAt={shipment.estimatedDeliveryAt}
                deliveredAt={shipment.deliveredAt}
              />
            </Card>
          )}
          <OrderSummary order={order} />
          {earlier.length > 0 && <EarlierShipments shipments={earlier} />}
        </aside>
      </div>
    </>
  );
}

/** The line under the headline: delivery date, the estimate, or where the parcel was last seen. */
function StatusLine({
  order,
  shipment,
}: {
  order: OrderDetail;
  shipment: ShipmentDetail | undefined;
}) {
  const shop = useShopLocale();
  if (!shipment) {
    return <p className="sf-status__line">Order confirmed {formatDate(order.createdAt, shop)}</p>;
  }
  if (shipment.deliveredAt) {
    return <p className="sf-status__line">Delivered {formatDate(shipment.deliveredAt, shop)}</p>;
  }
  const latest = shipment.latestEvent;
  return (
    <p className="sf-status__line">
      {shipment.estimatedDeliveryAt && !FINAL_STATUSES.includes(shipment.status) ? (
        <>Estimated delivery {formatDate(shipment.estimatedDeliveryAt, shop, "day")}</>
      ) : latest ? (
        <>
          Last scan {formatDate(latest.occurredAt, shop)}
          {latest.location ? ` · ${latest.location}` : ""}
        </>
      ) : (
        <>With {CARRIER_NAMES[shipment.carrier]}, waiting for the first scan</>
      )}
    </p>
  );
}

function OrderSummary({ order }: { order: OrderDetail }) {
  const shop = useShopLocale();
  const money = (cents: number) => formatMoney(cents, shop, order.currency);
  const { address } = order;
  return (
    <Card title="Order summary" titleAs="h2">
      <ul className="sf-lines">
        {order.items.map((item) => (
          <li key={item.id} className="sf-line">
            <span>
              {item.name}
              {item.quantity > 1 && <span className="wb-muted"> × {item.quantity}</span>}
            </span>
            <span>{money(item.unitPriceCents * item.quantity)}</span>
          </li>
        ))}
      </ul>
      <dl className="sf-totals">
        <div>
          <dt>Shipping</dt>
          <dd>{order.shippingCents === 0 ? "Free" : money(order.shippingCents)}</dd>
        </div>
        <div className="sf-totals__total">
          <dt>Total</dt>
          <dd>{money(order.totalCents)}</dd>
        </div>
        <div>
          <dt>Payment</dt>
          <dd>{order.paymentMethod === "cod" ? "Cash on delivery" : "Prepaid"}</dd>
        </div>
      </dl>
      <h3 className="sf-subheading">Delivering to</h3>
      <address className="sf-address">
        {address.name}
        <br />
        {address.line1}
        {address.line2 && (
          <>
            <br />
            {address.line2}
          </>
        )}
        <br />
        {address.city}, {address.state} {address.postalCode}
      </address>
    </Card>
  );
}

function EarlierShipments({ shipments }: { shipments: ShipmentDetail[] }) {
  return (
    <Card title="Earlier shipments" titleAs="h2">
      <ul className="sf-lines">
        {shipments.map((shipment) => (
          <li key={shipment.id} className="sf-line">
            <span>
              {CARRIER_NAMES[shipment.carrier]}
              {shipment.trackingNumber && (
                <span className="wb-mono wb-muted"> {shipment.trackingNumber}</span>
              )}
            </span>
            <StatusBadge kind="shipment" status={shipment.status} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
