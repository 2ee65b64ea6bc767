import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { apiError, createFakeApi, type FakeHandler, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it, vi } from "vitest";
import { BulkStatusDialog } from "./bulk-status-dialog";

const ORDERS = [
  { id: "o_1", number: "WB-2026-000001" },
  { id: "o_2", number: "WB-2026-000002" },
  { id: "o_3", number: "WB-2026-000003" },
];

function renderDialog(handler: FakeHandler, orders = ORDERS) {
  const onClose = vi.fn();
  const onChanged = vi.fn();
  const api = createFakeApi({ "admin.orders.bulkUpdateStatus": handler });
  renderRoutes(
    [
      {
        path: "/",
        element: <BulkStatusDialog open orders={orders} onClose={onClose} onChanged={onChanged} />,
      },
    ],
    "/",
    api,
  );
  const bulkCalls = () => api.calls.filter((c) => c.path === "admin.orders.bulkUpdateStatus");
  return { onClose, onChanged, bulkCalls };
}

function dialog() {
  return screen.getByRole("dialog");
}

describe("BulkStatusDialog", () => {
  it("names the orders and asks for a status before sending anything", () => {
    const { bulkCalls } = renderDialog(() => ({}));
    expect(
      within(dialog()).getByRole("heading", { name: "Change the status of 3 orders" }),
    ).toBeTruthy();
    expect(
      within(dialog()).getByText("WB-2026-000001, WB-2026-000002, WB-2026-000003"),
    ).toBeTruthy();

    fireEvent.click(within(dialog()).getByRole("button", { name: "Change 3 orders" }));
    expect(within(dialog()).getByText("Choose the new status.")).toBeTruthy();
    expect(bulkCalls()).toHaveLength(0);
  });

  it("sends the ids, status and note, then shows what happened to each", async () => {
    const { bulkCalls, onChanged, onClose } = renderDialog((input) => {
      const { orderIds } = input as { orderIds: string[] };
      return {
        updated: 1,
        unchanged: 1,
        notFound: 1,
        results: [
          { orderId: orderIds[0], outcome: "updated", status: "delivered" },
          { orderId: orderIds[1], outcome: "unchanged", status: "delivered" },
          { orderId: orderIds[2], outcome: "not_found", status: null },
        ],
      };
    });
    fireEvent.change(within(dialog()).getByLabelText("New status"), {
      target: { value: "delivered" },
    });
    fireEvent.change(within(dialog()).getByLabelText(/Note to the customers/), {
      target: { value: "  Handed over at the counter  " },
    });
    fireEvent.click(within(dialog()).getByRole("button", { name: "Set 3 orders to Delivered" }));

    await within(dialog()).findByRole("heading", { name: "Status changed" });
    expect(bulkCalls()).toEqual([
      {
        path: "admin.orders.bulkUpdateStatus",
        input: {
          orderIds: ["o_1", "o_2", "o_3"],
          status: "delivered",
          note: "Handed over at the counter",
        },
      },
    ]);
    const result = within(dialog()).getByRole("list", { name: "Result" });
    expect(result.textContent).toContain("1 changed to Delivered");
    expect(result.textContent).toContain("1 already had that status");
    expect(result.textContent).toContain("1 not found");
    expect(within(dialog()).getByText(/WB-2026-000003/)).toBeTruthy();
    expect(onChanged).toHaveBeenCalledTimes(1);

    fireEvent.click(within(dialog()).getByRole("button", { name: "Done" }));
    expect(onClose).toHaveBeenCalledWith({ changed: true });
  });

  it("keeps the choices and says why when the server refuses", async () => {
    const { onChanged } = renderDialog(() => {
      throw apiError("BAD_REQUEST", "Invalid input", {
        formErrors: [],
        fieldErrors: { note: ["Too long."] },
      });
    });
    fireEvent.change(within(dialog()).getByLabelText("New status"), {
      target: { value: "cancelled" },
    });
    fireEvent.click(within(dialog()).getByRole("button", { name: "Set 3 orders to Cancelled" }));
    expect(await within(dialog()).findByText("Too long.")).toBeTruthy();
    expect((within(dialog()).getByLabelText("New status") as HTMLSelectElement).value).toBe(
      "cancelled",
    );
    expect(onChanged).not.toHaveBeenCalled();
  });

  it("refuses more orders than the api takes at once", () => {
    const many = Array.from({ length: 501 }, (_, i) => ({ id: `o_${i}`, number: `WB-2026-${i}` }));
    const { bulkCalls } = renderDialog(() => ({}), many);
    expect(
      within(dialog()).getByText(/At most 500 orders can be changed at once; 501 are selected/),
    ).toBeTruthy();
    fireEvent.change(within(dialog()).getByLabelText("New status"), {
      target: { value: "shipped" },
    });
    const button = within(dialog()).getByRole("button", { name: "Set 501 orders to Shipped" });
    expect(button.hasAttribute("disabled")).toBe(true);
    expect(bulkCalls()).toHaveLength(0);
  });

  it("reports that nothing changed when it is cancelled", async () => {
    const { onClose } = renderDialog(() => ({}));
    fireEvent.click(within(dialog()).getByRole("button", { name: "Cancel" }));
    await waitFor(() => expect(onClose).toHaveBeenCalledWith({ changed: false }));
  });
});
