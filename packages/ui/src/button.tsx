import type { ComponentProps } from "react";
import { cx } from "./class-names";
import { Spinner } from "./spinner";

export type ButtonVariant = "primary" | "secondary" | "ghost" | "danger";
export type ButtonSize = "sm" | "md";

export type ButtonStyleOptions = {
  variant?: ButtonVariant;
  size?: ButtonSize;
  block?: boolean;
};

/**
 * The button class list, for elements that must look like a button but are not one
 * (a router `<Link>` used as a call to action).
 */
export function buttonClass({
  variant = "secondary",
  size = "md",
  block = false,
}: ButtonStyleOptions = {}): string {
  return cx(
    "wb-button",
    variant !== "secondary" && `wb-button--${variant}`,
    size === "sm" && "wb-button--sm",
    block && "wb-button--block",
  );
}

export type ButtonProps = ComponentProps<"button"> &
  ButtonStyleOptions & {
    /** Shows a spinner, sets `aria-busy` and blocks further clicks until the work finishes. */
    pending?: boolean;
  };

/** A button. Defaults to `type="button"` so it never submits a form by accident. */
export function Button({
  variant,
  size,
  block,
  pending = false,
  disabled,
  className,
  children,
  type = "button",
  ...rest
}: ButtonProps) {
  return (
    <button
      {...rest}
      type={type}
      className={cx(buttonClass({ variant, size, block }), className)}
      disabled={disabled || pending}
      aria-busy={pending || undefined}
    >
      {pending && <Spinner size="sm" />}
      {children}
    </button>
  );
}
