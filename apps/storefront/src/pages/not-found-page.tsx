import { buttonClass, EmptyState } from "@waybill/ui";
import { Link } from "react-router";

/** Any path the storefront does not have. */
export function NotFoundPage() {
  return (
    <>
      <title>Page not found · Waybill</title>
      <EmptyState
        titleAs="h1"
        icon="?"
        title="Page not found"
        description="The link may be old or mistyped."
        action={
          <Link to="/" className={buttonClass({ variant: "primary" })}>
            Back to the shop
          </Link>
        }
      />
    </>
  );
}
