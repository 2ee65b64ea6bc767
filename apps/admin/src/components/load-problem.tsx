import { Alert, Button } from "@waybill/ui";
import { readApiProblem } from "../lib/api-problem";

/** A query that failed: the server's words where they are meant for people, and a retry. */
export function LoadProblem({
  error,
  what,
  retry,
}: {
  error: unknown;
  /** What could not be loaded, e.g. "the orders". */
  what: string;
  retry?: () => void;
}) {
  const problem = readApiProblem(error);
  return (
    <Alert tone="danger" title={`Couldn't load ${what}`}>
      <div className="wb-row adm-between">
        <span>{problem.message}</span>
        {retry && (
          <Button size="sm" onClick={retry}>
            Try again
          </Button>
        )}
      </div>
    </Alert>
  );
}
