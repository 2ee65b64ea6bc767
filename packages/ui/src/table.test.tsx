import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { Table, type TableColumn } from "./table";

type Row = { id: string; number: string; total: string };

const columns: TableColumn<Row>[] = [
  { id: "number", header: "Order", cell: (row) => row.number },
  { id: "total", header: "Total", cell: (row) => row.total, align: "end" },
];

describe("Table", () => {
  it("renders a header cell per column and a row per item", () => {
    render(
      <Table
        caption="Orders"
        columns={columns}
        rows={[
          { id: "a", number: "WB-1", total: "₹100" },
          { id: "b", number: "WB-2", total: "₹250" },
        ]}
        getRowKey={(row) => row.id}
      />,
    );
    const table = screen.getByRole("table", { name: "Orders" });
    expect(
      within(table)
        .getAllByRole("columnheader")
        .map((th) => th.textContent),
    ).toEqual(["Order", "Total"]);
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((row) => row.textContent)).toEqual(["WB-1₹100", "WB-2₹250"]);
  });

  it("shows the empty message across all columns when there are no rows", () => {
    render(
      <Table
        caption="Orders"
        columns={columns}
        rows={[]}
        getRowKey={(row) => row.id}
        empty="No orders yet."
      />,
    );
    const cell = screen.getByText("No orders yet.");
    expect(cell.getAttribute("colspan")).toBe("2");
  });
});
