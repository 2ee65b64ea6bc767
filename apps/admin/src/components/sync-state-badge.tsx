import { Badge, type BadgeTone, Spinner } from "@waybill/ui";
import { lookOf } from "../lib/labels";

const STATE_LOOK: Record<string, { label: string; tone: BadgeTone }> = {
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  interrupted: { label: "Interrupted", tone: "warning" },
};

export function SyncStateBadge({ state }: { state: string }) {
  const look = lookOf(STATE_LOOK, state);
  return (
    <Badge tone={look.tone} dot={state !== "running"}>
      {state === "running" && <Spinner size="sm" />}
      {look.label}
    </Badge>
  );
}
