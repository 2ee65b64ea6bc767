import { Navigate, Outlet, useLocation, useOutletContext } from "react-router";
import { signInPathFor } from "../lib/next-path";
import { useSession } from "../lib/session";
import type { User } from "../lib/trpc";
import { PageLoading, SessionUnavailable } from "./page-states";

/** Route guard: renders its child routes for a signed-in person, else sends them to sign in. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "loading") return <PageLoading label="Checking your session…" />;
  if (session.status === "error") return <SessionUnavailable retry={session.retry} />;
  if (!session.user) {
    return <Navigate to={signInPathFor(location.pathname + location.search)} replace />;
  }
  return <Outlet context={session.user} />;
}

/** The signed-in user, inside a route under `RequireSession`. */
export function useSignedInUser(): User {
  return useOutletContext<User>();
}
