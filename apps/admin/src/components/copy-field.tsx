import { Button, CopyButton } from "@waybill/ui";
import { useState } from "react";

export type CopyFieldProps = {
  label: string;
  value: string;
  /** Show dots until asked: for secrets that should not sit on screen. */
  secret?: boolean;
  /** What a hidden secret shows instead of only dots (e.g. a URL with its token masked). */
  masked?: string;
};

/**
 * A value an admin pastes into a carrier's panel: shown read-only in a monospace box with the
 * shared copy button (and, for secrets, a reveal toggle). Copying works without revealing.
 */
export function CopyField({ label, value, secret = false, masked }: CopyFieldProps) {
  const [revealed, setRevealed] = useState(!secret);
  return (
    <div className="adm-copy">
      <span className="adm-copy__label">{label}</span>
      <div className="adm-copy__row">
        <code className="adm-copy__value">
          {revealed ? value : (masked ?? "•".repeat(Math.min(32, value.length)))}
        </code>
        {secret && (
          <Button
            size="sm"
            variant="ghost"
            aria-pressed={revealed}
            onClick={() => setRevealed((r) => !r)}
          >
            {revealed ? "Hide" : "Reveal"}
          </Button>
        )}
        <CopyButton value={value} label={`Copy the ${label.toLowerCase()}`} />
      </div>
    </div>
  );
}
