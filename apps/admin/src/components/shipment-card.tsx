import { Badge, Card, StatusBadge, Table, type TableColumn } from "@waybill/ui";
import { Fragment } from "react";
import type { ShipmentDetail, TimelineEntry } from "../lib/api-types";
import { CARRIER_LABEL, SOURCE_LABEL } from "../lib/labels";
import { useFormat } from "../lib/use-format";
import { DateTime } from "./formatted";
import { RelativeTime } from "./relative-time";

const SOURCE_TONE = {
  webhook: "accent",
  poll: "info",
  manual: "neutral",
  admin: "warning",
} as const;

/** A carrier hub name ("Bengaluru_Koramangala_DC") may wrap after each underscore, as words wrap. */
function HubName({ name }: { name: string }) {
  const parts = name.split("_");
  return (
    <span className="adm-break">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 && (
            <>
              _<wbr />
            </>
          )}
        </Fragment>
      ))}
    </span>
  );
}

const TIMELINE_COLUMNS: TableColumn<TimelineEntry>[] = [
  {
    id: "when",
    header: "When · source",
    cell: (entry) => (
      <span className="adm-cell-stack">
        <span className="adm-nowrap">
          <DateTime value={entry.occurredAt} />
        </span>
        <Badge tone={SOURCE_TONE[entry.source]}>{SOURCE_LABEL[entry.source]}</Badge>
      </span>
    ),
  },
  {
    id: "status",
    header: "Status",
    cell: (entry) => (
      <span className="adm-cell-stack">
        <StatusBadge kind="shipment" status={entry.status} />
        {entry.substatus && (
          <span className="wb-muted adm-small">{entry.substatus.replaceAll("_", " ")}</span>
        )}
      </span>
    ),
  },
  {
    id: "raw",
    header: "Carrier code",
    cell: (entry) => (
      <span className="adm-cell-stack">
        <code className="adm-code">{entry.rawCode}</code>
        {entry.rawLabel && <span className="adm-small">{entry.rawLabel}</span>}
      </span>
    ),
  },
  {
    id: "details",
    header: "Where",
    cell: (entry) =>
      entry.location || entry.description ? (
        <span className="adm-cell-stack">
          {entry.location && <HubName name={entry.location} />}
          {entry.description && <span className="wb-muted adm-small">{entry.description}</span>}
        </span>
      ) : (
        <span className="wb-muted">—</span>
      ),
  },
];

/** One shipment: the carrier's references, what we know and from where, and its full timeline. */
export function ShipmentCard({ shipment }: { shipment: ShipmentDetail }) {
  const format = useFormat();
  const freshness = shipment.freshness;
  return (
    <Card
      title={`${CARRIER_LABEL[shipment.carrier]} shipment`}
      description={`Account “${shipment.accountName}” · created ${format.dateTime(shipment.createdAt)}`}
      actions={<StatusBadge kind="shipment" status={shipment.status} />}
    >
      <div className="wb-stack">
        <dl className="adm-facts">
          <div>
            <dt>Tracking number</dt>
            <dd>
              {shipment.trackingNumber ? (
                <span className="wb-mono" data-field="tracking-number">
                  {shipment.trackingNumber}
                </span>
              ) : (
                <span className="wb-muted">Not assigned yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Carrier status</dt>
            <dd>
              {shipment.rawStatus ? (
                <>
                  <code className="adm-code">{shipment.rawStatus}</code>{" "}
                  {shipment.rawStatusLabel ?? ""}
                </>
              ) : (
                <span className="wb-muted">No scan yet</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Courier</dt>
            <dd>{shipment.courierName ?? <span className="wb-muted">Not assigned yet</span>}</dd>
          </div>
          <div>
            <dt>Estimated delivery</dt>
            <dd>
              {shipment.estimatedDeliveryAt ? (
                <DateTime value={shipment.estimatedDeliveryAt} style="date" />
              ) : (
                <span className="wb-muted">Not given by the carrier</span>
              )}
            </dd>
          </div>
          {shipment.deliveredAt && (
            <div>
              <dt>Delivered</dt>
              <dd>
                <DateTime value={shipment.deliveredAt} />
              </dd>
            </div>
          )}
          <div>
            <dt>Carrier references</dt>
            <dd className="adm-small">
              {shipment.carrierOrderId || shipment.carrierShipmentId ? (
                <>
                  {shipment.carrierOrderId && (
                    <>
                      order <span className="wb-mono">{shipment.carrierOrderId}</span>{" "}
                    </>
                  )}
                  {shipment.carrierShipmentId && (
                    <>
                      shipment <span className="wb-mono">{shipment.carrierShipmentId}</span>
                    </>
                  )}
                </>
              ) : (
                <span className="wb-muted">None</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Last checked</dt>
            <dd>
              <RelativeTime value={freshness.lastCheckedAt} />
              {freshness.lastCheckSource && (
                <span className="wb-muted"> · {SOURCE_LABEL[freshness.lastCheckSource]}</span>
              )}
            </dd>
          </div>
          <div>
            <dt>Next scheduled check</dt>
            <dd>
              {freshness.nextCheckAt ? (
                <RelativeTime value={freshness.nextCheckAt} past={false} />
              ) : (
                <span className="wb-muted">None (tracking has ended)</span>
              )}
            </dd>
          </div>
        </dl>
        {shipment.trackingUrl && (
          <p className="adm-small">
            <a href={shipment.trackingUrl} target="_blank" rel="noreferrer noopener">
              Open the carrier's tracking page ↗
            </a>
          </p>
        )}
        <Table
          columns={TIMELINE_COLUMNS}
          rows={shipment.timeline}
          getRowKey={(entry) => entry.id}
          caption={`Timeline (${shipment.timeline.length} event${shipment.timeline.length === 1 ? "" : "s"}, newest first)`}
          empty="No carrier events yet. They appear as the carrier scans the parcel."
        />
      </div>
    </Card>
  );
}
