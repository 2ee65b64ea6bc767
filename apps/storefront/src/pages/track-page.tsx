import { skipToken } from "@tanstack/react-query";
import {
  Alert,
  Button,
  Card,
  Countdown,
  Field,
  Input,
  RelativeTime,
  Spinner,
  useCountdown,
} from "@waybill/ui";
import { errorCode, readFormProblem, trpc, useFocusFirstInvalid } from "@waybill/ui/client";
import { useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { MilestoneSummary } from "../components/tracking/milestone-summary";
import { ShipmentFacts } from "../components/tracking/shipment-facts";
import { TrackingTimeline } from "../components/tracking/tracking-timeline";
import { retryAtOf } from "../lib/api-problem";
import type { PublicTracking } from "../lib/api-types";
import { statusHeadline } from "../lib/tracking-view";

type Lookup = { trackingNumber: string; contact: string };

/**
 * Tracking without an account: the tracking number plus the e-mail or phone on the order. The answer
 * carries no personal data; the server limits how often one visitor may ask.
 */
export function TrackPage() {
  const [params] = useSearchParams();
  const [lookup, setLookup] = useState<Lookup | null>(null);
  const [localErrors, setLocalErrors] = useState<Partial<Record<keyof Lookup, string>> | null>(
    null,
  );
  const formRef = useRef<HTMLFormElement>(null);

  const result = trpc.tracking.public.useQuery(lookup ?? skipToken, {
    retry: false,
    staleTime: 0,
  });
  const retryAt = result.error ? retryAtOf(result.error) : null;
  const problem =
    result.error && !retryAt && errorCode(result.error) !== "NOT_FOUND"
      ? readFormProblem(result.error)
      : null;
  const fieldErrors = { ...problem?.fieldErrors, ...localErrors };
  useFocusFirstInvalid(formRef, localErrors ?? result.error);
  // The server's word on when to ask again; the button waits for it.
  const blocked = useCountdown(retryAt) > 0;

  return (
    <div className="sf-track">
      <title>Track a parcel · Waybill</title>
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">Track a parcel</h1>
          <p className="wb-page-subtitle">
            No account needed: the tracking number and the e-mail or phone number on the order.
          </p>
        </div>
      </div>
      <Card>
        <form
          ref={formRef}
          className="sf-track__form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            const next = {
              trackingNumber: String(data.get("trackingNumber") ?? "").trim(),
              contact: String(data.get("contact") ?? "").trim(),
            };
            const errors: Partial<Record<keyof Lookup, string>> = {};
            if (next.trackingNumber.length < 4)
              errors.trackingNumber = "Enter the tracking number.";
            if (next.contact.length < 3) {
              errors.contact = "Enter the e-mail or phone number on the order.";
            }
            if (Object.keys(errors).length > 0) {
              setLocalErrors(errors);
              return;
            }
            setLocalErrors(null);
            if (
              lookup &&
              lookup.trackingNumber === next.trackingNumber &&
              lookup.contact === next.contact
            ) {
              void result.refetch();
            } else {
              setLookup(next);
            }
          }}
        >
          <Field label="Tracking number" error={fieldErrors.trackingNumber}>
            {(control) => (
              <Input
                {...control}
                name="trackingNumber"
                defaultValue={params.get("number") ?? ""}
                autoComplete="off"
                spellCheck={false}
                required
              />
            )}
          </Field>
          <Field
            label="E-mail or phone on the order"
            hint="We only use it to check the parcel is yours."
            error={fieldErrors.contact}
          >
            {(control) => <Input {...control} name="contact" autoComplete="email" required />}
          </Field>
          <div className="sf-track__submit">
            <Button type="submit" variant="primary" pending={result.isFetching} disabled={blocked}>
              Track
            </Button>
          </div>
        </form>
      </Card>

      <div className="sf-track__result" aria-live="polite">
        {result.isFetching && !result.data && (
          <div className="wb-centered sf-track__loading">
            <Spinner label="Looking up your parcel…" />
          </div>
        )}
        {retryAt &&
          (blocked ? (
            <Alert tone="warning" title="Too many lookups">
              Please wait <Countdown until={retryAt} /> before trying again.
            </Alert>
          ) : (
            <Alert tone="info">You can try again now.</Alert>
          ))}
        {result.error && errorCode(result.error) === "NOT_FOUND" && (
          <Alert tone="danger" title="No match">
            {result.error.message}
          </Alert>
        )}
        {problem && !Object.keys(problem.fieldErrors).length && (
          <Alert tone="danger">{problem.message}</Alert>
        )}
        {result.data && !result.error && <PublicResult tracking={result.data} />}
      </div>
    </div>
  );
}

function PublicResult({ tracking }: { tracking: PublicTracking }) {
  const headline = statusHeadline(tracking.orderStatus, tracking.status);
  return (
    <div className="sf-tracking sf-tracking--public">
      <div className="sf-tracking__main">
        <section className="wb-card sf-status" aria-labelledby="public-status">
          <div className="sf-status__head">
            <div>
              <p className="sf-status__eyebrow">
                Tracking number <span className="wb-mono">{tracking.trackingNumber}</span>
              </p>
              <h2 className="sf-status__title" id="public-status">
                {headline.title}
              </h2>
              {tracking.lastCheckedAt && (
                <p className="sf-status__line">
                  Last checked with the carrier <RelativeTime value={tracking.lastCheckedAt} />
                </p>
              )}
            </div>
          </div>
          <MilestoneSummary
            orderStatus={tracking.orderStatus}
            shipmentStatus={tracking.status}
            deliveredAt={tracking.deliveredAt}
          />
        </section>
        <Card title="Tracking history" className="sf-tracking__history">
          <TrackingTimeline
            scans={tracking.timeline}
            empty="No scans yet. The carrier's first scan usually comes within a few hours of pickup."
          />
        </Card>
      </div>
      <aside className="sf-tracking__side" aria-label="Shipment details">
        <Card title="Shipment" titleAs="h2" className="sf-tracking__shipment">
          <ShipmentFacts
            carrier={tracking.carrier}
            courierName={tracking.courierName}
            trackingNumber={tracking.trackingNumber}
            trackingUrl={tracking.trackingUrl}
            estimatedDeliveryAt={tracking.estimatedDeliveryAt}
            deliveredAt={tracking.deliveredAt}
          />
        </Card>
      </aside>
    </div>
  );
}
