import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";

const CUSTOMER = {
  id: "u_1",
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: null,
  role: "customer" as const,
};

const NOW = "2026-03-10T10:00:00.000Z";

const STATS = {
  generatedAt: NOW,
  ordersByStatus: {
    pending: 1,
    confirmed: 2,
    processing: 3,
    shipped: 4,
    out_for_delivery: 0,
    delivered: 2,
    cancelled: 0,
    returned: 0,
  },
  shipmentsByCarrier: {
    shiprocket: { total: 3, active: 2, delivered: 1 },
    sequel247: { total: 4, active: 3, delivered: 1 },
    maystro: { total: 0, active: 0, delivered: 0 },
  },
  awaitingTrackingNumber: 3,
  late: 1,
  stuck: 2,
  failedAttempts: 0,
  returns: 0,
  newUnmappedStatuses: 2,
  deliveryTimes: [
    { carrier: "shiprocket", delivered: 1, averageHours: 50, p90Hours: 50 },
    { carrier: "sequel247", delivered: 1, averageHours: 30, p90Hours: 30 },
    { carrier: "maystro", delivered: 0, averageHours: null, p90Hours: null },
  ],
};

const ADMIN = {
  ...CUSTOMER,
  id: "u_admin",
  email: "ops@shop.example",
  name: "Olu Ops",
  role: "admin" as const,
};

describe("admin area guard", () => {
  it("sends nobody to sign in with the page to come back to", async () => {
    const api = createFakeApi({ "auth.me": () => ({ user: null }) });
    const { router } = renderRoutes(routes, "/reports?range=7d", api);
    await screen.findByRole("heading", { name: "Sign in to Waybill Admin" });
    expect(router.state.location.search).toBe("?next=%2Freports%3Frange%3D7d");
  });

  it("tells a customer this area is for shop admins and lets them sign out", async () => {
    let signedIn: typeof CUSTOMER | null = CUSTOMER;
    const api = createFakeApi({
      "auth.me": () => ({ user: signedIn }),
      "auth.logout": () => {
        signedIn = null;
        return { ok: true };
      },
    });
    const { router } = renderRoutes(routes, "/", api);

    await screen.findByRole("heading", { name: "This area is for shop admins" });
    expect(screen.getByText(/ada@example\.com/)).toBeTruthy();
    // No admin procedure is even attempted for a customer.
    expect(api.calls.some((call) => call.path.startsWith("admin."))).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Sign out" }));
    await screen.findByRole("heading", { name: "Sign in to Waybill Admin" });
    expect(router.state.location.pathname).toBe("/signin");
    expect(router.state.location.search).toBe("");
  });

  it("gives an admin the live dashboard: counts, what needs attention, and the latest events", async () => {
    let commitChange = () => {};
    const changeCommitted = new Promise<void>((resolve) => {
      commitChange = resolve;
    });
    const api = createFakeApi({
      "auth.me": () => ({ user: ADMIN }),
      "auth.onSession": () => ({ user: ADMIN }),
      "admin.system.status": () => ({
        database: "ok",
        users: 1204,
        orders: 12,
        uptimeSeconds: 3900,
        nodeVersion: "v24.21.0",
      }),
      "admin.stats.overview": () => STATS,
      // The tick comes when the test commits a change, after the page has its first figures.
      "admin.stats.onChange": async () => {
        await changeCommitted;
        return { id: "340", data: { eventId: 340, at: NOW } };
      },
      "admin.onEvents": () => ({
        id: "338",
        data: {
          type: "shipment.updated",
          orderId: "o_7",
          orderNumber: "WB-2026-000007",
          status: "out_for_delivery",
          orderStatus: "out_for_delivery",
          source: "webhook",
          at: NOW,
        },
      }),
    });
    renderRoutes(routes, "/", api);

    await screen.findByRole("heading", { name: "Dashboard", level: 1 });
    const attention = await screen.findByRole("region", { name: "Needs attention" });
    expect(screen.getByText("2 new carrier status codes in the last 7 days")).toBeTruthy();
    expect(within(attention).getByText("Awaiting a tracking number").nextSibling?.textContent).toBe(
      "3",
    );
    expect(within(attention).getByText("Stuck").nextSibling?.textContent).toBe("2");

    const byStatus = screen.getByRole("list", { name: "Orders by status" });
    const shipped = within(byStatus).getByRole("link", { name: "Shipped" });
    expect(shipped.getAttribute("href")).toBe("/orders?status=shipped");
    expect(shipped.parentElement?.textContent).toContain("4");
    commitChange();

    // The first tick names the newest event: the feed replays from a little before it.
    const feed = await screen.findByText("Out for delivery · Webhook");
    expect(feed.closest("li")?.textContent).toContain("WB-2026-000007");
    const feedCalls = api.calls.filter((call) => call.path === "admin.onEvents" && call.input);
    expect(feedCalls.map((call) => call.input)).toEqual([{ lastEventId: 140 }]);
    // Each tick refetches the overview.
    await waitFor(() =>
      expect(api.calls.filter((call) => call.path === "admin.stats.overview").length).toBe(2),
    );

    const system = screen.getByRole("region", { name: "System" });
    await within(system).findByText("Reachable");
    // People who can sign in, not carrier accounts (those have their own page).
    expect(within(system).getByText("User accounts").nextSibling?.textContent).toBe(
      (1204).toLocaleString(),
    );
    expect(within(system).getByText("1 h 5 min")).toBeTruthy();
  });

  it("links every admin section from the sidebar", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADMIN }),
      "auth.onSession": () => ({ user: ADMIN }),
      "admin.system.status": () => ({
        database: "ok",
        users: 1,
        orders: 0,
        uptimeSeconds: 1,
        nodeVersion: "v24.21.0",
      }),
      "admin.stats.overview": () => STATS,
    });
    renderRoutes(routes, "/", api);
    const nav = await screen.findByRole("navigation", { name: "Admin" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => [link.textContent, link.getAttribute("href")])).toEqual([
      ["Dashboard", "/"],
      ["Orders", "/orders"],
      ["Carrier accounts", "/carriers"],
      ["Sync runs", "/sync"],
      ["Webhook inbox", "/webhooks"],
      ["Mail outbox", "/outbox"],
      ["Unmapped statuses", "/unmapped"],
    ]);
    expect(links[0]?.getAttribute("aria-current")).toBe("page");
  });
});
