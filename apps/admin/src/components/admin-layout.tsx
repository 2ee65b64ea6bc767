import { Button, ConnectionIndicator } from "@waybill/ui";
import { useConnectionState, useSessionWatch, useSignOut } from "@waybill/ui/client";
import { NavLink, Outlet } from "react-router";
import { Brand } from "./brand";
import { LiveOrderEventsProvider } from "./live-order-events";
import { useAdmin } from "./require-admin";

/** The admin's sections, in the order an operator reaches for them. */
const SECTIONS = [
  { to: "/", label: "Dashboard", end: true },
  { to: "/orders", label: "Orders", end: false },
  { to: "/carriers", label: "Carrier accounts", end: false },
  { to: "/sync", label: "Sync runs", end: false },
  { to: "/webhooks", label: "Webhook inbox", end: false },
  { to: "/outbox", label: "Mail outbox", end: false },
  { to: "/unmapped", label: "Unmapped statuses", end: false },
] as const;

/** The admin frame: sidebar with navigation, live status and the signed-in admin. */
export function AdminLayout() {
  const admin = useAdmin();
  const connection = useConnectionState();
  const { signOut, pending } = useSignOut({ redirectTo: "/signin" });
  useSessionWatch(admin.id);

  return (
    <LiveOrderEventsProvider>
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
              {SECTIONS.map((section) => (
                <li key={section.to}>
                  <NavLink to={section.to} end={section.end} className="wb-sidebar__link">
                    {section.label}
                  </NavLink>
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
    </LiveOrderEventsProvider>
  );
}
