import { isRouteErrorResponse, useRouteError } from "react-router";
import { Alert } from "../alert";
import { buttonClass } from "../button";

export type RouteErrorPageProps = {
  /** Ends the document title: "Something went wrong · {appName}". */
  appName: string;
  /** The app's entry URL as the browser sees it (with the Vite `base`), e.g. `/` or `/admin/`. */
  reloadHref: string;
  /** The reload button's text, e.g. "Reload the shop". */
  reloadLabel: string;
};

/** Last-resort screen when a route throws while rendering; use it as the root `errorElement`. */
export function RouteErrorPage({ appName, reloadHref, reloadLabel }: RouteErrorPageProps) {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : "An unexpected error stopped this page.";
  return (
    <main className="wb-main wb-main--narrow wb-stack">
      <title>{`Something went wrong · ${appName}`}</title>
      <h1 className="wb-page-title">Something went wrong</h1>
      <Alert tone="danger">{detail}</Alert>
      <div>
        {/* A full page load, not a client navigation, so a broken client state starts over. */}
        <a href={reloadHref} className={buttonClass({ variant: "primary" })}>
          {reloadLabel}
        </a>
      </div>
    </main>
  );
}
