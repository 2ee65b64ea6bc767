import { Alert, Button, Card, useToast } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { AccountHealthBadge } from "../components/account-health-badge";
import { InlineSelect } from "../components/controls";
import { PageHeader } from "../components/page-header";
import { RelativeTime } from "../components/relative-time";
import { SyncRunsTable } from "../components/sync-runs-table";
import { readApiProblem } from "../lib/api-problem";
import type { CarrierAccount } from "../lib/api-types";
import { describeSchedule } from "../lib/credentials";
import { CARRIER_LABEL } from "../lib/labels";
import { type SyncProgress, useSyncProgress } from "../lib/use-sync-progress";
import { useUrlFilters } from "../lib/use-url-filters";

const STATES = ["running", "succeeded", "failed", "interrupted"] as const;
type RunState = (typeof STATES)[number];

/** Scheduled syncs: run one now, watch it move, and read the history with its failures. */
export function SyncPage() {
  const { params, setFilter } = useUrlFilters();
  const accountFilter = params.get("account") || undefined;
  const stateParam = params.get("state");
  const stateFilter = STATES.find((s) => s === stateParam) as RunState | undefined;
  const accounts = trpc.admin.carriers.list.useQuery();
  const utils = trpc.useUtils();
  const toast = useToast();
  const progress = useSyncProgress();

  const runNow = trpc.admin.sync.runNow.useMutation({
    onSuccess: (runs) => {
      void utils.admin.sync.runs.invalidate();
      toast.show({
        title:
          runs.length === 0
            ? "Nothing to run"
            : `${runs.length} sync${runs.length === 1 ? "" : "s"} running`,
        description:
          runs.length === 0
            ? "No active account can be called right now."
            : "Progress shows below as it happens.",
        tone: runs.length === 0 ? "warning" : "info",
      });
    },
  });
  const problem = runNow.error ? readApiProblem(runNow.error) : null;

  return (
    <>
      <PageHeader
        title="Sync runs"
        subtitle="Each active account is checked on its schedule; only shipments that are due are asked about."
        actions={
          <Button
            variant="primary"
            pending={runNow.isPending && runNow.variables?.accountId === undefined}
            onClick={() => runNow.mutate({})}
          >
            Run all now
          </Button>
        }
      />
      <div className="wb-stack">
        {problem && (
          <Alert tone="danger" title="The sync did not start">
            {problem.message}
          </Alert>
        )}
        {accounts.data && accounts.data.length > 0 && (
          <section aria-label="Accounts" className="adm-grid adm-grid--3">
            {accounts.data.map((account) => (
              <AccountSyncCard
                key={account.id}
                account={account}
                live={latestFor(progress, account.id)}
                pending={runNow.isPending && runNow.variables?.accountId === account.id}
                onRun={() => runNow.mutate({ accountId: account.id })}
              />
            ))}
          </section>
        )}
        <Card
          title="History"
          actions={
            <div className="wb-row">
              <InlineSelect
                label="Account"
                value={accountFilter ?? ""}
                onChange={(e) => setFilter("account", e.target.value)}
              >
                <option value="">All</option>
                {accounts.data?.map((account) => (
                  <option key={account.id} value={account.id}>
                    {account.name}
                  </option>
                ))}
              </InlineSelect>
              <InlineSelect
                label="State"
                value={stateFilter ?? ""}
                onChange={(e) => setFilter("state", e.target.value)}
              >
                <option value="">All</option>
                {STATES.map((state) => (
                  <option key={state} value={state}>
                    {state[0]?.toUpperCase()}
                    {state.slice(1)}
                  </option>
                ))}
              </InlineSelect>
            </div>
          }
        >
          <SyncRunsTable
            key={`${accountFilter}-${stateFilter}`}
            accountId={accountFilter}
            state={stateFilter}
            paged
          />
        </Card>
      </div>
    </>
  );
}

function latestFor(progress: Map<string, SyncProgress>, accountId: string): SyncProgress | null {
  let latest: SyncProgress | null = null;
  for (const event of progress.values()) {
    if (event.accountId === accountId && (!latest || (event.at ?? "") >= (latest.at ?? "")))
      latest = event;
  }
  return latest;
}

function AccountSyncCard({
  account,
  live,
  pending,
  onRun,
}: {
  account: CarrierAccount;
  live: SyncProgress | null;
  pending: boolean;
  onRun: () => void;
}) {
  const running = live?.state === "running";
  const due = live?.due ?? 0;
  const checked = live?.checked ?? 0;
  return (
    <div className="adm-sync-card">
      <div className="wb-row adm-between">
        <div className="adm-cell-stack">
          <strong>{account.name}</strong>
          <span className="wb-muted adm-small">
            {CARRIER_LABEL[account.carrier]} ·{" "}
            {describeSchedule(account.syncSchedule).toLowerCase()}
          </span>
        </div>
        <AccountHealthBadge account={account} />
      </div>
      {live ? (
        <div className="adm-progress" aria-live="polite">
          <progress
            max={Math.max(1, due)}
            value={running ? checked : Math.max(1, due)}
            aria-label={`${account.name} sync progress`}
          />
          <span className="adm-small">
            {running ? "Running: " : "Last run: "}
            {!running && due === 0
              ? "nothing was due"
              : `${checked.toLocaleString()} of ${due.toLocaleString()} checked, ${live.changed ?? 0} changed`}
            {live.failed ? `, ${live.failed} failed` : ""}
          </span>
        </div>
      ) : (
        <span className="wb-muted adm-small">
          Last used <RelativeTime value={account.health.lastUsedAt} />
        </span>
      )}
      <div>
        <Button size="sm" onClick={onRun} pending={pending || running} disabled={!account.active}>
          {running ? "Running…" : "Run now"}
        </Button>
      </div>
    </div>
  );
}
