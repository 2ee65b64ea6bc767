import { Alert, Badge, Button, Card, EmptyState } from "@waybill/ui";
import { errorCode, PageLoading, trpc } from "@waybill/ui/client";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { readApiProblem } from "../lib/api-problem";
import { useFormat } from "../lib/use-format";
import { MAIL_STATE_LOOK } from "./outbox-page";

/** One queued e-mail: the HTML as the customer sees it (sandboxed), the text part, and a retry. */
export function MailPage() {
  const { mailId = "" } = useParams();
  const mail = trpc.admin.outbox.byId.useQuery({ id: mailId });
  const utils = trpc.useUtils();
  const [view, setView] = useState<"html" | "text">("html");
  const format = useFormat();
  const retry = trpc.admin.outbox.retry.useMutation({
    onSuccess: () => {
      void utils.admin.outbox.byId.invalidate({ id: mailId });
      void utils.admin.outbox.list.invalidate();
    },
  });
  const back = <Link to="/outbox">← Mail outbox</Link>;

  if (mail.isPending) return <PageLoading label="Loading the e-mail…" />;
  if (mail.isError) {
    return (
      <>
        <PageHeader title="E-mail" back={back} />
        {errorCode(mail.error) === "NOT_FOUND" ? (
          <EmptyState title="No such e-mail" />
        ) : (
          <LoadProblem error={mail.error} what="the e-mail" retry={() => void mail.refetch()} />
        )}
      </>
    );
  }
  const m = mail.data;
  const look = MAIL_STATE_LOOK[m.state] ?? { label: m.state, tone: "neutral" as const };
  return (
    <>
      <PageHeader
        title={m.subject}
        documentTitle={`E-mail: ${m.subject}`}
        back={back}
        subtitle={
          <span className="wb-row">
            <Badge tone={look.tone} dot>
              {look.label}
            </Badge>
            <span>
              To {m.to} · queued {format.dateTime(m.createdAt)}
              {m.sentAt ? ` · sent ${format.dateTime(m.sentAt)}` : ""} · {m.attempts} attempt
              {m.attempts === 1 ? "" : "s"}
            </span>
          </span>
        }
        actions={
          m.state === "failed" && (
            <Button
              variant="primary"
              onClick={() => retry.mutate({ id: m.id })}
              pending={retry.isPending}
            >
              Retry sending
            </Button>
          )
        }
      />
      <div className="wb-stack">
        {m.lastError && (
          <Alert tone={m.state === "failed" ? "danger" : "warning"} title="Last error">
            {m.lastError}
          </Alert>
        )}
        {retry.isSuccess && (
          <Alert tone="success">Back in the queue with a fresh set of attempts.</Alert>
        )}
        {retry.error && <Alert tone="danger">{readApiProblem(retry.error).message}</Alert>}
        {m.orderId && (
          <p>
            <Link to={`/orders/${m.orderId}`}>Open the order</Link>
          </p>
        )}
        <Card
          title="Preview"
          actions={
            <fieldset className="adm-tabs adm-bare-fieldset" aria-label="Part">
              <button
                type="button"
                className="adm-tab"
                aria-pressed={view === "html"}
                onClick={() => setView("html")}
              >
                HTML
              </button>
              <button
                type="button"
                className="adm-tab"
                aria-pressed={view === "text"}
                onClick={() => setView("text")}
              >
                Plain text
              </button>
            </fieldset>
          }
        >
          {view === "html" ? (
            // sandbox="" : the mail's HTML runs no script and cannot reach this page.
            <iframe title="HTML part" className="adm-mail-frame" sandbox="" srcDoc={m.html} />
          ) : (
            <pre className="adm-pre">{m.text}</pre>
          )}
        </Card>
      </div>
    </>
  );
}
