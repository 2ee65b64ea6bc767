import { Link } from "react-router";

/** The Waybill Admin word mark, linking to the dashboard. */
export function Brand() {
  return (
    <Link to="/" className="wb-brand" aria-label="Waybill Admin, dashboard">
      <span className="wb-brand__mark" aria-hidden="true">
        W
      </span>
      Waybill <span className="wb-muted">Admin</span>
    </Link>
  );
}
