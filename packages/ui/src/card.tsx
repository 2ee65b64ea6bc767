import { type ReactNode, useId } from "react";
import { cx } from "./class-names";

export type CardProps = {
  title?: ReactNode;
  description?: ReactNode;
  /** Controls shown at the right of the header (a button, a badge). */
  actions?: ReactNode;
  footer?: ReactNode;
  /** Heading level of the title, to keep the page outline right. */
  titleAs?: "h1" | "h2" | "h3";
  className?: string;
  children?: ReactNode;
};

/** A surface that groups related content; titled cards are labelled regions. */
export function Card({
  title,
  description,
  actions,
  footer,
  titleAs: Heading = "h2",
  className,
  children,
}: CardProps) {
  const titleId = useId();
  const hasHeader = Boolean(title || description || actions);
  return (
    <section className={cx("wb-card", className)} aria-labelledby={title ? titleId : undefined}>
      {hasHeader && (
        <div className="wb-card__header">
          <div>
            {title && (
              <Heading className="wb-card__title" id={titleId}>
                {title}
              </Heading>
            )}
            {description && <p className="wb-card__description">{description}</p>}
          </div>
          {actions && <div className="wb-row">{actions}</div>}
        </div>
      )}
      {children !== undefined && <div className="wb-card__body">{children}</div>}
      {footer && <div className="wb-card__footer">{footer}</div>}
    </section>
  );
}
