import { Alert, Button, Card, Dialog, EmptyState, useToast } from "@waybill/ui";
import { errorCode, PageLoading, trpc } from "@waybill/ui/client";
import { type ReactNode, useState } from "react";
import { Link, useParams } from "react-router";
import { AccountHealthBadge } from "../components/account-health-badge";
import { CarrierAccountForm } from "../components/carrier-account-form";
import { CopyField } from "../components/copy-field";
import { DateTime } from "../components/formatted";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { RelativeTime } from "../components/relative-time";
import { SyncRunsTable } from "../components/sync-runs-table";
import { readApiProblem } from "../lib/api-problem";
import type { CarrierAccount } from "../lib/api-types";
import { CARRIER_LABEL } from "../lib/labels";

/** The URL with its secret path token (the last segment) hidden. */
function maskLastSegment(url: string): string {
  const cut = url.lastIndexOf("/");
  return cut < 0 ? "••••••••" : `${url.slice(0, cut + 1)}••••••••`;
}

/** One carrier account: health, the webhook to paste into the carrier's panel, settings, syncs. */
export function CarrierPage() {
  const { accountId = "" } = useParams();
  const account = trpc.admin.carriers.byId.useQuery({ id: accountId });
  const back = <Link to="/carriers">← Carrier accounts</Link>;

  if (account.isPending) return <PageLoading label="Loading the account…" />;
  if (account.isError) {
    return (
      <>
        <PageHeader title="Carrier account" back={back} />
        {errorCode(account.error) === "NOT_FOUND" ? (
          <EmptyState title="No such carrier account" description="It may have been removed." />
        ) : (
          <LoadProblem
            error={account.error}
            what="the account"
            retry={() => void account.refetch()}
          />
        )}
      </>
    );
  }
  return <AccountView account={account.data} back={back} />;
}

function AccountView({ account, back }: { account: CarrierAccount; back: ReactNode }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const [rotateOpen, setRotateOpen] = useState(false);

  const refresh = (fresh?: CarrierAccount) => {
    if (fresh) utils.admin.carriers.byId.setData({ id: account.id }, fresh);
    void utils.admin.carriers.byId.invalidate({ id: account.id });
    void utils.admin.carriers.list.invalidate();
  };

  const test = trpc.admin.carriers.test.useMutation({ onSettled: () => refresh() });
  const setActive = trpc.admin.carriers.setActive.useMutation({
    onSuccess: (fresh) => {
      refresh(fresh);
      toast.show({ title: fresh.active ? "Account enabled" : "Account disabled", tone: "success" });
    },
  });
  const register = trpc.admin.carriers.registerWebhook.useMutation();
  const rotate = trpc.admin.carriers.update.useMutation({
    onSuccess: (fresh) => {
      refresh(fresh);
      setRotateOpen(false);
      toast.show({
        title: "New webhook secret issued",
        description: "Paste the new URL into the carrier's panel: the old one stops working.",
        tone: "warning",
      });
    },
  });
  const runNow = trpc.admin.sync.runNow.useMutation({
    onSuccess: () => {
      void utils.admin.sync.runs.invalidate();
      toast.show({
        title: "Sync started",
        description: "Progress shows under Sync runs.",
        tone: "info",
      });
    },
    onError: (error) =>
      toast.show({
        title: "Sync not started",
        description: readApiProblem(error).message,
        tone: "danger",
      }),
  });

  const health = account.health;
  const setActiveProblem = setActive.error ? readApiProblem(setActive.error) : null;

  return (
    <>
      <PageHeader
        title={account.name}
        documentTitle={`${account.name} (${CARRIER_LABEL[account.carrier]})`}
        back={back}
        subtitle={
          <span className="wb-row">
            <span>{CARRIER_LABEL[account.carrier]}</span>
            <AccountHealthBadge account={account} />
            {account.baseUrl && <span className="wb-muted adm-small">API: {account.baseUrl}</span>}
          </span>
        }
        actions={
          <>
            <Button onClick={() => test.mutate({ id: account.id })} pending={test.isPending}>
              Test connection
            </Button>
            <Button
              onClick={() => runNow.mutate({ accountId: account.id })}
              pending={runNow.isPending}
              disabled={!account.active}
            >
              Sync now
            </Button>
            <Button
              variant={account.active ? "danger" : "primary"}
              onClick={() => setActive.mutate({ id: account.id, active: !account.active })}
              pending={setActive.isPending}
            >
              {account.active ? "Disable" : "Enable"}
            </Button>
          </>
        }
      />
      <div className="wb-stack">
        {setActiveProblem && <Alert tone="danger">{setActiveProblem.message}</Alert>}
        {test.data &&
          (test.data.ok ? (
            <Alert tone="success" title="Connection works">
              {test.data.message}
            </Alert>
          ) : (
            <Alert tone="danger" title={`${CARRIER_LABEL[account.carrier]} refused the connection`}>
              <p>{test.data.message}</p>
              <p className="adm-small">
                Code <code>{test.data.code}</code>
              </p>
            </Alert>
          ))}
        {test.error && (
          <Alert tone="danger" title="The test could not run">
            {readApiProblem(test.error).message}
          </Alert>
        )}

        <div className="adm-grid adm-grid--2">
          <Card title="Health" description="From every call the engine makes to this carrier.">
            <dl className="adm-facts adm-facts--single">
              <div>
                <dt>State</dt>
                <dd>
                  <AccountHealthBadge account={account} />
                  {health.breaker === "open" && health.pausedUntil && (
                    <span className="wb-muted">
                      {" "}
                      until <DateTime value={health.pausedUntil} />
                    </span>
                  )}
                </dd>
              </div>
              {health.reason && (
                <div>
                  <dt>Why</dt>
                  <dd>{health.reason}</dd>
                </div>
              )}
              <div>
                <dt>Last used</dt>
                <dd>
                  <RelativeTime value={health.lastUsedAt} />
                </dd>
              </div>
              <div>
                <dt>Errors</dt>
                <dd>
                  {health.errorCount.toLocaleString()} in all, {health.consecutiveFailures} in a row
                </dd>
              </div>
              <div>
                <dt>Last error</dt>
                <dd>
                  {health.lastError ? (
                    <>
                      {health.lastError}{" "}
                      <span className="wb-muted">
                        (<RelativeTime value={health.lastErrorAt} />)
                      </span>
                    </>
                  ) : (
                    <span className="wb-muted">None</span>
                  )}
                </dd>
              </div>
            </dl>
          </Card>

          <Card
            title="Webhook"
            description={
              account.carrier === "maystro"
                ? "Register it with Maystro from here, or paste the URL in its panel."
                : `Paste these into the ${CARRIER_LABEL[account.carrier]} panel.`
            }
            actions={
              <Button size="sm" variant="ghost" onClick={() => setRotateOpen(true)}>
                New secret…
              </Button>
            }
          >
            <div className="wb-stack">
              {account.webhook.problem && (
                <Alert tone="warning" title="Shiprocket will refuse this URL">
                  {account.webhook.problem}
                </Alert>
              )}
              <CopyField
                label="Webhook URL"
                value={account.webhook.url}
                secret
                masked={maskLastSegment(account.webhook.url)}
              />
              {account.carrier === "shiprocket" && (
                <CopyField label="Token (x-api-key header)" value={account.webhook.secret} secret />
              )}
              {account.carrier !== "shiprocket" && (
                <p className="wb-muted adm-small">
                  The secret is part of the URL
                  {account.carrier === "maystro" ? ": Maystro signs nothing" : ""}. Keep it private.
                </p>
              )}
              {account.carrier === "maystro" && (
                <div className="wb-stack">
                  <div>
                    <Button
                      onClick={() => register.mutate({ id: account.id })}
                      pending={register.isPending}
                      disabled={!account.active}
                    >
                      Register the webhook with Maystro
                    </Button>
                  </div>
                  {register.data && (
                    <Alert tone="success">
                      {register.data.created
                        ? "Maystro now sends updates to this URL."
                        : "Maystro already had this URL registered."}
                    </Alert>
                  )}
                  {register.error && (
                    <Alert tone="danger" title="Maystro did not register it">
                      {readApiProblem(register.error).message}
                    </Alert>
                  )}
                </div>
              )}
            </div>
          </Card>
        </div>

        <Card title="Settings" description="Name, credentials, sync schedule and API host.">
          <CarrierAccountForm
            key={account.id}
            mode="edit"
            account={account}
            onSaved={(fresh) => {
              refresh(fresh);
              toast.show({ title: "Saved", tone: "success" });
            }}
          />
        </Card>

        <Card
          title="Recent syncs"
          actions={
            <Link to={`/sync?account=${account.id}`} className="adm-small">
              All runs of this account →
            </Link>
          }
        >
          <SyncRunsTable accountId={account.id} limit={5} />
        </Card>
      </div>

      <Dialog
        open={rotateOpen}
        onClose={() => setRotateOpen(false)}
        title="Issue a new webhook secret?"
        description="The current URL stops working at once. Paste the new one into the carrier's panel right after."
        footer={
          <>
            <Button onClick={() => setRotateOpen(false)}>Cancel</Button>
            <Button
              variant="danger"
              pending={rotate.isPending}
              onClick={() => rotate.mutate({ id: account.id, rotateWebhookSecret: true })}
            >
              Issue a new secret
            </Button>
          </>
        }
      >
        {rotate.error && <Alert tone="danger">{readApiProblem(rotate.error).message}</Alert>}
      </Dialog>
    </>
  );
}
