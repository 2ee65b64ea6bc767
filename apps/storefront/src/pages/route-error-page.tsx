import { Alert, buttonClass } from "@waybill/ui";
import { isRouteErrorResponse, useRouteError } from "react-router";

/** Last-resort screen when a route throws while rendering. */
export function RouteErrorPage() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : "An unexpected error stopped this page.";
  return (
    <main className="wb-main wb-main--narrow wb-stack">
      <title>Something went wrong · Waybill</title>
      <h1 className="wb-page-title">Something went wrong</h1>
      <Alert tone="danger">{detail}</Alert>
      <div>
        {/* A full page load, not a client navigation, so a broken client state starts over. */}
        <a href="/" className={buttonClass({ variant: "primary" })}>
          Reload the shop
        </a>
      </div>
    </main>
  );
}
