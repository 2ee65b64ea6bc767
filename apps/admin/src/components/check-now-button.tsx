import { Button, useCountdown, useToast } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useEffect, useState } from "react";
import { readApiProblem } from "../lib/api-problem";
import { asDate } from "../lib/dates";

/**
 * Asks the carrier about this order now (`orders.checkForUpdates`). The server keeps a per-order
 * cooldown; the button counts it down instead of letting the admin hit it.
 */
export function CheckNowButton({
  orderId,
  allowedAt,
  onChecked,
}: {
  orderId: string;
  /** `freshness.manualCheckAllowedAt` of the order's shipment. */
  allowedAt: Date | string | null;
  onChecked: () => void;
}) {
  const toast = useToast();
  const [retryAt, setRetryAt] = useState<Date | null>(asDate(allowedAt));
  const wait = Math.ceil(useCountdown(retryAt) / 1000);

  useEffect(() => setRetryAt(asDate(allowedAt)), [allowedAt]);

  const check = trpc.orders.checkForUpdates.useMutation({
    onSuccess: (result) => {
      setRetryAt(asDate(result.nextAllowedAt));
      onChecked();
      toast.show({
        title: result.updated
          ? `${result.changes} new update${result.changes === 1 ? "" : "s"} from the carrier`
          : "No news from the carrier",
        tone: result.updated ? "success" : "info",
      });
    },
    onError: (error) => {
      const problem = readApiProblem(error);
      const retry = asDate(problem.details?.retryAt as string | undefined);
      if (problem.code === "TOO_MANY_REQUESTS" && retry) setRetryAt(retry);
      toast.show({ title: "Could not check now", description: problem.message, tone: "danger" });
    },
  });

  return (
    <Button onClick={() => check.mutate({ orderId })} pending={check.isPending} disabled={wait > 0}>
      {wait > 0 ? `Check again in ${wait} s` : "Check now"}
    </Button>
  );
}
