import { Alert, Badge, Card, EmptyState, Spinner } from "@waybill/ui";
import { readFormProblem, trpc } from "@waybill/ui/client";
import { useAdmin } from "../components/require-admin";
import { formatDuration } from "../lib/format-duration";

/** The admin landing: who is signed in, the server's health, and an honest empty state. */
export function DashboardPage() {
  const admin = useAdmin();
  return (
    <>
      <title>Dashboard · Waybill Admin</title>
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">Dashboard</h1>
          <p className="wb-page-subtitle">
            Signed in as {admin.name} ({admin.email})
          </p>
        </div>
      </div>
      <div className="wb-stack">
        <SystemCard />
        <Card>
          <EmptyState
            icon="◔"
            title="Nothing here yet"
            description="Orders by status and carrier, shipments waiting for a tracking number, and late or stuck parcels will show here once the orders and carrier pages are in place."
          />
        </Card>
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
          <dt>Accounts</dt>
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
