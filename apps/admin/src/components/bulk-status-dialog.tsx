import { Alert, Button, Dialog, Field } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { type FormEvent, useState } from "react";
import { readApiProblem } from "../lib/api-problem";
import type { OrderStatus, RouterOutputs } from "../lib/api-types";
import { ORDER_STATUS_IDS, orderStatusLabel } from "../lib/labels";
import { Select, Textarea } from "./controls";

/** The api's cap on one bulk change (`MAX_BULK_ORDERS`). */
export const MAX_BULK_ORDERS = 500;
const NOTE_MAX = 500;

type Summary = RouterOutputs["admin"]["orders"]["bulkUpdateStatus"];

export type BulkStatusDialogProps = {
  open: boolean;
  /** The selected orders, with their numbers for the confirmation. */
  orders: ReadonlyArray<{ id: string; number: string }>;
  /** `changed` says whether a change went through before the dialog was closed. */
  onClose: (outcome: { changed: boolean }) => void;
  /** Right after a change went through; the dialog stays open on its summary until closed. */
  onChanged?: (summary: Summary) => void;
};

/**
 * Changes the status of many orders at once with one note: choose, confirm, then read what
 * happened (changed, already in that status, gone). All or nothing on the server.
 */
export function BulkStatusDialog({ open, orders, onClose, onChanged }: BulkStatusDialogProps) {
  const [status, setStatus] = useState<OrderStatus | "">("");
  const [note, setNote] = useState("");
  const [statusError, setStatusError] = useState<string | null>(null);
  const bulk = trpc.admin.orders.bulkUpdateStatus.useMutation({ onSuccess: onChanged });
  const summary = bulk.data;
  const problem = bulk.error ? readApiProblem(bulk.error) : null;
  const tooMany = orders.length > MAX_BULK_ORDERS;
  const count = orders.length;
  const noun = count === 1 ? "order" : "orders";

  function close() {
    setStatus("");
    setNote("");
    setStatusError(null);
    const changed = bulk.isSuccess;
    bulk.reset();
    onClose({ changed });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (status === "") {
      setStatusError("Choose the new status.");
      return;
    }
    setStatusError(null);
    bulk.mutate({ orderIds: orders.map((o) => o.id), status, note: note.trim() });
  }

  if (summary) {
    const numberOf = new Map(orders.map((o) => [o.id, o.number]));
    const missing = summary.results.filter((r) => r.outcome === "not_found");
    return (
      <Dialog
        open={open}
        onClose={close}
        title="Status changed"
        footer={
          <Button variant="primary" onClick={close} autoFocus>
            Done
          </Button>
        }
      >
        <div className="wb-stack">
          <Alert tone={summary.updated > 0 ? "success" : "info"}>
            <ul className="adm-summary" aria-label="Result">
              <li>
                <strong>{summary.updated}</strong> changed to{" "}
                {status ? orderStatusLabel(status) : "the new status"}
              </li>
              {summary.unchanged > 0 && (
                <li>
                  <strong>{summary.unchanged}</strong> already had that status
                </li>
              )}
              {summary.notFound > 0 && (
                <li>
                  <strong>{summary.notFound}</strong> not found
                </li>
              )}
            </ul>
          </Alert>
          {missing.length > 0 && (
            <p className="wb-muted adm-small">
              Not found (deleted since you selected them):{" "}
              {missing.map((r) => numberOf.get(r.orderId) ?? r.orderId).join(", ")}
            </p>
          )}
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Change the status of ${count} ${noun}`}
      description="Customers are told about the change, with your note when there is one."
    >
      <form className="wb-form" onSubmit={submit} noValidate>
        {problem && <Alert tone="danger">{problem.message}</Alert>}
        {tooMany && (
          <Alert tone="warning">
            At most {MAX_BULK_ORDERS} orders can be changed at once; {count} are selected.
          </Alert>
        )}
        <p className="adm-small">
          <span className="wb-muted">Orders: </span>
          {orders
            .slice(0, 8)
            .map((o) => o.number)
            .join(", ")}
          {count > 8 ? ` and ${count - 8} more` : ""}
        </p>
        <Field label="New status" error={statusError ?? problem?.fieldErrors.status}>
          {(control) => (
            <Select
              {...control}
              value={status}
              onChange={(event) => setStatus(event.target.value as OrderStatus | "")}
            >
              <option value="">Choose a status…</option>
              {ORDER_STATUS_IDS.map((s) => (
                <option key={s} value={s}>
                  {orderStatusLabel(s)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label="Note to the customers"
          optional
          hint={`${note.length}/${NOTE_MAX} · e.g. "Parcel handed over at the counter"`}
          error={problem?.fieldErrors.note}
        >
          {(control) => (
            <Textarea
              {...control}
              value={note}
              maxLength={NOTE_MAX}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
        <div className="adm-dialog-actions">
          <Button onClick={close}>Cancel</Button>
          <Button type="submit" variant="primary" pending={bulk.isPending} disabled={tooMany}>
            {status
              ? `Set ${count} ${noun} to ${orderStatusLabel(status)}`
              : `Change ${count} ${noun}`}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
