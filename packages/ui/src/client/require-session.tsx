import type { ReactNode } from "react";
import { Navigate, Outlet, useLocation, useOutletContext } from "react-router";
import { signInPathFor } from "./next-path";
import { PageLoading, SessionUnavailable } from "./page-states";
import { useSession } from "./session";
import type { User } from "./trpc";

export type RequireSessionProps = {
  /**
   * Put the "session unavailable" message in its own `<main>`: for a guard that sits outside
   * the app's frame (the admin's). Inside a frame that already has `<main>`, leave it off.
   */
  landmark?: boolean;
  /** What a signed-in person gets. By default the child routes, with the user as outlet context. */
  children?: (user: User) => ReactNode;
};

function childRoutes(user: User) {
  return <Outlet context={user} />;
}

/**
 * Route guard: renders its child routes for a signed-in person, else sends them to sign in with
 * `?next=` pointing back here.
 */
export function RequireSession({ landmark = false, children = childRoutes }: RequireSessionProps) {
  const session = useSession();
  const location = useLocation();
  if (session.status === "loading") return <PageLoading label="Checking your session…" />;
  if (session.status === "error") {
    const unavailable = <SessionUnavailable retry={session.retry} />;
    return landmark ? <main className="wb-main">{unavailable}</main> : unavailable;
  }
  if (!session.user) {
    return <Navigate to={signInPathFor(location.pathname + location.search)} replace />;
  }
  return children(session.user);
}

/** The signed-in user, inside a route under `RequireSession`. */
export function useSignedInUser(): User {
  return useOutletContext<User>();
}
