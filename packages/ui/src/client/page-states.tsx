import { Alert } from "../alert";
import { Button } from "../button";
import { Spinner } from "../spinner";

/** Shown while the first answer for a page is on its way. */
export function PageLoading({ label = "Loading…" }: { label?: string }) {
  return (
    <div className="wb-centered">
      <Spinner size="lg" label={label} />
    </div>
  );
}

/** Shown when the session could not be read (the server is unreachable or failing). */
export function SessionUnavailable({ retry }: { retry: () => void }) {
  return (
    <div className="wb-main--narrow wb-stack">
      <Alert tone="danger" title="We couldn't check your session">
        Waybill did not answer. Check your connection, then try again.
      </Alert>
      <div>
        <Button onClick={retry}>Try again</Button>
      </div>
    </div>
  );
}
