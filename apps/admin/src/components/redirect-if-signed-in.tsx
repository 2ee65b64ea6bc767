import { Navigate, Outlet, useSearchParams } from "react-router";
import { safeNextPath } from "../lib/next-path";
import { useSession } from "../lib/session";
import { PageLoading } from "./page-states";

/**
 * Route guard for the sign-in page: a signed-in person goes on to `?next=` (or the dashboard,
 * where a customer is told this area is not for them). Right after a successful sign-in this
 * is also what moves them along.
 */
export function RedirectIfSignedIn() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.status === "loading") return <PageLoading />;
  if (session.user) return <Navigate to={safeNextPath(params.get("next"), "/")} replace />;
  return <Outlet />;
}
