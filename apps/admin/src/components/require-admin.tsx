import { Navigate, Outlet, useLocation, useOutletContext } from "react-router";
import { signInPathFor } from "../lib/next-path";
import { useSession } from "../lib/session";
import type { User } from "../lib/trpc";
import { NotAdminPage } from "../pages/not-admin-page";
import { PageLoading, SessionUnavailable } from "./page-states";

/**
 * Route guard for the admin area: nobody goes to sign in, a customer sees a friendly refusal,
 * an admin gets the child routes. The server refuses admin procedures to non-admins anyway;
 * this only keeps people from a screen full of errors.
 */
export function RequireAdmin() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "loading") return <PageLoading label="Checking your session…" />;
  if (session.status === "error") {
    return (
      <main className="wb-main">
        <SessionUnavailable retry={session.retry} />
      </main>
    );
  }
  if (!session.user) {
    return <Navigate to={signInPathFor(location.pathname + location.search)} replace />;
  }
  if (session.user.role !== "admin") return <NotAdminPage user={session.user} />;
  return <Outlet context={session.user} />;
}

/** The signed-in admin, inside a route under `RequireAdmin`. */
export function useAdmin(): User {
  return useOutletContext<User>();
}
