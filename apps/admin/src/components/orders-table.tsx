import { StatusBadge, Table, type TableColumn } from "@waybill/ui";
import { type ReactNode, useEffect, useRef } from "react";
import { Link } from "react-router";
import type { AdminOrderRow } from "../lib/api-types";
import { CARRIER_LABEL } from "../lib/labels";
import { DateTime, Money } from "./formatted";
import { RelativeTime } from "./relative-time";

export type OrdersTableProps = {
  rows: readonly AdminOrderRow[];
  selected: ReadonlySet<string>;
  onToggle: (row: AdminOrderRow) => void;
  onTogglePage: (select: boolean) => void;
  busy: boolean;
  empty: ReactNode;
  /** Orders changed live since this page loaded; their rows are marked until the next load. */
  recentlyChanged: ReadonlySet<string>;
};

function PageCheckbox({
  state,
  onChange,
}: {
  state: "none" | "some" | "all";
  onChange: (select: boolean) => void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = state === "some";
  }, [state]);
  return (
    <input
      ref={ref}
      type="checkbox"
      aria-label="Select every order on this page"
      checked={state === "all"}
      onChange={(event) => onChange(event.target.checked)}
    />
  );
}

/** The orders of one page, with a checkbox per row for bulk changes. */
export function OrdersTable({
  rows,
  selected,
  onToggle,
  onTogglePage,
  busy,
  empty,
  recentlyChanged,
}: OrdersTableProps) {
  const onPage = rows.filter((row) => selected.has(row.id)).length;
  const pageState = onPage === 0 ? "none" : onPage === rows.length ? "all" : "some";

  const columns: TableColumn<AdminOrderRow>[] = [
    {
      id: "select",
      header: <PageCheckbox state={rows.length ? pageState : "none"} onChange={onTogglePage} />,
      cell: (row) => (
        <input
          type="checkbox"
          aria-label={`Select order ${row.number}`}
          checked={selected.has(row.id)}
          onChange={() => onToggle(row)}
        />
      ),
    },
    {
      id: "number",
      header: "Order",
      cell: (row) => (
        <span className="adm-cell-stack">
          <Link to={`/orders/${row.id}`} className="adm-strong-link adm-nowrap">
            {row.number}
          </Link>
          {recentlyChanged.has(row.id) && <span className="adm-updated">Updated</span>}
        </span>
      ),
    },
    {
      id: "placed",
      header: "Placed",
      cell: (row) => <DateTime value={row.createdAt} />,
    },
    {
      id: "customer",
      header: "Customer",
      cell: (row) => (
        <span className="adm-cell-stack">
          <span>{row.customerName}</span>
          <span className="wb-muted adm-small">{row.contactEmail}</span>
        </span>
      ),
    },
    {
      id: "status",
      header: "Status",
      cell: (row) => <StatusBadge kind="order" status={row.status} />,
    },
    {
      id: "shipment",
      header: "Shipment",
      cell: (row) =>
        row.shipment ? (
          <span className="adm-cell-stack">
            <span title={CARRIER_LABEL[row.shipment.carrier]}>{row.shipment.accountName}</span>
            <span className="adm-small">
              {row.shipment.trackingNumber ? (
                <span className="wb-mono">{row.shipment.trackingNumber}</span>
              ) : (
                <span className="wb-muted">No tracking number yet</span>
              )}
            </span>
          </span>
        ) : (
          <span className="wb-muted">Not shipped</span>
        ),
    },
    {
      id: "scan",
      header: "Carrier status",
      cell: (row) =>
        row.shipment ? (
          <span className="adm-cell-stack">
            <StatusBadge kind="shipment" status={row.shipment.status} />
            <span className="wb-muted adm-small">
              <RelativeTime value={row.shipment.lastEventAt} fallback="no scan yet" />
            </span>
          </span>
        ) : (
          <span className="wb-muted">—</span>
        ),
    },
    {
      id: "total",
      header: "Total",
      align: "end",
      cell: (row) => <Money cents={row.totalCents} currency={row.currency} />,
    },
  ];

  return (
    <Table
      columns={columns}
      rows={rows}
      getRowKey={(row) => row.id}
      caption="Orders"
      captionHidden
      busy={busy}
      empty={empty}
      className="adm-orders-table"
    />
  );
}
