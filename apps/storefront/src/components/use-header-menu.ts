import { useEffect, useId, useRef, useState } from "react";
import { useLocation } from "react-router";

/**
 * Open/closed state of a header disclosure (a button and the panel it controls). It closes on
 * navigation (including through the panel's own links), on a pointer press outside the menu, and on
 * Escape, which also returns focus to the button so a keyboard user is not left on a hidden item.
 */
export function useHeaderMenu() {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();

  useEffect(() => setOpen(false), [location.key]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const toggle = () => setOpen((value) => !value);
  const close = () => setOpen(false);
  return { open, toggle, close, panelId, rootRef, buttonRef };
}
