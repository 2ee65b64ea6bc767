import { buttonClass, ConnectionIndicator } from "@waybill/ui";
import { useConnectionState, useSession, useSessionWatch } from "@waybill/ui/client";
import { Link, NavLink, Outlet } from "react-router";
import { useCart } from "../lib/cart";
import { LiveOrderUpdates } from "../live/live-order-updates";
import { Brand } from "./brand";
import { NotificationMenu } from "./notification-menu";
import { UserMenu } from "./user-menu";

/** The storefront frame: brand, navigation, live status, notifications and the user menu. */
export function Shell() {
  const session = useSession();
  const connection = useConnectionState();
  const cart = useCart();
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
            <NavLink to="/shop" className="wb-nav__link">
              Shop
            </NavLink>
            {user && (
              <NavLink to="/orders" className="wb-nav__link">
                My orders
              </NavLink>
            )}
            <NavLink to="/track" className="wb-nav__link">
              Track a parcel
            </NavLink>
            <NavLink
              to="/checkout"
              className="wb-nav__link"
              aria-label={cart.count > 0 ? `Cart, ${cart.count} items` : "Cart"}
            >
              Cart
              {cart.count > 0 && (
                <span className="sf-nav-count" aria-hidden="true">
                  {cart.count}
                </span>
              )}
            </NavLink>
          </nav>
          <div className="wb-header__end">
            <ConnectionIndicator state={connection} />
            {user && <NotificationMenu />}
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
        <LiveOrderUpdates enabled={user !== null}>
          <Outlet />
        </LiveOrderUpdates>
      </main>
    </>
  );
}
