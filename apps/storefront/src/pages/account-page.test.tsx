import { fireEvent, screen, within } from "@testing-library/react";
import { apiError, createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";

const ADA = {
  id: "u_1",
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: "+91 98765 43210",
  role: "customer" as const,
};

describe("account page", () => {
  it("sends a visitor without a session to sign in, remembering where they were going", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
    });
    const { router } = renderRoutes(routes, "/account", api);
    await screen.findByRole("heading", { name: "Sign in" });
    expect(router.state.location.pathname).toBe("/signin");
    expect(router.state.location.search).toBe("?next=%2Faccount");
  });

  it("shows the signed-in person's details", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADA }),
      "auth.onSession": () => ({ user: ADA }),
    });
    renderRoutes(routes, "/account", api);
    const profile = await screen.findByRole("region", { name: "Profile" });
    expect(within(profile).getByText("Ada Lovelace")).toBeTruthy();
    expect(within(profile).getByText("+91 98765 43210")).toBeTruthy();
  });

  it("signs out, forgets the user and reconnects the socket", async () => {
    let signedIn: typeof ADA | null = ADA;
    const api = createFakeApi({
      "auth.me": () => ({ user: signedIn }),
      "auth.onSession": () => ({ user: signedIn }),
      "auth.logout": () => {
        signedIn = null;
        return { ok: true };
      },
    });
    const { router } = renderRoutes(routes, "/account", api);
    const profile = await screen.findByRole("region", { name: "Profile" });
    fireEvent.click(within(profile).getByRole("button", { name: "Sign out" }));

    await screen.findByRole("heading", { name: "Track every order live" });
    expect(router.state.location.pathname).toBe("/");
    // The header offers sign-in again once the cached user is gone.
    const banner = screen.getByRole("banner");
    await within(banner).findByRole("link", { name: "Sign in" });
    expect(api.reconnects()).toBe(1);
  });

  it("treats an already-expired session as signed out", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADA }),
      "auth.onSession": () => ({ user: ADA }),
      "auth.logout": () => {
        throw apiError("UNAUTHORIZED", "Please sign in.");
      },
    });
    renderRoutes(routes, "/account", api);
    const profile = await screen.findByRole("region", { name: "Profile" });
    fireEvent.click(within(profile).getByRole("button", { name: "Sign out" }));
    await screen.findByRole("heading", { name: "Track every order live" });
  });
});
