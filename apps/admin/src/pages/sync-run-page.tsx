import { Card, EmptyState, Table } from "@waybill/ui";
import { errorCode, PageLoading, trpc } from "@waybill/ui/client";
import { Link, useParams } from "react-router";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { SyncStateBadge } from "../components/sync-state-badge";
import { asDate, formatElapsed } from "../lib/dates";
import { CARRIER_LABEL } from "../lib/labels";
import { useFormat } from "../lib/use-format";
import { useSyncProgress } from "../lib/use-sync-progress";

/** One sync run: its counts, how long it took, and every failure it recorded. */
export function SyncRunPage() {
  const { runId = "" } = useParams();
  const run = trpc.admin.sync.byId.useQuery({ id: runId });
  const utils = trpc.useUtils();
  const format = useFormat();
  useSyncProgress((event) => {
    if (event.runId === runId) void utils.admin.sync.byId.invalidate({ id: runId });
  });
  const back = <Link to="/sync">← Sync runs</Link>;

  if (run.isPending) return <PageLoading label="Loading the run…" />;
  if (run.isError) {
    return (
      <>
        <PageHeader title="Sync run" back={back} />
        {errorCode(run.error) === "NOT_FOUND" ? (
          <EmptyState title="No such sync run" />
        ) : (
          <LoadProblem error={run.error} what="the run" retry={() => void run.refetch()} />
        )}
      </>
    );
  }
  const data = run.data;
  const started = asDate(data.startedAt);
  const finished = asDate(data.finishedAt);
  return (
    <>
      <PageHeader
        title={`Sync of ${data.accountName ?? "a removed account"}`}
        back={back}
        subtitle={
          <span className="wb-row">
            <SyncStateBadge state={data.state} />
            <span>
              {data.carrier ? `${CARRIER_LABEL[data.carrier]} · ` : ""}started{" "}
              {format.dateTime(started)} by {data.trigger}
            </span>
          </span>
        }
      />
      <div className="wb-stack">
        <section className="adm-tiles" aria-label="Counts">
          {(
            [
              ["Due", data.due],
              ["Checked", data.checked],
              ["Changed", data.changed],
              ["Failed", data.failed],
            ] as const
          ).map(([label, value]) => (
            <div
              key={label}
              className={`adm-tile ${label === "Failed" && value > 0 ? "adm-tile--danger" : ""}`}
            >
              <span className="adm-tile__label">{label}</span>
              <span className="adm-tile__value">{value.toLocaleString()}</span>
            </div>
          ))}
          <div className="adm-tile">
            <span className="adm-tile__label">Duration</span>
            <span className="adm-tile__value">
              {started
                ? formatElapsed((finished ?? new Date()).getTime() - started.getTime())
                : "—"}
            </span>
            <span className="adm-tile__hint">
              {finished ? `ended ${format.dateTime(finished)}` : "still running"}
            </span>
          </div>
        </section>
        <Card
          title="Failures"
          description="One bad shipment never stops a run; each is listed here."
        >
          <Table
            caption="Failures"
            captionHidden
            rows={data.errors.map((error, index) => ({ ...error, key: `${index}` }))}
            getRowKey={(error) => error.key}
            empty="No failures in this run."
            columns={[
              {
                id: "shipment",
                header: "Shipment",
                cell: (error) =>
                  error.shipmentId ? (
                    <code className="adm-code">{error.shipmentId}</code>
                  ) : (
                    <span className="wb-muted">The whole run</span>
                  ),
              },
              {
                id: "code",
                header: "Code",
                cell: (error) => <code className="adm-code">{error.code}</code>,
              },
              { id: "message", header: "What happened", cell: (error) => error.message },
            ]}
          />
        </Card>
      </div>
    </>
  );
}
