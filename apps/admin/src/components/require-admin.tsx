import { RequireSession, type User, useSignedInUser } from "@waybill/ui/client";
import { Outlet } from "react-router";
import { NotAdminPage } from "../pages/not-admin-page";

/**
 * Route guard for the admin area: nobody goes to sign in, a customer sees a friendly refusal,
 * an admin gets the child routes. The server refuses admin procedures to non-admins anyway;
 * this only keeps people from a screen full of errors.
 */
export function RequireAdmin() {
  return (
    <RequireSession landmark>
      {(user) => (user.role === "admin" ? <Outlet context={user} /> : <NotAdminPage user={user} />)}
    </RequireSession>
  );
}

/** The signed-in admin, inside a route under `RequireAdmin`. */
export function useAdmin(): User {
  return useSignedInUser();
}
