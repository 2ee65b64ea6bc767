import { keepPreviousData } from "@tanstack/react-query";
import { Alert, Badge, type BadgeTone, Table, type TableColumn } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useState } from "react";
import { Link } from "react-router";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { Pager } from "../components/pager";
import { RelativeTime } from "../components/relative-time";
import type { RouterOutputs } from "../lib/api-types";
import { useUrlFilters } from "../lib/use-url-filters";

type Mail = RouterOutputs["admin"]["outbox"]["list"]["items"][number];

export const MAIL_STATE_LOOK: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "Pending", tone: "info" },
  sent: { label: "Sent", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
};

const TABS = [
  { state: undefined, label: "All" },
  { state: "pending", label: "Pending" },
  { state: "sent", label: "Sent" },
  { state: "failed", label: "Failed" },
] as const;

const COLUMNS: TableColumn<Mail>[] = [
  {
    id: "subject",
    header: "Subject",
    cell: (mail) => (
      <span className="adm-cell-stack">
        <Link to={`/outbox/${mail.id}`} className="adm-strong-link">
          {mail.subject}
        </Link>
        <span className="wb-muted adm-small">to {mail.to}</span>
      </span>
    ),
  },
  {
    id: "state",
    header: "State",
    cell: (mail) => {
      const look = MAIL_STATE_LOOK[mail.state] ?? { label: mail.state, tone: "neutral" as const };
      return (
        <Badge tone={look.tone} dot>
          {look.label}
        </Badge>
      );
    },
  },
  {
    id: "when",
    header: "When",
    cell: (mail) =>
      mail.sentAt ? (
        <span>
          sent <RelativeTime value={mail.sentAt} />
        </span>
      ) : mail.state === "pending" &&
        mail.nextAttemptAt &&
        new Date(mail.nextAttemptAt).getTime() > Date.now() ? (
        <span>
          retry <RelativeTime value={mail.nextAttemptAt} past={false} />
        </span>
      ) : (
        <span>
          queued <RelativeTime value={mail.createdAt} />
        </span>
      ),
  },
  { id: "attempts", header: "Attempts", align: "end", cell: (mail) => mail.attempts },
  {
    id: "error",
    header: "Last error",
    cell: (mail) =>
      mail.lastError ? (
        <span className="adm-clip" title={mail.lastError}>
          {mail.lastError}
        </span>
      ) : (
        <span className="wb-muted">—</span>
      ),
  },
];

/** The e-mails the engine queued: sent, waiting, or given up on, each with a preview. */
export function OutboxPage() {
  const { params, setFilter } = useUrlFilters();
  const stateParam = params.get("state");
  const tab = TABS.find((t) => t.state === stateParam) ?? TABS[0];
  const [pages, setPages] = useState<{ key: string; list: Array<string | null> }>({
    key: "",
    list: [null],
  });
  const key = tab.state ?? "all";
  const list = pages.key === key ? pages.list : [null];
  const cursor = list.at(-1) ?? null;
  const mails = trpc.admin.outbox.list.useQuery(
    { ...(tab.state ? { state: tab.state } : {}), cursor, limit: 50 },
    { placeholderData: keepPreviousData, refetchInterval: list.length === 1 ? 15_000 : false },
  );

  return (
    <>
      <PageHeader
        title="Mail outbox"
        subtitle="Every update e-mail, written with the change that caused it. Without SMTP they wait here."
      />
      <div className="wb-stack">
        {mails.data && !mails.data.smtpConfigured && (
          <Alert tone="info" title="No SMTP server configured">
            E-mails are kept here for preview and nothing is sent. Set SMTP_URL to send them; the
            pending ones go out then.
          </Alert>
        )}
        <nav className="adm-tabs" aria-label="E-mail state">
          {TABS.map((t) => (
            <button
              key={t.label}
              type="button"
              className="adm-tab"
              aria-current={t === tab ? "page" : undefined}
              onClick={() => setFilter("state", t.state)}
            >
              {t.label}
            </button>
          ))}
        </nav>
        {mails.isError && !mails.data ? (
          <LoadProblem error={mails.error} what="the outbox" retry={() => void mails.refetch()} />
        ) : (
          <Table
            columns={COLUMNS}
            rows={mails.data?.items ?? []}
            getRowKey={(mail) => mail.id}
            caption="E-mails"
            captionHidden
            busy={mails.isFetching && !mails.isPending}
            empty={
              mails.isPending ? "Loading…" : `No ${tab.state ?? ""} e-mails.`.replace("  ", " ")
            }
          />
        )}
        <Pager
          page={list.length - 1}
          pageSize={50}
          shown={mails.data?.items.length ?? 0}
          total={null}
          hasNext={Boolean(mails.data?.nextCursor)}
          busy={mails.isFetching}
          onPrevious={() => setPages({ key, list: list.slice(0, -1) })}
          onNext={() => {
            const next = mails.data?.nextCursor;
            if (next) setPages({ key, list: [...list, next] });
          }}
          label="E-mail pages"
        />
      </div>
    </>
  );
}
