import type { ComponentProps } from "react";
import { cx } from "./class-names";

export type BadgeTone = "neutral" | "info" | "success" | "warning" | "danger" | "accent";

export type BadgeProps = ComponentProps<"span"> & {
  tone?: BadgeTone;
  /** Prefixes a coloured dot, so the tone is not carried by the text colour alone. */
  dot?: boolean;
};

/** A short pill of text: a count, a state, a tag. */
export function Badge({ tone = "neutral", dot = false, className, children, ...rest }: BadgeProps) {
  return (
    <span
      {...rest}
      className={cx("wb-badge", tone !== "neutral" && `wb-badge--${tone}`, className)}
    >
      {dot && <span className="wb-badge__dot" aria-hidden="true" />}
      {children}
    </span>
  );
}
