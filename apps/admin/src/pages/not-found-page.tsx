import { buttonClass, EmptyState } from "@waybill/ui";
import { Link } from "react-router";

/** Any admin path without a page. */
export function NotFoundPage() {
  return (
    <>
      <title>Page not found · Waybill Admin</title>
      <EmptyState
        titleAs="h1"
        icon="?"
        title="Page not found"
        description="This part of the admin does not exist, or not yet."
        action={
          <Link to="/" className={buttonClass({ variant: "primary" })}>
            Back to the dashboard
          </Link>
        }
      />
    </>
  );
}
