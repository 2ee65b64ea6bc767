import type { ComponentProps } from "react";
import { cx } from "./class-names";

export type InputProps = ComponentProps<"input">;

/** A text input. Invalid styling follows `aria-invalid`, which `Field` sets for you. */
export function Input({ className, type = "text", ...rest }: InputProps) {
  return <input {...rest} type={type} className={cx("wb-input", className)} />;
}
