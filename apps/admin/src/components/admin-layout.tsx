import { Button, ConnectionIndicator } from "@waybill/ui";
import { useConnectionState, useSessionWatch, useSignOut } from "@waybill/ui/client";
import { NavLink, Outlet } from "react-router";
import { Brand } from "./brand";
import { useAdmin } from "./require-admin";

/** Sections planned for the admin area that have no page yet: listed, but not links. */
const COMING_SOON = [
  "Orders",
  "Carrier accounts",
  "Sync runs",
  "Webhook inbox",
  "Mail outbox",
] as const;

/** The admin frame: sidebar with navigation, live status and the signed-in admin. */
export function AdminLayout() {
  const admin = useAdmin();
  const connection = useConnectionState();
  const { signOut, pending } = useSignOut({ redirectTo: "/signin" });
  useSessionWatch(admin.id);

  return (
    <div className="wb-sidebar-layout">
      <a href="#main" className="wb-skip-link">
        Skip to content
      </a>
      <aside className="wb-sidebar">
        <div className="wb-sidebar__brand">
          <Brand />
        </div>
        <nav aria-label="Admin">
          <ul className="wb-sidebar__nav">
            <li>
              <NavLink to="/" end className="wb-sidebar__link">
                Dashboard
              </NavLink>
            </li>
            {COMING_SOON.map((label) => (
              <li key={label}>
                <span className="wb-sidebar__link" aria-disabled="true" title="Coming soon">
                  {label}
                  <span className="wb-sidebar__soon">Soon</span>
                </span>
              </li>
            ))}
          </ul>
        </nav>
        <div className="wb-sidebar__footer">
          <ConnectionIndicator state={connection} />
          <div className="wb-user">
            <span className="wb-user__name">{admin.name}</span>
            <span className="wb-user__email">{admin.email}</span>
          </div>
          <Button size="sm" onClick={signOut} pending={pending}>
            Sign out
          </Button>
        </div>
      </aside>
      <main id="main" className="wb-main wb-sidebar-main" tabIndex={-1}>
        <Outlet context={admin} />
      </main>
    </div>
  );
}
