import { Alert, Card, EmptyState, StatusBadge, Table } from "@waybill/ui";
import { errorCode, PageLoading, trpc } from "@waybill/ui/client";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { CheckNowButton } from "../components/check-now-button";
import { useOrderEvents } from "../components/live-order-events";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { ShipForm, type ShipResult } from "../components/ship-form";
import { ShipmentCard } from "../components/shipment-card";
import { StatusChangeForm } from "../components/status-change-form";
import type { OrderDetail } from "../lib/api-types";
import { CARRIER_LABEL } from "../lib/labels";
import { useFormat } from "../lib/use-format";

/** Statuses after which an order cannot be handed to a carrier (the api refuses them too). */
const UNSHIPPABLE = new Set(["cancelled", "delivered", "returned"]);

/** One order: what was bought, for whom, where it is, and the admin's actions on it. */
export function OrderPage() {
  const { orderId = "" } = useParams();
  const order = trpc.admin.orders.byId.useQuery({ orderId });
  const utils = trpc.useUtils();
  const refresh = () => void utils.admin.orders.byId.invalidate({ orderId });

  useOrderEvents((event) => {
    if (event.orderId === orderId) refresh();
  });

  const back = <Link to="/orders">← All orders</Link>;
  if (order.isPending) return <PageLoading label="Loading the order…" />;
  if (order.isError) {
    if (errorCode(order.error) === "NOT_FOUND") {
      return (
        <>
          <PageHeader title="Order not found" back={back} />
          <EmptyState
            title="No such order"
            description="It may have been removed, or the link is wrong."
            action={<Link to="/orders">Back to the orders</Link>}
          />
        </>
      );
    }
    return (
      <>
        <PageHeader title="Order" back={back} />
        <LoadProblem error={order.error} what="this order" retry={() => void order.refetch()} />
      </>
    );
  }
  return <OrderView order={order.data} back={back} onChanged={refresh} />;
}

function OrderView({
  order,
  back,
  onChanged,
}: {
  order: OrderDetail;
  back: ReactNode;
  onChanged: () => void;
}) {
  const [shipResult, setShipResult] = useState<ShipResult | null>(null);
  const format = useFormat();
  const accounts = trpc.admin.carriers.list.useQuery(undefined, { staleTime: 60_000 });
  const live = order.shipments.find((s) => s.status !== "cancelled");
  const canShip = !live && !UNSHIPPABLE.has(order.status);
  const itemCount = order.items.reduce((sum, item) => sum + item.quantity, 0);

  return (
    <>
      <PageHeader
        title={`Order ${order.number}`}
        back={back}
        subtitle={
          <span className="wb-row">
            <StatusBadge kind="order" status={order.status} />
            <span>
              Placed {format.dateTime(order.createdAt)} · {itemCount} item
              {itemCount === 1 ? "" : "s"} · {format.money(order.totalCents, order.currency)} (
              {order.paymentMethod})
            </span>
          </span>
        }
        actions={
          order.shipments.length > 0 && (
            <CheckNowButton
              orderId={order.id}
              allowedAt={order.shipments[0]?.freshness.manualCheckAllowedAt ?? null}
              onChecked={onChanged}
            />
          )
        }
      />
      <div className="adm-detail">
        <div className="wb-stack adm-detail__main">
          {shipResult && (
            <Alert tone={shipResult.warnings.length ? "warning" : "success"} title="Shipped">
              <p>
                Handed to {CARRIER_LABEL[shipResult.shipment.carrier]}
                {shipResult.shipment.trackingNumber
                  ? ` with tracking number ${shipResult.shipment.trackingNumber}.`
                  : ". The carrier has not given a tracking number yet."}
              </p>
              {shipResult.warnings.length > 0 && (
                <ul className="adm-list">
                  {shipResult.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
          {canShip && (
            <Card
              title="Ship this order"
              description="Choose the account, then the carrier's details."
            >
              {accounts.isPending ? (
                <p className="wb-muted">Loading carrier accounts…</p>
              ) : accounts.isError ? (
                <LoadProblem error={accounts.error} what="the carrier accounts" />
              ) : (
                <ShipForm
                  orderId={order.id}
                  orderNumber={order.number}
                  accounts={accounts.data}
                  onShipped={(result) => {
                    setShipResult(result);
                    onChanged();
                  }}
                />
              )}
            </Card>
          )}
          {order.shipments.map((shipment) => (
            <ShipmentCard key={shipment.id} shipment={shipment} />
          ))}
          {order.shipments.length === 0 && !canShip && (
            <Card title="Shipment">
              <p className="wb-muted">This order was never handed to a carrier.</p>
            </Card>
          )}
          <Card title="Items">
            <Table
              caption="Items"
              captionHidden
              rows={order.items}
              getRowKey={(item) => item.id}
              columns={[
                { id: "name", header: "Item", cell: (item) => item.name },
                {
                  id: "sku",
                  header: "SKU",
                  cell: (item) => <span className="wb-mono">{item.sku}</span>,
                },
                { id: "qty", header: "Qty", align: "end", cell: (item) => item.quantity },
                {
                  id: "price",
                  header: "Unit price",
                  align: "end",
                  cell: (item) => format.money(item.unitPriceCents, order.currency),
                },
                {
                  id: "line",
                  header: "Line total",
                  align: "end",
                  cell: (item) => format.money(item.unitPriceCents * item.quantity, order.currency),
                },
              ]}
            />
            <dl className="adm-totals">
              <dt>Subtotal</dt>
              <dd>{format.money(order.subtotalCents, order.currency)}</dd>
              <dt>Shipping</dt>
              <dd>{format.money(order.shippingCents, order.currency)}</dd>
              <dt>Total</dt>
              <dd>
                <strong>{format.money(order.totalCents, order.currency)}</strong>
              </dd>
            </dl>
          </Card>
        </div>
        <div className="wb-stack adm-detail__side">
          <Card title="Customer">
            <dl className="adm-facts adm-facts--single">
              <div>
                <dt>Name</dt>
                <dd>{order.address.name}</dd>
              </div>
              <div>
                <dt>E-mail</dt>
                <dd>
                  <a href={`mailto:${order.contactEmail}`}>{order.contactEmail}</a>
                  {order.emailOptOut && <span className="wb-muted"> (no update e-mails)</span>}
                </dd>
              </div>
              <div>
                <dt>Phone</dt>
                <dd>
                  <a href={`tel:${order.contactPhone}`}>{order.contactPhone}</a>
                </dd>
              </div>
              <div>
                <dt>Ship to</dt>
                <dd>
                  <address className="adm-address">
                    {order.address.name}
                    <br />
                    {order.address.line1}
                    {order.address.line2 && (
                      <>
                        <br />
                        {order.address.line2}
                      </>
                    )}
                    <br />
                    {order.address.city}, {order.address.state} {order.address.postalCode}
                    <br />
                    {order.address.country}
                  </address>
                </dd>
              </div>
            </dl>
          </Card>
          <Card title="Change status" description="Customers are notified; your note goes with it.">
            <StatusChangeForm
              key={order.status}
              orderId={order.id}
              current={order.status}
              onChanged={onChanged}
            />
          </Card>
        </div>
      </div>
    </>
  );
}
