import { Button } from "@waybill/ui";
import { type User, useSignOut } from "@waybill/ui/client";
import { Link } from "react-router";
import { useHeaderMenu } from "./use-header-menu";

/**
 * The signed-in person's name as a disclosure button; it opens a small panel with their
 * account and sign out. Escape and a click elsewhere close it.
 */
export function UserMenu({ user }: { user: User }) {
  const { open, toggle, panelId, rootRef, buttonRef } = useHeaderMenu();
  const { signOut, pending } = useSignOut({ redirectTo: "/" });

  return (
    <div className="wb-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="wb-menu__button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account menu for ${user.name}`}
        onClick={toggle}
      >
        <span className="wb-avatar" aria-hidden="true">
          {initials(user.name)}
        </span>
        <span className="wb-menu__label">{user.name}</span>
      </button>
      <div className="wb-menu__panel" id={panelId} hidden={!open}>
        <div className="wb-user wb-menu__user">
          <span className="wb-user__name">{user.name}</span>
          <span className="wb-user__email">{user.email}</span>
        </div>
        <Link className="wb-menu__item" to="/orders">
          Your orders
        </Link>
        <Link className="wb-menu__item" to="/account">
          Your account
        </Link>
        <Button variant="ghost" block pending={pending} onClick={signOut}>
          Sign out
        </Button>
      </div>
    </div>
  );
}

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
  return letters.map((part) => part?.[0]?.toUpperCase() ?? "").join("") || "?";
}
