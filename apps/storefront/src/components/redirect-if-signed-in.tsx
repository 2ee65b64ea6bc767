import { Navigate, Outlet, useSearchParams } from "react-router";
import { safeNextPath } from "../lib/next-path";
import { useSession } from "../lib/session";
import { PageLoading } from "./page-states";

/**
 * Route guard for the sign-in and sign-up pages: a signed-in person goes on to `?next=` (or
 * their account). Right after a successful sign-in this is also what moves them along.
 */
export function RedirectIfSignedIn() {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.status === "loading") return <PageLoading />;
  if (session.user) return <Navigate to={safeNextPath(params.get("next"), "/account")} replace />;
  // A failed session check still shows the form: signing in is how to recover.
  return <Outlet />;
}
