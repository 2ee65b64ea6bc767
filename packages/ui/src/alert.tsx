import type { ReactNode } from "react";
import { cx } from "./class-names";

export type AlertProps = {
  tone?: "info" | "success" | "warning" | "danger";
  title?: ReactNode;
  className?: string;
  children?: ReactNode;
};

/**
 * A banner message. Danger and warning alerts use `role="alert"` so a form's error is announced
 * as soon as it appears; the calmer tones use `role="status"`.
 */
export function Alert({ tone = "info", title, className, children }: AlertProps) {
  const urgent = tone === "danger" || tone === "warning";
  return (
    <div
      role={urgent ? "alert" : "status"}
      className={cx("wb-alert", `wb-alert--${tone}`, className)}
    >
      {title && <p className="wb-alert__title">{title}</p>}
      {children && <div>{children}</div>}
    </div>
  );
}
