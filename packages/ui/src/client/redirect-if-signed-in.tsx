import { Navigate, Outlet, useSearchParams } from "react-router";
import { safeNextPath } from "./next-path";
import { PageLoading } from "./page-states";
import { useSession } from "./session";

export type RedirectIfSignedInProps = {
  /** Where a signed-in person goes when the URL has no usable `?next=`. */
  fallback: string;
};

/**
 * Route guard for the sign-in (and sign-up) pages: a signed-in person goes on to `?next=` (or
 * `fallback`). Right after a successful sign-in this is also what moves them along.
 */
export function RedirectIfSignedIn({ fallback }: RedirectIfSignedInProps) {
  const session = useSession();
  const [params] = useSearchParams();
  if (session.status === "loading") return <PageLoading />;
  if (session.user) return <Navigate to={safeNextPath(params.get("next"), fallback)} replace />;
  // A failed session check still shows the form: signing in is how to recover.
  return <Outlet />;
}
