import { buttonClass, Card, EmptyState, Table, type TableColumn } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { Link } from "react-router";
import { AccountHealthBadge } from "../components/account-health-badge";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { RelativeTime } from "../components/relative-time";
import type { CarrierAccount } from "../lib/api-types";
import { describeSchedule } from "../lib/credentials";
import { CARRIER_LABEL } from "../lib/labels";

const COLUMNS: TableColumn<CarrierAccount>[] = [
  {
    id: "name",
    header: "Account",
    cell: (account) => (
      <span className="adm-cell-stack">
        <Link to={`/carriers/${account.id}`} className="adm-strong-link">
          {account.name}
        </Link>
        <span className="wb-muted adm-small">{CARRIER_LABEL[account.carrier]}</span>
      </span>
    ),
  },
  {
    id: "health",
    header: "Health",
    cell: (account) => (
      <span className="adm-cell-stack">
        <AccountHealthBadge account={account} />
        {account.health.pausedUntil && account.health.breaker === "open" && (
          <span className="wb-muted adm-small">
            until <RelativeTime value={account.health.pausedUntil} past={false} />
          </span>
        )}
      </span>
    ),
  },
  {
    id: "used",
    header: "Last used",
    cell: (account) => <RelativeTime value={account.health.lastUsedAt} />,
  },
  {
    id: "errors",
    header: "Errors",
    align: "end",
    cell: (account) => (
      <span title="Errors in all · consecutive failures">
        {account.health.errorCount.toLocaleString()}
        {account.health.consecutiveFailures > 0 && (
          <span className="adm-danger-text"> · {account.health.consecutiveFailures} in a row</span>
        )}
      </span>
    ),
  },
  {
    id: "lastError",
    header: "Last error",
    cell: (account) =>
      account.health.lastError ? (
        <span className="adm-cell-stack adm-clip" title={account.health.lastError}>
          <span>{account.health.lastError}</span>
          <span className="wb-muted adm-small">
            <RelativeTime value={account.health.lastErrorAt} />
          </span>
        </span>
      ) : (
        <span className="wb-muted">None</span>
      ),
  },
  {
    id: "schedule",
    header: "Sync",
    cell: (account) => describeSchedule(account.syncSchedule),
  },
];

/** Every carrier account with its health, and the way to add one. */
export function CarriersPage() {
  const accounts = trpc.admin.carriers.list.useQuery();
  return (
    <>
      <PageHeader
        title="Carrier accounts"
        subtitle="The carriers this shop ships with, and how they are doing."
        actions={
          <Link to="/carriers/new" className={buttonClass({ variant: "primary" })}>
            Add an account
          </Link>
        }
      />
      {accounts.isError && (
        <LoadProblem
          error={accounts.error}
          what="the accounts"
          retry={() => void accounts.refetch()}
        />
      )}
      {accounts.isPending && <p className="wb-muted">Loading accounts…</p>}
      {accounts.data &&
        (accounts.data.length === 0 ? (
          <Card>
            <EmptyState
              icon="⇄"
              title="No carrier accounts yet"
              description="Add your Shiprocket, Sequel247 or Maystro account to ship orders and track them."
              action={
                <Link to="/carriers/new" className={buttonClass({ variant: "primary" })}>
                  Add an account
                </Link>
              }
            />
          </Card>
        ) : (
          <Table
            columns={COLUMNS}
            rows={accounts.data}
            getRowKey={(account) => account.id}
            caption="Carrier accounts"
            captionHidden
          />
        ))}
    </>
  );
}
