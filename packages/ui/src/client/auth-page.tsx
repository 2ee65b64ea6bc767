import type { ReactNode } from "react";

export type AuthPageProps = {
  /** The document title, e.g. "Sign in · Waybill". */
  documentTitle: string;
  title: string;
  lead: ReactNode;
  /**
   * Render the page's own `<main id="main">`: for a page outside the app's frame (the admin's
   * sign-in). Inside a frame that already has `<main>` (the storefront's shell), leave it off.
   */
  landmark?: boolean;
  /** Below the card, e.g. the link between sign-in and sign-up. */
  footer?: ReactNode;
  /** The form, usually in a `Card`. */
  children: ReactNode;
};

/** The narrow column that sign-in and sign-up pages share: heading, lead, form, footer. */
export function AuthPage({
  documentTitle,
  title,
  lead,
  landmark = false,
  footer,
  children,
}: AuthPageProps) {
  const content = (
    <>
      <title>{documentTitle}</title>
      <div>
        <h1 className="wb-auth__title">{title}</h1>
        <p className="wb-muted">{lead}</p>
      </div>
      {children}
      {footer && <p className="wb-muted">{footer}</p>}
    </>
  );
  return landmark ? (
    <main id="main" className="wb-main wb-main--narrow wb-auth">
      {content}
    </main>
  ) : (
    <div className="wb-main--narrow wb-auth">{content}</div>
  );
}
