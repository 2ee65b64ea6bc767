import { buttonClass, ConnectionIndicator } from "@waybill/ui";
import { useConnectionState, useSession, useSessionWatch } from "@waybill/ui/client";
import { Link, NavLink, Outlet } from "react-router";
import { Brand } from "./brand";
import { UserMenu } from "./user-menu";

/** The storefront frame: header with brand, navigation, live status and the user menu. */
export function Shell() {
  const session = useSession();
  const connection = useConnectionState();
  const user = session.status === "ready" ? session.user : null;
  useSessionWatch(session.status === "ready" ? (session.user?.id ?? null) : undefined);

  return (
    <>
      <a href="#main" className="wb-skip-link">
        Skip to content
      </a>
      <header className="wb-header">
        <div className="wb-header__inner">
          <Brand />
          <nav className="wb-nav" aria-label="Main">
            <NavLink to="/" end className="wb-nav__link">
              Home
            </NavLink>
            {user && (
              <NavLink to="/account" className="wb-nav__link">
                Account
              </NavLink>
            )}
          </nav>
          <div className="wb-header__end">
            <ConnectionIndicator state={connection} />
            {user && <UserMenu user={user} />}
            {session.status === "ready" && !user && (
              <>
                <Link to="/signin" className={buttonClass({ variant: "ghost", size: "sm" })}>
                  Sign in
                </Link>
                {/* At phone width the page itself offers sign-up; the header keeps one action. */}
                <Link
                  to="/signup"
                  className={`${buttonClass({ variant: "primary", size: "sm" })} wb-hide-narrow`}
                >
                  Create account
                </Link>
              </>
            )}
          </div>
        </div>
      </header>
      <main id="main" className="wb-main" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}
