import { buttonClass, Card, formatMoney, useShopLocale } from "@waybill/ui";
import { PageLoading, trpc } from "@waybill/ui/client";
import { Link, useParams } from "react-router";
import { LoadProblem } from "../components/load-problem";

/** Right after checkout: the order number, what was bought, where it goes, and the way to track it. */
export function OrderConfirmationPage() {
  const { orderId = "" } = useParams();
  const order = trpc.orders.byId.useQuery({ orderId });
  const shop = useShopLocale();

  if (order.isPending) return <PageLoading label="Loading your order…" />;
  if (order.isError) {
    return (
      <LoadProblem
        title="We couldn't load your order"
        error={order.error}
        retry={() => void order.refetch()}
      />
    );
  }
  const { data } = order;
  return (
    <div className="sf-confirmation">
      <title>{`Order ${data.number} confirmed · Waybill`}</title>
      <div className="sf-confirmation__hero">
        <span className="sf-confirmation__check" aria-hidden="true">
          ✓
        </span>
        <h1 className="wb-page-title">Thank you! Your order is confirmed.</h1>
        <p className="wb-page-subtitle">
          Order <strong className="wb-mono">{data.number}</strong>
          {data.emailOptOut
            ? ". Updates appear on your orders page."
            : `. We'll e-mail ${data.contactEmail} as it moves.`}
        </p>
        <div className="wb-row">
          <Link to={`/orders/${data.id}`} className={buttonClass({ variant: "primary" })}>
            Track this order
          </Link>
          <Link to="/shop" className={buttonClass()}>
            Continue shopping
          </Link>
        </div>
      </div>
      <Card title="What you ordered" titleAs="h2">
        <ul className="sf-lines">
          {data.items.map((item) => (
            <li key={item.id} className="sf-line">
              <span>
                {item.name}
                {item.quantity > 1 && <span className="wb-muted"> × {item.quantity}</span>}
              </span>
              <span>{formatMoney(item.unitPriceCents * item.quantity, shop, data.currency)}</span>
            </li>
          ))}
        </ul>
        <dl className="sf-totals">
          <div className="sf-totals__total">
            <dt>Total</dt>
            <dd>{formatMoney(data.totalCents, shop, data.currency)}</dd>
          </div>
          <div>
            <dt>Payment</dt>
            <dd>{data.paymentMethod === "cod" ? "Cash on delivery" : "Prepaid"}</dd>
          </div>
          <div>
            <dt>Delivering to</dt>
            <dd>
              {data.address.name}, {data.address.line1}, {data.address.city}{" "}
              {data.address.postalCode}
            </dd>
          </div>
        </dl>
      </Card>
    </div>
  );
}
