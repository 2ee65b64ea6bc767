import { fireEvent, screen, within } from "@testing-library/react";
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

  it("gives an admin the dashboard with live system figures", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADMIN }),
      "auth.onSession": () => ({ user: ADMIN }),
      "admin.system.status": () => ({
        database: "ok",
        users: 1204,
        orders: 0,
        uptimeSeconds: 3900,
        nodeVersion: "v24.21.0",
      }),
    });
    renderRoutes(routes, "/", api);

    await screen.findByRole("heading", { name: "Dashboard" });
    const system = screen.getByRole("region", { name: "System" });
    await within(system).findByText("Reachable");
    expect(within(system).getByText((1204).toLocaleString())).toBeTruthy();
    expect(within(system).getByText("1 h 5 min")).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Nothing here yet" })).toBeTruthy();
  });

  it("lists pages that do not exist yet without linking to them", async () => {
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
    });
    renderRoutes(routes, "/", api);
    const nav = await screen.findByRole("navigation", { name: "Admin" });
    const links = within(nav).getAllByRole("link");
    expect(links.map((link) => link.textContent)).toEqual(["Dashboard"]);
    expect(links[0]?.getAttribute("aria-current")).toBe("page");
    const orders = within(nav).getByText("Orders");
    expect(orders.getAttribute("aria-disabled")).toBe("true");
    expect(orders.getAttribute("title")).toBe("Coming soon");
  });
});
