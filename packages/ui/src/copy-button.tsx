import { useEffect, useState } from "react";
import { cx } from "./class-names";

export type CopyButtonProps = {
  value: string;
  /** What is copied, for the accessible name: "Copy tracking number". */
  label: string;
  className?: string;
};

type CopyState = "idle" | "copied" | "failed";

async function copyText(value: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(value);
      return true;
    }
  } catch {
    // Permission refused or an insecure origin: the selection fallback below may still work.
  }
  const field = document.createElement("textarea");
  field.value = value;
  field.setAttribute("readonly", "");
  field.style.position = "fixed";
  field.style.opacity = "0";
  document.body.append(field);
  field.select();
  try {
    return document.execCommand("copy");
  } catch {
    return false;
  } finally {
    field.remove();
  }
}

/** A small button that copies `value` and says so for two seconds, out loud too. */
export function CopyButton({ value, label, className }: CopyButtonProps) {
  const [state, setState] = useState<CopyState>("idle");

  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2_000);
    return () => clearTimeout(timer);
  }, [state]);

  return (
    <>
      <button
        type="button"
        className={cx("wb-copy", state === "copied" && "wb-copy--done", className)}
        aria-label={label}
        onClick={async () => setState((await copyText(value)) ? "copied" : "failed")}
      >
        <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
          {state === "copied" ? (
            <path d="M3 8.5l3 3 7-7" fill="none" stroke="currentColor" strokeWidth="1.8" />
          ) : (
            <path
              d="M5.5 5.5V3.25c0-.41.34-.75.75-.75h6.5c.41 0 .75.34.75.75v6.5c0 .41-.34.75-.75.75H10.5M3.25 5.5h6.5c.41 0 .75.34.75.75v6.5c0 .41-.34.75-.75.75h-6.5a.75.75 0 0 1-.75-.75v-6.5c0-.41.34-.75.75-.75z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.3"
            />
          )}
        </svg>
        <span aria-hidden="true">
          {state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : "Copy"}
        </span>
      </button>
      <span className="wb-sr-only" aria-live="polite">
        {state === "copied"
          ? "Copied to the clipboard"
          : state === "failed"
            ? "Could not copy"
            : ""}
      </span>
    </>
  );
}
