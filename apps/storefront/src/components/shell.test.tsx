import { screen } from "@testing-library/react";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it, vi } from "vitest";
import { routes } from "../router";

describe("storefront shell", () => {
  it("shows the live connection state in the header", async () => {
    const api = createFakeApi(
      { "auth.me": () => ({ user: null }), "auth.onSession": () => ({ user: null }) },
      "reconnecting",
    );
    renderRoutes(routes, "/", api);
    const banner = await screen.findByRole("banner");
    expect(banner.querySelector("[data-state]")?.getAttribute("data-state")).toBe("reconnecting");
  });

  it("subscribes to the session over the socket", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
    });
    renderRoutes(routes, "/", api);
    await screen.findByRole("link", { name: "Create account" });
    expect(api.calls.some((call) => call.path === "auth.onSession")).toBe(true);
  });

  it("re-reads the session when the socket reports a different user", async () => {
    let meCalls = 0;
    const api = createFakeApi({
      "auth.me": () => {
        meCalls += 1;
        return { user: null };
      },
      // Signed in elsewhere: the socket's identity disagrees with what HTTP said.
      "auth.onSession": () => ({
        user: { id: "u_9", email: "x@example.com", name: "X", phone: null, role: "customer" },
      }),
    });
    renderRoutes(routes, "/", api);
    await screen.findByRole("link", { name: "Create account" });
    await vi.waitFor(() => expect(meCalls).toBeGreaterThanOrEqual(2));
  });

  it("shows a not-found page for unknown paths", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
    });
    renderRoutes(routes, "/no-such-page", api);
    await screen.findByRole("heading", { name: "Page not found" });
  });
});
