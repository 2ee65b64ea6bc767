import { Link } from "react-router";
import { buttonClass } from "../button";
import { EmptyState } from "../empty-state";

export type NotFoundPageProps = {
  /** Ends the document title: "Page not found · {appName}". */
  appName: string;
  /** Why the page may be missing, in the app's voice. */
  description: string;
  /** The text of the link to the app's home (`/` under the router's basename). */
  backLabel: string;
};

/** Any path the app has no page for; use it as the catch-all (`path: "*"`) route. */
export function NotFoundPage({ appName, description, backLabel }: NotFoundPageProps) {
  return (
    <>
      <title>{`Page not found · ${appName}`}</title>
      <EmptyState
        titleAs="h1"
        icon="?"
        title="Page not found"
        description={description}
        action={
          <Link to="/" className={buttonClass({ variant: "primary" })}>
            {backLabel}
          </Link>
        }
      />
    </>
  );
}
