import { Link } from "react-router";

/** The Waybill word mark, linking home. */
export function Brand() {
  return (
    <Link to="/" className="wb-brand" aria-label="Waybill home">
      <span className="wb-brand__mark" aria-hidden="true">
        W
      </span>
      Waybill
    </Link>
  );
}
