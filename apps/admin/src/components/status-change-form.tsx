import { Alert, Button, Field, useToast } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { type FormEvent, useState } from "react";
import { readApiProblem } from "../lib/api-problem";
import type { OrderStatus } from "../lib/api-types";
import { ORDER_STATUS_IDS, orderStatusLabel } from "../lib/labels";
import { Select, Textarea } from "./controls";

/** An admin sets one order's status, with a note the customer is sent. */
export function StatusChangeForm({
  orderId,
  current,
  onChanged,
}: {
  orderId: string;
  current: OrderStatus;
  onChanged: () => void;
}) {
  const [status, setStatus] = useState<OrderStatus>(current);
  const [note, setNote] = useState("");
  const toast = useToast();
  const update = trpc.admin.orders.updateStatus.useMutation({
    onSuccess: (result) => {
      setNote("");
      onChanged();
      toast.show({
        title:
          result.outcome === "updated"
            ? `Status set to ${orderStatusLabel(status)}`
            : result.outcome === "unchanged"
              ? "The order already had that status"
              : "That order no longer exists",
        tone: result.outcome === "updated" ? "success" : "warning",
      });
    },
  });
  const problem = update.error ? readApiProblem(update.error) : null;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.mutate({ orderId, status, note: note.trim() });
  }

  return (
    <form className="wb-form" onSubmit={submit} noValidate aria-label="Change status">
      {problem && <Alert tone="danger">{problem.message}</Alert>}
      <Field label="Status" error={problem?.fieldErrors.status}>
        {(control) => (
          <Select
            {...control}
            value={status}
            onChange={(event) => setStatus(event.target.value as OrderStatus)}
          >
            {ORDER_STATUS_IDS.map((s) => (
              <option key={s} value={s}>
                {orderStatusLabel(s)}
                {s === current ? " (current)" : ""}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field
        label="Note to the customer"
        optional
        hint="Sent with the update, e.g. why it was cancelled."
        error={problem?.fieldErrors.note}
      >
        {(control) => (
          <Textarea
            {...control}
            rows={2}
            maxLength={500}
            value={note}
            onChange={(event) => setNote(event.target.value)}
          />
        )}
      </Field>
      <div>
        <Button type="submit" pending={update.isPending} disabled={status === current}>
          {status === current ? "Choose a new status" : `Set to ${orderStatusLabel(status)}`}
        </Button>
      </div>
    </form>
  );
}
