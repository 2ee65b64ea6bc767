import { Alert, Button } from "@waybill/ui";
import { problemMessage } from "../lib/api-problem";

/** A page whose data failed to load: what failed, the server's words where they are meant for people, a retry. */
export function LoadProblem({
  title,
  error,
  retry,
}: {
  /** e.g. "We couldn't load your orders". */
  title: string;
  error: unknown;
  retry: () => void;
}) {
  return (
    <div className="wb-stack">
      <Alert tone="danger" title={title}>
        {problemMessage(error)}
      </Alert>
      <div>
        <Button onClick={retry}>Try again</Button>
      </div>
    </div>
  );
}
