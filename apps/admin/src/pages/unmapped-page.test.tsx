import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { UnmappedPage } from "./unmapped-page";

const CODE = {
  id: "u_1",
  accountId: "a_1",
  accountName: "Shiprocket main",
  carrier: "shiprocket",
  rawCode: "DRC",
  rawLabel: "Data received",
  firstSeenAt: "2026-11-20T10:00:00.000Z",
  lastSeenAt: "2026-11-21T10:00:00.000Z",
  occurrences: 7,
  exampleShipmentId: "s_1",
  exampleOrderNumber: "WB-2026-000004",
  override: null,
};

function renderPage(items: unknown[]) {
  const api = createFakeApi({
    "admin.unmapped.list": () => ({ items, nextCursor: null }),
    "admin.unmapped.setOverride": () => ({
      override: {},
      reapplied: { events: 7, shipments: 3, changed: 3 },
    }),
    "admin.unmapped.example": () => [],
  });
  renderRoutes([{ path: "/", element: <UnmappedPage /> }], "/", api);
  return api;
}

describe("UnmappedPage", () => {
  it("lists a code with its count and maps it, re-applying by default", async () => {
    const api = renderPage([CODE]);
    expect(await screen.findByText(/seen 7×/)).toBeTruthy();
    const form = screen.getByRole("form", { name: "Map DRC" });
    fireEvent.change(within(form).getByRole("combobox"), { target: { value: "info_received" } });
    fireEvent.click(within(form).getByRole("button", { name: "Save mapping" }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.path === "admin.unmapped.setOverride")?.input).toEqual({
        carrier: "shiprocket",
        rawCode: "DRC",
        status: "info_received",
        reapply: true,
      }),
    );
  });

  it("says so when every code is mapped", async () => {
    renderPage([]);
    expect(await screen.findByText("Every carrier code is mapped")).toBeTruthy();
  });
});
