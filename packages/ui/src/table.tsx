import type { ReactNode } from "react";
import { cx } from "./class-names";

/** One column: how to render its header and each row's cell. */
export type TableColumn<Row> = {
  id: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** `end` right-aligns with tabular figures, for amounts and counts. */
  align?: "start" | "end";
};

export type TableProps<Row> = {
  columns: readonly TableColumn<Row>[];
  rows: readonly Row[];
  getRowKey: (row: Row) => string;
  /** Names the table for assistive tech; visible unless `captionHidden`. */
  caption: ReactNode;
  captionHidden?: boolean;
  /** Shown in a single full-width row when there are no rows. */
  empty?: ReactNode;
  /** Marks the table as refreshing (dims the body, sets `aria-busy`). */
  busy?: boolean;
  className?: string;
};

/** A semantic data table that scrolls sideways on narrow screens instead of squeezing. */
export function Table<Row>({
  columns,
  rows,
  getRowKey,
  caption,
  captionHidden = false,
  empty = "Nothing to show.",
  busy = false,
  className,
}: TableProps<Row>) {
  return (
    <div className={cx("wb-table-wrap", className)}>
      <table className="wb-table" aria-busy={busy || undefined}>
        <caption className={captionHidden ? "wb-sr-only" : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th
                key={column.id}
                scope="col"
                className={column.align === "end" ? "wb-table__cell--end" : undefined}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr className="wb-table__empty">
              <td colSpan={columns.length}>{empty}</td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={getRowKey(row)}>
                {columns.map((column) => (
                  <td
                    key={column.id}
                    className={column.align === "end" ? "wb-table__cell--end" : undefined}
                  >
                    {column.cell(row)}
                  </td>
                ))}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
