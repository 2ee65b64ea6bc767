import type { ReactNode } from "react";

export type PageHeaderProps = {
  title: string;
  /** Ends the document title: "{title} · Waybill Admin" unless given. */
  documentTitle?: string;
  subtitle?: ReactNode;
  actions?: ReactNode;
  /** A link back up (e.g. to the orders list from an order). */
  back?: ReactNode;
};

/** A page's h1, its document title, a line under it and its main actions. */
export function PageHeader({ title, documentTitle, subtitle, actions, back }: PageHeaderProps) {
  return (
    <>
      <title>{`${documentTitle ?? title} · Waybill Admin`}</title>
      {back && <div className="adm-back">{back}</div>}
      <div className="wb-page-header">
        <div>
          <h1 className="wb-page-title">{title}</h1>
          {subtitle && <p className="wb-page-subtitle">{subtitle}</p>}
        </div>
        {actions && <div className="wb-row">{actions}</div>}
      </div>
    </>
  );
}
