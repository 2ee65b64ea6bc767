import { trpc } from "@waybill/ui/client";
import { useRef, useState } from "react";

/** A sync run's progress event (`admin.sync.onProgress`). */
export type SyncProgress = {
  runId: string | null;
  accountId: string | null;
  state: string | null;
  due: number | null;
  checked: number | null;
  changed: number | null;
  failed: number | null;
  at: string | null;
};

function num(value: unknown): number | null {
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

function str(value: unknown): string | null {
  return typeof value === "string" && value !== "" ? value : null;
}

export function toSyncProgress(data: Record<string, unknown>): SyncProgress {
  return {
    runId: str(data.runId),
    accountId: str(data.accountId),
    state: str(data.state),
    due: num(data.due),
    checked: num(data.checked),
    changed: num(data.changed),
    failed: num(data.failed),
    at: str(data.at),
  };
}

/**
 * Live progress of sync runs, latest per run id, from the moment the component mounts. `onEvent`
 * sees every event (e.g. to notice a run that just started).
 */
export function useSyncProgress(
  onEvent?: (event: SyncProgress) => void,
): Map<string, SyncProgress> {
  const [byRun, setByRun] = useState<Map<string, SyncProgress>>(() => new Map());
  const latest = useRef(onEvent);
  latest.current = onEvent;
  trpc.admin.sync.onProgress.useSubscription(undefined, {
    onData: (item) => {
      const event = toSyncProgress(item.data);
      latest.current?.(event);
      const runId = event.runId;
      if (runId) setByRun((current) => new Map(current).set(runId, event));
    },
  });
  return byRun;
}
