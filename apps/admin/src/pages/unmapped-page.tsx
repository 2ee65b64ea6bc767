import { Alert, Badge, Button, Card, EmptyState, useToast } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { type FormEvent, useState } from "react";

import { Checkbox, Select } from "../components/controls";
import { LoadProblem } from "../components/load-problem";
import { PageHeader } from "../components/page-header";
import { Pager } from "../components/pager";
import { RelativeTime } from "../components/relative-time";
import { readApiProblem } from "../lib/api-problem";
import type { RouterOutputs, ShipmentStatus } from "../lib/api-types";
import { CARRIER_LABEL, SHIPMENT_STATUS_IDS, shipmentStatusLabel } from "../lib/labels";

type UnmappedCode = RouterOutputs["admin"]["unmapped"]["list"]["items"][number];

type MappableStatus = Exclude<ShipmentStatus, "unknown">;

/** Every status an admin may map a code to: `unknown` is what having no override means. */
const MAPPABLE = SHIPMENT_STATUS_IDS.filter(
  (status): status is MappableStatus => status !== "unknown",
);

/** Carrier codes no table knew: how often, where, and the admin's mapping for each. */
export function UnmappedPage() {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors.at(-1) ?? null;
  const codes = trpc.admin.unmapped.list.useQuery({ cursor, limit: 25 });
  const [open, setOpen] = useState<string | null>(null);

  return (
    <>
      <PageHeader
        title="Unmapped statuses"
        subtitle="Carrier codes no status table knows. Their scans are kept as “Unknown status” and move nothing until you map them."
      />
      <div className="wb-stack">
        {codes.isError && !codes.data ? (
          <LoadProblem
            error={codes.error}
            what="the unmapped codes"
            retry={() => void codes.refetch()}
          />
        ) : codes.isPending ? (
          <p className="wb-muted">Loading…</p>
        ) : codes.data.items.length === 0 ? (
          <EmptyState
            title="Every carrier code is mapped"
            description="When a carrier sends a code no table knows, it appears here with a count."
          />
        ) : (
          codes.data.items.map((code) => (
            <UnmappedCodeCard
              key={code.id}
              code={code}
              expanded={open === code.id}
              onToggle={() => setOpen(open === code.id ? null : code.id)}
              onChanged={() => void codes.refetch()}
            />
          ))
        )}
        <Pager
          page={cursors.length - 1}
          pageSize={25}
          shown={codes.data?.items.length ?? 0}
          total={null}
          hasNext={Boolean(codes.data?.nextCursor)}
          busy={codes.isFetching}
          onPrevious={() => setCursors(cursors.slice(0, -1))}
          onNext={() => {
            const next = codes.data?.nextCursor;
            if (next) setCursors([...cursors, next]);
          }}
          label="Unmapped code pages"
        />
      </div>
    </>
  );
}

function UnmappedCodeCard({
  code,
  expanded,
  onToggle,
  onChanged,
}: {
  code: UnmappedCode;
  expanded: boolean;
  onToggle: () => void;
  onChanged: () => void;
}) {
  const toast = useToast();
  const [status, setStatus] = useState<MappableStatus>(
    (code.override?.status as MappableStatus | undefined) ?? "in_transit",
  );
  const [reapply, setReapply] = useState(true);
  const key = { carrier: code.carrier, rawCode: code.rawCode };
  const example = trpc.admin.unmapped.example.useQuery({ id: code.id }, { enabled: expanded });
  const save = trpc.admin.unmapped.setOverride.useMutation({
    onSuccess: (result) => {
      onChanged();
      const moved = result.reapplied;
      toast.show({
        tone: "success",
        title: `${code.rawCode} now means “${shipmentStatusLabel(status)}”`,
        description: moved
          ? `${moved.shipments} shipment${moved.shipments === 1 ? "" : "s"} re-checked, ${moved.changed} moved.`
          : "It applies to every scan from now on.",
      });
    },
  });
  const remove = trpc.admin.unmapped.removeOverride.useMutation({
    onSuccess: () => {
      onChanged();
      toast.show({
        title: `Override of ${code.rawCode} removed`,
        description: "What was applied stays.",
      });
    },
  });
  const problem = save.error ?? remove.error;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ ...key, status, reapply });
  };

  return (
    <Card>
      <div className="wb-stack">
        <div className="wb-row adm-between">
          <div className="adm-cell-stack">
            <strong>
              <code>{code.rawCode}</code> {code.rawLabel ? `· ${code.rawLabel}` : ""}
            </strong>
            <span className="wb-muted adm-small">
              {CARRIER_LABEL[code.carrier]} · {code.accountName} · seen {code.occurrences}×, first{" "}
              <RelativeTime value={code.firstSeenAt} />, last{" "}
              <RelativeTime value={code.lastSeenAt} />
            </span>
          </div>
          {code.override ? (
            <Badge tone="success" dot>
              Mapped to {shipmentStatusLabel(code.override.status as ShipmentStatus)} by{" "}
              {code.override.setByName}
            </Badge>
          ) : (
            <Badge tone="warning" dot>
              Unmapped
            </Badge>
          )}
        </div>
        {problem && <Alert tone="danger" title={readApiProblem(problem).message} />}
        <form className="wb-row" onSubmit={submit} aria-label={`Map ${code.rawCode}`}>
          <label className="wb-row" htmlFor={`map-${code.id}`}>
            Means
          </label>
          <Select
            id={`map-${code.id}`}
            value={status}
            onChange={(e) => setStatus(e.target.value as MappableStatus)}
          >
            {MAPPABLE.map((option) => (
              <option key={option} value={option}>
                {shipmentStatusLabel(option)}
              </option>
            ))}
          </Select>
          <Checkbox
            label="Also re-apply to shipments that already have it"
            checked={reapply}
            onChange={(e) => setReapply(e.target.checked)}
          />
          <Button type="submit" variant="primary" size="sm" disabled={save.isPending}>
            {code.override ? "Update mapping" : "Save mapping"}
          </Button>
          {code.override && (
            <Button size="sm" disabled={remove.isPending} onClick={() => remove.mutate(key)}>
              Remove override
            </Button>
          )}
          <Button size="sm" aria-expanded={expanded} onClick={onToggle}>
            {expanded ? "Hide example" : "Show example timeline"}
          </Button>
        </form>
        {expanded && (
          <div className="adm-cell-stack">
            {code.exampleOrderNumber && code.exampleShipmentId && (
              <span className="wb-muted adm-small">Example: order {code.exampleOrderNumber}</span>
            )}
            {example.isPending ? (
              <span className="wb-muted">Loading…</span>
            ) : (
              <ol className="adm-example-timeline">
                {(example.data ?? []).map((event) => (
                  <li
                    key={event.id}
                    className={event.rawCode === code.rawCode ? "adm-strong" : undefined}
                  >
                    <RelativeTime value={event.occurredAt} /> · <code>{event.rawCode}</code>{" "}
                    {event.rawLabel ?? ""} → {shipmentStatusLabel(event.status)}
                    {event.location ? ` · ${event.location}` : ""}
                  </li>
                ))}
              </ol>
            )}
          </div>
        )}
      </div>
    </Card>
  );
}
