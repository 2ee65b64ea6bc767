import { Alert, Badge, Card, Spinner } from "@waybill/ui";
import { readFormProblem, trpc } from "@waybill/ui/client";
import { useState } from "react";
import { Link } from "react-router";
import { DeliveryTimeChart } from "../components/delivery-time-chart";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { RecentEventsFeed } from "../components/recent-events-feed";
import { RelativeTime } from "../components/relative-time";
import { useAdmin } from "../components/require-admin";
import type { StatsOverview } from "../lib/api-types";
import { formatDuration } from "../lib/format-duration";
import { CARRIER_IDS, CARRIER_LABEL, ORDER_STATUS_IDS, orderStatusLabel } from "../lib/labels";

/** The operations overview: live counts, what needs attention, delivery times, the latest events. */
export function DashboardPage() {
  const admin = useAdmin();
  const utils = trpc.useUtils();
  const overview = trpc.admin.stats.overview.useQuery(undefined, { staleTime: 5_000 });
  const [newestEventId, setNewestEventId] = useState<number | null>(null);

  // From event 0 the first tick comes at once with the newest id: the feed starts from it.
  trpc.admin.stats.onChange.useSubscription(
    { lastEventId: 0 },
    {
      onData: (tick) => {
        setNewestEventId((current) => current ?? tick.data.eventId);
        void utils.admin.stats.overview.invalidate();
      },
    },
  );

  return (
    <>
      <PageHeader
        title="Dashboard"
        subtitle={`Signed in as ${admin.name} (${admin.email})`}
        actions={
          overview.data && (
            <span className="wb-muted adm-small">
              Updated <RelativeTime value={overview.data.generatedAt} />
            </span>
          )
        }
      />
      <div className="wb-stack">
        {overview.isPending && <Spinner label="Loading the overview" />}
        {overview.isError && (
          <LoadProblem
            error={overview.error}
            what="the overview"
            retry={() => void overview.refetch()}
          />
        )}
        {overview.data && <Overview stats={overview.data} />}
        <div className="adm-grid adm-grid--2">
          <Card title="Recent events" description="Every change to an order, as it is committed.">
            <RecentEventsFeed newestEventId={newestEventId} />
          </Card>
          <SystemCard />
        </div>
      </div>
    </>
  );
}

function Overview({ stats }: { stats: StatsOverview }) {
  const totalOrders = ORDER_STATUS_IDS.reduce((sum, s) => sum + stats.ordersByStatus[s], 0);
  const attention = [
    {
      label: "Awaiting a tracking number",
      value: stats.awaitingTrackingNumber,
      hint: "Shipped, but the carrier has not given one yet",
      tone: "info",
    },
    { label: "Late", value: stats.late, hint: "Past the carrier's estimate", tone: "warning" },
    { label: "Stuck", value: stats.stuck, hint: "No carrier scan for 5 days", tone: "warning" },
    {
      label: "Failed delivery attempts",
      value: stats.failedAttempts,
      hint: "Customer unreachable, postponed, NDR",
      tone: "danger",
    },
    {
      label: "Returns",
      value: stats.returns,
      hint: "Returning to sender or returned",
      tone: "neutral",
    },
  ] as const;

  const unmapped = stats.newUnmappedStatuses;
  return (
    <>
      {unmapped > 0 && (
        <Alert
          tone="warning"
          title={`${unmapped} new carrier status code${unmapped === 1 ? "" : "s"} in the last 7 days`}
        >
          Scans with a code no status table knows are kept as “Unknown status” and move nothing
          until the code is mapped. <Link to="/unmapped">Map them</Link>.
        </Alert>
      )}
      <section aria-label="Needs attention" className="adm-tiles">
        {attention.map((tile) => (
          <div key={tile.label} className={`adm-tile adm-tile--${tile.tone}`}>
            <span className="adm-tile__label">{tile.label}</span>
            <span className="adm-tile__value">{tile.value.toLocaleString()}</span>
            <span className="adm-tile__hint">{tile.hint}</span>
          </div>
        ))}
      </section>
      <div className="adm-grid adm-grid--2">
        <Card
          title="Orders by status"
          description={`${totalOrders.toLocaleString()} orders in all`}
        >
          <ul className="adm-bars" aria-label="Orders by status">
            {ORDER_STATUS_IDS.map((status) => {
              const count = stats.ordersByStatus[status];
              const share = totalOrders === 0 ? 0 : count / totalOrders;
              return (
                <li key={status} className="adm-bars__row" data-status={status}>
                  <Link to={`/orders?status=${status}`} className="adm-bars__label">
                    {orderStatusLabel(status)}
                  </Link>
                  <span className="adm-bars__track" aria-hidden="true">
                    <span
                      className="adm-bars__fill"
                      style={{ width: `${Math.max(count > 0 ? 1 : 0, share * 100)}%` }}
                    />
                  </span>
                  <span className="adm-bars__value">{count.toLocaleString()}</span>
                </li>
              );
            })}
          </ul>
        </Card>
        <div className="wb-stack">
          <Card
            title="Shipments by carrier"
            description="Active means not yet delivered, returned or cancelled."
          >
            <table className="adm-mini-table">
              <thead>
                <tr>
                  <th scope="col">Carrier</th>
                  <th scope="col">Active</th>
                  <th scope="col">Delivered</th>
                  <th scope="col">All</th>
                </tr>
              </thead>
              <tbody>
                {CARRIER_IDS.map((carrier) => {
                  const row = stats.shipmentsByCarrier[carrier];
                  return (
                    <tr key={carrier}>
                      <th scope="row">
                        <Link to={`/orders?carrier=${carrier}`}>{CARRIER_LABEL[carrier]}</Link>
                      </th>
                      <td>{row.active.toLocaleString()}</td>
                      <td>{row.delivered.toLocaleString()}</td>
                      <td>{row.total.toLocaleString()}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </Card>
          <Card
            title="Delivery time per carrier"
            description="Average and 90th percentile, last 30 days."
          >
            <DeliveryTimeChart
              rows={stats.deliveryTimes.map((row) => ({
                label: CARRIER_LABEL[row.carrier],
                delivered: row.delivered,
                averageHours: row.averageHours,
                p90Hours: row.p90Hours,
              }))}
            />
          </Card>
        </div>
      </div>
    </>
  );
}

function SystemCard() {
  const status = trpc.admin.system.status.useQuery(undefined, { refetchInterval: 30_000 });
  return (
    <Card title="System" description="The server this admin is talking to.">
      {status.isPending && <Spinner label="Loading system status" />}
      {status.isError && <Alert tone="danger">{readFormProblem(status.error).message}</Alert>}
      {status.data && (
        <dl className="wb-definition-list">
          <dt>Database</dt>
          <dd>
            {status.data.database === "ok" ? (
              <Badge tone="success" dot>
                Reachable
              </Badge>
            ) : (
              <Badge tone="danger" dot>
                Unavailable
              </Badge>
            )}
          </dd>
          <dt>User accounts</dt>
          <dd>{status.data.users.toLocaleString()}</dd>
          <dt>Orders</dt>
          <dd>{status.data.orders.toLocaleString()}</dd>
          <dt>Uptime</dt>
          <dd>{formatDuration(status.data.uptimeSeconds)}</dd>
          <dt>Node.js</dt>
          <dd className="wb-mono">{status.data.nodeVersion}</dd>
        </dl>
      )}
    </Card>
  );
}
