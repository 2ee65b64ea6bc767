import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import type { AdminOrderRow } from "../lib/api-types";
import { routes } from "../router";

const ADMIN = {
  id: "u_admin",
  email: "ops@shop.example",
  name: "Olu Ops",
  phone: null,
  role: "admin" as const,
};

function row(n: number, overrides: Partial<AdminOrderRow> = {}): AdminOrderRow {
  return {
    id: `o_${n}`,
    number: `WB-2026-${String(n).padStart(6, "0")}`,
    status: "confirmed",
    totalCents: 129_900,
    currency: "INR",
    customerName: `Customer ${n}`,
    contactEmail: `c${n}@example.test`,
    createdAt: "2026-03-10T10:00:00.000Z",
    updatedAt: "2026-03-10T10:00:00.000Z",
    shipment: null,
    ...overrides,
  };
}

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

function listCalls(api: ReturnType<typeof createFakeApi>) {
  return api.calls.filter((call) => call.path === "admin.orders.list").map((call) => call.input);
}

describe("orders page", () => {
  it("sends the URL's filters to the server and pages by cursor", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADMIN }),
      "auth.onSession": () => ({ user: ADMIN }),
      "admin.carriers.list": () => [],
      "admin.orders.list": (input) => {
        const { cursor } = input as { cursor: string | null };
        return cursor
          ? { items: [row(3)], nextCursor: null, total: 3 }
          : { items: [row(1), row(2)], nextCursor: "after-2", total: 3 };
      },
    });
    renderRoutes(
      routes,
      "/orders?status=confirmed,shipped&carrier=maystro&q=asha@example.test&size=25",
      api,
    );

    await screen.findByRole("link", { name: "WB-2026-000001" });
    expect(listCalls(api)[0]).toEqual({
      status: ["confirmed", "shipped"],
      carrier: "maystro",
      search: "asha@example.test",
      sort: "newest",
      limit: 25,
      cursor: null,
    });
    expect(screen.getByText("1–2 of 3")).toBeTruthy();
    const csv = screen.getByRole("link", { name: "Export CSV" });
    expect(csv.getAttribute("href")).toBe(
      "/exports/orders.csv?status=confirmed%2Cshipped&carrier=maystro&search=asha%40example.test",
    );

    fireEvent.click(screen.getByRole("button", { name: "Next →" }));
    await screen.findByRole("link", { name: "WB-2026-000003" });
    expect(listCalls(api).at(-1)).toMatchObject({ cursor: "after-2", limit: 25 });
    expect(screen.getByText("26–26 of 3")).toBeTruthy();
  });

  it("refetches when an order on screen changes live and marks its row", async () => {
    const liveEvent = gate();
    let status: AdminOrderRow["status"] = "confirmed";
    const api = createFakeApi({
      "auth.me": () => ({ user: ADMIN }),
      "auth.onSession": () => ({ user: ADMIN }),
      "admin.carriers.list": () => [],
      "admin.orders.list": () => ({ items: [row(1, { status })], nextCursor: null, total: 1 }),
      "admin.onEvents": async () => {
        await liveEvent.opened;
        status = "shipped";
        return {
          id: "41",
          data: { type: "shipment.updated", orderId: "o_1", orderStatus: "shipped", at: "x" },
        };
      },
    });
    renderRoutes(routes, "/orders", api);
    const link = await screen.findByRole("link", { name: "WB-2026-000001" });
    const line = link.closest("tr") as HTMLElement;
    expect(within(line).getByText("Confirmed")).toBeTruthy();

    liveEvent.open();
    await waitFor(() => expect(within(line).getByText("Shipped")).toBeTruthy(), { timeout: 3000 });
    expect(within(line).getByText("Updated")).toBeTruthy();
    expect(listCalls(api)).toHaveLength(2);
  });

  it("changes the status of the selected orders and clears the selection", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADMIN }),
      "auth.onSession": () => ({ user: ADMIN }),
      "admin.carriers.list": () => [],
      "admin.orders.list": () => ({ items: [row(1), row(2), row(3)], nextCursor: null, total: 3 }),
      "admin.orders.bulkUpdateStatus": (input) => {
        const { orderIds } = input as { orderIds: string[] };
        return {
          updated: orderIds.length,
          unchanged: 0,
          notFound: 0,
          results: orderIds.map((orderId) => ({
            orderId,
            outcome: "updated",
            status: "cancelled",
          })),
        };
      },
    });
    renderRoutes(routes, "/orders", api);
    await screen.findByRole("link", { name: "WB-2026-000001" });

    fireEvent.click(screen.getByRole("checkbox", { name: "Select every order on this page" }));
    fireEvent.click(screen.getByRole("checkbox", { name: "Select order WB-2026-000002" }));
    const selection = screen.getByRole("region", { name: "Selection" });
    expect(selection.textContent).toContain("2 selected");
    const page = screen.getByRole("checkbox", {
      name: "Select every order on this page",
    }) as HTMLInputElement;
    expect(page.indeterminate).toBe(true);

    fireEvent.click(within(selection).getByRole("button", { name: "Change status…" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.change(within(dialog).getByLabelText("New status"), {
      target: { value: "cancelled" },
    });
    fireEvent.click(within(dialog).getByRole("button", { name: "Set 2 orders to Cancelled" }));
    const result = await within(dialog).findByRole("list", { name: "Result" });
    expect(result.textContent).toContain("2 changed to Cancelled");
    const call = api.calls.find((c) => c.path === "admin.orders.bulkUpdateStatus");
    expect(call?.input).toEqual({ orderIds: ["o_1", "o_3"], status: "cancelled", note: "" });

    fireEvent.click(within(dialog).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("region", { name: "Selection" })).toBeNull());
    expect(listCalls(api).length).toBeGreaterThanOrEqual(2);
  });
});
