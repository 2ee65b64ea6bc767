import { Alert, Badge, Button, Card, EmptyState } from "@waybill/ui";
import { errorCode, PageLoading, trpc } from "@waybill/ui/client";
import { Link, useParams } from "react-router";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { readApiProblem } from "../lib/api-problem";
import { CARRIER_LABEL } from "../lib/labels";
import { useFormat } from "../lib/use-format";
import { VERDICT_LOOK } from "../lib/verdicts";

/** One delivery as the carrier sent it (secrets masked), its verdict, and a replay. */
export function WebhookPage() {
  const { deliveryId = "" } = useParams();
  const delivery = trpc.admin.webhooks.byId.useQuery({ id: deliveryId });
  const utils = trpc.useUtils();
  const format = useFormat();
  const replay = trpc.admin.webhooks.replay.useMutation({
    onSuccess: () => void utils.admin.webhooks.deliveries.invalidate(),
  });
  const back = <Link to="/webhooks">← Webhook inbox</Link>;

  if (delivery.isPending) return <PageLoading label="Loading the delivery…" />;
  if (delivery.isError) {
    return (
      <>
        <PageHeader title="Webhook delivery" back={back} />
        {errorCode(delivery.error) === "NOT_FOUND" ? (
          <EmptyState title="No such delivery" />
        ) : (
          <LoadProblem
            error={delivery.error}
            what="the delivery"
            retry={() => void delivery.refetch()}
          />
        )}
      </>
    );
  }
  const d = delivery.data;
  const look = VERDICT_LOOK[d.verdict] ?? { label: d.verdict, tone: "neutral" as const, hint: "" };
  const headers = Object.entries(d.headers).sort(([a], [b]) => a.localeCompare(b));
  const replayProblem = replay.error ? readApiProblem(replay.error) : null;

  return (
    <>
      <PageHeader
        title="Webhook delivery"
        documentTitle={`Webhook ${format.dateTime(d.receivedAt)}`}
        back={back}
        subtitle={
          <span className="wb-row">
            <Badge tone={look.tone} dot>
              {look.label}
            </Badge>
            <span>
              {d.accountName ?? "Unknown account"}
              {d.carrier ? ` (${CARRIER_LABEL[d.carrier]})` : ""} · received{" "}
              {format.dateTime(d.receivedAt)}
            </span>
          </span>
        }
        actions={
          <Button
            variant="primary"
            onClick={() => replay.mutate({ id: d.id })}
            pending={replay.isPending}
          >
            Replay
          </Button>
        }
      />
      <div className="wb-stack">
        {replay.data && (
          <Alert tone={replay.data.status === 200 ? "success" : "warning"} title="Replayed">
            <p>
              Verdict:{" "}
              <strong>{VERDICT_LOOK[replay.data.verdict]?.label ?? replay.data.verdict}</strong>.{" "}
              {replay.data.message}
            </p>
            {replay.data.deliveryId && (
              <p>
                <Link to={`/webhooks/${replay.data.deliveryId}`}>Open the replay's log entry</Link>
              </p>
            )}
          </Alert>
        )}
        {replayProblem && (
          <Alert tone="danger" title="Not replayed">
            {replayProblem.message}
          </Alert>
        )}
        <Card title="Outcome">
          <dl className="adm-facts">
            <div>
              <dt>Verdict</dt>
              <dd>
                {look.label} <span className="wb-muted">· {look.hint}</span>
              </dd>
            </div>
            <div>
              <dt>Processed</dt>
              <dd>{format.dateTime(d.processedAt, "Not yet")}</dd>
            </div>
            <div>
              <dt>Detail</dt>
              <dd>{d.error ?? <span className="wb-muted">None</span>}</dd>
            </div>
            {d.replayOf && (
              <div>
                <dt>Replay of</dt>
                <dd>
                  <Link to={`/webhooks/${d.replayOf}`}>the original delivery</Link>
                </dd>
              </div>
            )}
          </dl>
        </Card>
        <Card title="Headers" description="As received; secret values are masked before storing.">
          <table className="adm-kv">
            <tbody>
              {headers.map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <code>{value}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Card
          title="Body"
          description={d.bodyIsJson ? "JSON, formatted." : "As received (not JSON)."}
        >
          <pre className="adm-pre">{d.body}</pre>
        </Card>
      </div>
    </>
  );
}
