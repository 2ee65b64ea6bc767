import { keepPreviousData } from "@tanstack/react-query";
import { Badge, Button, Table, type TableColumn } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useState } from "react";
import { Link } from "react-router";
import type { RouterOutputs } from "../lib/api-types";
import { asDate, formatElapsed } from "../lib/dates";
import { CARRIER_LABEL } from "../lib/labels";
import { type SyncProgress, useSyncProgress } from "../lib/use-sync-progress";
import { DateTime } from "./formatted";
import { LoadProblem } from "./load-problem";
import { SyncStateBadge } from "./sync-state-badge";

type RunRow = RouterOutputs["admin"]["sync"]["runs"]["items"][number];

function withProgress(run: RunRow, live: SyncProgress | undefined): RunRow {
  if (!live) return run;
  return {
    ...run,
    state: (live.state ?? run.state) as RunRow["state"],
    due: live.due ?? run.due,
    checked: live.checked ?? run.checked,
    changed: live.changed ?? run.changed,
    failed: live.failed ?? run.failed,
  };
}

function durationOf(run: RunRow, now: number): string {
  const started = asDate(run.startedAt);
  if (!started) return "—";
  const finished = asDate(run.finishedAt);
  return formatElapsed((finished?.getTime() ?? now) - started.getTime());
}

const TRIGGER_LABEL: Record<string, string> = {
  schedule: "Schedule",
  admin: "Admin",
  startup: "Startup",
};

export type SyncRunsTableProps = {
  accountId?: string;
  state?: RunRow["state"];
  limit?: number;
  /** Show the pager (the history page); off for a short list on an account's page. */
  paged?: boolean;
};

/** Sync runs, newest first, with counts and duration; running ones move with their live progress. */
export function SyncRunsTable({ accountId, state, limit = 25, paged = false }: SyncRunsTableProps) {
  const [cursors, setCursors] = useState<Array<string | undefined>>([undefined]);
  const cursor = cursors.at(-1);
  const runs = trpc.admin.sync.runs.useQuery(
    { accountId, state, limit, ...(cursor ? { cursor } : {}) },
    { placeholderData: keepPreviousData },
  );
  const utils = trpc.useUtils();
  const progress = useSyncProgress((event) => {
    // A run this page has not seen yet (another admin, the schedule): fetch the list again.
    if (event.runId && !runs.data?.items.some((run) => run.id === event.runId)) {
      void utils.admin.sync.runs.invalidate();
    }
    // A finished run moved its account's health (last used, failures).
    if (event.state && event.state !== "running") void utils.admin.carriers.invalidate();
  });
  const now = Date.now();

  const columns: TableColumn<RunRow>[] = [
    {
      id: "started",
      header: "Started",
      cell: (run) => (
        <Link to={`/sync/${run.id}`} className="adm-strong-link adm-nowrap">
          <DateTime value={run.startedAt} />
        </Link>
      ),
    },
    ...(accountId
      ? []
      : [
          {
            id: "account",
            header: "Account",
            cell: (run: RunRow) => (
              <span className="adm-cell-stack">
                <span>{run.accountName ?? "Removed account"}</span>
                {run.carrier && (
                  <span className="wb-muted adm-small">{CARRIER_LABEL[run.carrier]}</span>
                )}
              </span>
            ),
          },
        ]),
    { id: "trigger", header: "Trigger", cell: (run) => TRIGGER_LABEL[run.trigger] ?? run.trigger },
    { id: "state", header: "State", cell: (run) => <SyncStateBadge state={run.state} /> },
    {
      id: "counts",
      header: "Due · checked · changed · failed",
      align: "end",
      cell: (run) => (
        <span className="adm-nowrap">
          {run.due.toLocaleString()} · {run.checked.toLocaleString()} ·{" "}
          <strong>{run.changed.toLocaleString()}</strong> ·{" "}
          <span className={run.failed > 0 ? "adm-danger-text" : undefined}>
            {run.failed.toLocaleString()}
          </span>
        </span>
      ),
    },
    { id: "duration", header: "Duration", align: "end", cell: (run) => durationOf(run, now) },
    {
      id: "errors",
      header: "Errors",
      align: "end",
      cell: (run) =>
        run.errorCount > 0 ? (
          <Link to={`/sync/${run.id}`}>
            <Badge tone="danger">{run.errorCount}</Badge>
          </Link>
        ) : (
          <span className="wb-muted">0</span>
        ),
    },
  ];

  if (runs.isError && !runs.data) {
    return (
      <LoadProblem error={runs.error} what="the sync runs" retry={() => void runs.refetch()} />
    );
  }
  const rows = (runs.data?.items ?? []).map((run) => withProgress(run, progress.get(run.id)));
  return (
    <div className="wb-stack">
      <Table
        columns={columns}
        rows={rows}
        getRowKey={(run) => run.id}
        caption="Sync runs"
        captionHidden
        busy={runs.isFetching}
        empty={runs.isPending ? "Loading…" : "No sync has run yet."}
      />
      {paged && (cursors.length > 1 || runs.data?.nextCursor) && (
        <div className="wb-row adm-between">
          <span className="wb-muted adm-small">Page {cursors.length}</span>
          <div className="wb-row">
            <Button
              size="sm"
              disabled={cursors.length === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              ← Newer
            </Button>
            <Button
              size="sm"
              disabled={!runs.data?.nextCursor}
              onClick={() => {
                const next = runs.data?.nextCursor;
                if (next) setCursors((c) => [...c, next]);
              }}
            >
              Older →
            </Button>
          </div>
        </div>
      )}
    </div>
  );
}
