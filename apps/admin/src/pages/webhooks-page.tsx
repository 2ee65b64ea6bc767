import { keepPreviousData } from "@tanstack/react-query";
import { Badge, Button, Table, type TableColumn } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useState } from "react";
import { Link } from "react-router";
import { InlineSelect } from "../components/controls";
import { DateTime } from "../components/formatted";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { Pager } from "../components/pager";
import { RelativeTime } from "../components/relative-time";
import type { RouterInputs, RouterOutputs } from "../lib/api-types";
import { CARRIER_LABEL } from "../lib/labels";
import { useUrlFilters } from "../lib/use-url-filters";
import { VERDICT_LOOK, VERDICTS } from "../lib/verdicts";

type Delivery = RouterOutputs["admin"]["webhooks"]["deliveries"]["items"][number];
type Verdict = NonNullable<RouterInputs["admin"]["webhooks"]["deliveries"]["verdict"]>;

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

const COLUMNS: TableColumn<Delivery>[] = [
  {
    id: "received",
    header: "Received",
    cell: (d) => (
      <span className="adm-cell-stack">
        <Link to={`/webhooks/${d.id}`} className="adm-strong-link adm-nowrap">
          <DateTime value={d.receivedAt} />
        </Link>
        <span className="wb-muted adm-small">
          <RelativeTime value={d.receivedAt} />
        </span>
      </span>
    ),
  },
  {
    id: "account",
    header: "Account",
    cell: (d) => (
      <span className="adm-cell-stack">
        <span>{d.accountName ?? <span className="wb-muted">Unknown account</span>}</span>
        {d.carrier && <span className="wb-muted adm-small">{CARRIER_LABEL[d.carrier]}</span>}
      </span>
    ),
  },
  {
    id: "verdict",
    header: "Verdict",
    cell: (d) => {
      const look = VERDICT_LOOK[d.verdict] ?? { label: d.verdict, tone: "neutral" as const };
      return (
        <span className="wb-row adm-gap-sm">
          <Badge tone={look.tone} dot>
            {look.label}
          </Badge>
          {d.replayOf && <Badge>Replay</Badge>}
        </span>
      );
    },
  },
  {
    id: "error",
    header: "Detail",
    cell: (d) =>
      d.error ? (
        <span className="adm-clip" title={d.error}>
          {d.error}
        </span>
      ) : (
        <span className="wb-muted">—</span>
      ),
  },
  { id: "size", header: "Body", align: "end", cell: (d) => formatBytes(d.bodyBytes) },
];

/** Every webhook a carrier sent, what we made of it, newest first. */
export function WebhooksPage() {
  const { params, setFilter } = useUrlFilters();
  const accountId = params.get("account") || undefined;
  const verdictParam = params.get("verdict");
  const verdict = VERDICTS.includes(verdictParam ?? "") ? (verdictParam as Verdict) : undefined;
  const [cursors, setCursors] = useState<{ key: string; list: Array<string | null> }>({
    key: "",
    list: [null],
  });
  const key = `${accountId}|${verdict}`;
  const list = cursors.key === key ? cursors.list : [null];
  const cursor = list.at(-1) ?? null;

  const accounts = trpc.admin.carriers.list.useQuery(undefined, { staleTime: 60_000 });
  const deliveries = trpc.admin.webhooks.deliveries.useQuery(
    { accountId, verdict, cursor, limit: 50 },
    { placeholderData: keepPreviousData, refetchInterval: list.length === 1 ? 15_000 : false },
  );

  return (
    <>
      <PageHeader
        title="Webhook inbox"
        subtitle="Raw deliveries from the carriers, kept before anything else happens to them."
        actions={
          <Button onClick={() => void deliveries.refetch()} pending={deliveries.isFetching}>
            Refresh
          </Button>
        }
      />
      <div className="wb-stack">
        <div className="wb-row">
          <InlineSelect
            label="Account"
            value={accountId ?? ""}
            onChange={(e) => setFilter("account", e.target.value)}
          >
            <option value="">All accounts</option>
            {accounts.data?.map((account) => (
              <option key={account.id} value={account.id}>
                {account.name}
              </option>
            ))}
          </InlineSelect>
          <InlineSelect
            label="Verdict"
            value={verdict ?? ""}
            onChange={(e) => setFilter("verdict", e.target.value)}
          >
            <option value="">All verdicts</option>
            {VERDICTS.map((v) => (
              <option key={v} value={v}>
                {VERDICT_LOOK[v]?.label} · {VERDICT_LOOK[v]?.hint}
              </option>
            ))}
          </InlineSelect>
        </div>
        {deliveries.isError && !deliveries.data ? (
          <LoadProblem
            error={deliveries.error}
            what="the deliveries"
            retry={() => void deliveries.refetch()}
          />
        ) : (
          <Table
            columns={COLUMNS}
            rows={deliveries.data?.items ?? []}
            getRowKey={(d) => d.id}
            caption="Webhook deliveries"
            captionHidden
            busy={deliveries.isFetching && !deliveries.isPending}
            empty={
              deliveries.isPending
                ? "Loading…"
                : accountId || verdict
                  ? "No delivery matches these filters."
                  : "No webhook has arrived yet. Set the URL from a carrier account's page in the carrier's panel."
            }
          />
        )}
        <Pager
          page={list.length - 1}
          pageSize={50}
          shown={deliveries.data?.items.length ?? 0}
          total={null}
          hasNext={Boolean(deliveries.data?.nextCursor)}
          busy={deliveries.isFetching}
          onPrevious={() => setCursors({ key, list: list.slice(0, -1) })}
          onNext={() => {
            const next = deliveries.data?.nextCursor;
            if (next) setCursors({ key, list: [...list, next] });
          }}
          label="Webhook deliveries pages"
        />
      </div>
    </>
  );
}
