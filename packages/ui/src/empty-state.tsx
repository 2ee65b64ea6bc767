import type { ReactNode } from "react";
import { cx } from "./class-names";

export type EmptyStateProps = {
  title: ReactNode;
  description?: ReactNode;
  /** A decorative glyph or svg; hidden from assistive tech. */
  icon?: ReactNode;
  /** What the person can do next (a button or link). */
  action?: ReactNode;
  /** Heading level of the title, to keep the page outline right. */
  titleAs?: "h1" | "h2" | "h3";
  className?: string;
};

/** The honest "nothing here yet" message for a list or page with no content. */
export function EmptyState({
  title,
  description,
  icon,
  action,
  titleAs: Heading = "h2",
  className,
}: EmptyStateProps) {
  return (
    <div className={cx("wb-empty", className)}>
      {icon && (
        <div className="wb-empty__icon" aria-hidden="true">
          {icon}
        </div>
      )}
      <Heading className="wb-empty__title">{title}</Heading>
      {description && <p className="wb-empty__description">{description}</p>}
      {action && <div className="wb-empty__action">{action}</div>}
    </div>
  );
}
