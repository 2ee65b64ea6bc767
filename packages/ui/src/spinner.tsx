import { cx } from "./class-names";

export type SpinnerProps = {
  size?: "sm" | "md" | "lg";
  /** Announced to screen readers. Omit when the spinner sits inside a control that already says it is busy. */
  label?: string;
  className?: string;
};

/** A small rotating ring that inherits the current text colour. */
export function Spinner({ size = "md", label, className }: SpinnerProps) {
  const classes = cx("wb-spinner", size !== "md" && `wb-spinner--${size}`, className);
  if (!label) return <span className={classes} aria-hidden="true" />;
  return (
    <span role="status">
      <span className={classes} aria-hidden="true" />
      <span className="wb-sr-only">{label}</span>
    </span>
  );
}
