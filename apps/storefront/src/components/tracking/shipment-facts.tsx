import { CopyButton, type DateInput, formatDate, useShopLocale } from "@waybill/ui";
import type { CarrierId } from "../../lib/api-types";
import { CARRIER_NAMES, NOT_ASSIGNED } from "../../lib/shop";

export type ShipmentFactsProps = {
  carrier: CarrierId;
  courierName: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  estimatedDeliveryAt: DateInput | null;
  deliveredAt: DateInput | null;
};

function NotAssigned() {
  return <span className="wb-muted">{NOT_ASSIGNED}</span>;
}

/** Who carries the parcel and how to follow it at the carrier; unknowns say so, never a placeholder. */
export function ShipmentFacts(props: ShipmentFactsProps) {
  const shop = useShopLocale();
  return (
    <dl className="sf-facts">
      <div>
        <dt>Carrier</dt>
        <dd>{CARRIER_NAMES[props.carrier]}</dd>
      </div>
      <div>
        <dt>Courier</dt>
        <dd>{props.courierName ?? <NotAssigned />}</dd>
      </div>
      <div>
        <dt>Tracking number</dt>
        <dd>
          {props.trackingNumber ? (
            <span className="sf-tracking-number">
              <span className="wb-mono" data-testid="tracking-number">
                {props.trackingNumber}
              </span>
              <CopyButton value={props.trackingNumber} label="Copy tracking number" />
            </span>
          ) : (
            <NotAssigned />
          )}
        </dd>
      </div>
      <div>
        <dt>{props.deliveredAt ? "Delivered" : "Estimated delivery"}</dt>
        <dd>
          {props.deliveredAt ? (
            formatDate(props.deliveredAt, shop)
          ) : props.estimatedDeliveryAt ? (
            formatDate(props.estimatedDeliveryAt, shop, "day")
          ) : (
            <NotAssigned />
          )}
        </dd>
      </div>
      <div>
        <dt>Carrier's tracking page</dt>
        <dd>
          {props.trackingUrl ? (
            <a href={props.trackingUrl} target="_blank" rel="noopener noreferrer">
              Track at {CARRIER_NAMES[props.carrier]}
              <span className="wb-sr-only"> (opens in a new tab)</span>
              <span aria-hidden="true"> ↗</span>
            </a>
          ) : (
            <NotAssigned />
          )}
        </dd>
      </div>
    </dl>
  );
}
