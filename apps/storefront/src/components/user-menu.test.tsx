import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";

const ADA = {
  id: "u_1",
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: null,
  role: "customer" as const,
};

async function openMenu() {
  const banner = await screen.findByRole("banner");
  const button = await within(banner).findByRole("button", { name: /Account menu for Ada/ });
  fireEvent.click(button);
  return { banner, button };
}

describe("user menu", () => {
  it("opens from the header, and Escape closes it and returns focus to its button", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADA }),
      "auth.onSession": () => ({ user: ADA }),
    });
    renderRoutes(routes, "/", api);
    const { button } = await openMenu();

    expect(button.getAttribute("aria-expanded")).toBe("true");
    const panel = document.getElementById(button.getAttribute("aria-controls") ?? "");
    expect(panel?.hidden).toBe(false);
    expect(within(panel as HTMLElement).getByText("ada@example.com")).toBeTruthy();

    fireEvent.keyDown(document, { key: "Escape" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(panel?.hidden).toBe(true);
    expect(document.activeElement).toBe(button);
  });

  it("stays open for a press inside it and closes for a press elsewhere or a followed link", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADA }),
      "auth.onSession": () => ({ user: ADA }),
    });
    renderRoutes(routes, "/", api);
    const { banner, button } = await openMenu();
    const panel = document.getElementById(
      button.getAttribute("aria-controls") ?? "",
    ) as HTMLElement;

    fireEvent.pointerDown(within(panel).getByText("ada@example.com"));
    expect(panel.hidden).toBe(false);
    fireEvent.pointerDown(document.body);
    expect(panel.hidden).toBe(true);

    fireEvent.click(button);
    expect(panel.hidden).toBe(false);
    fireEvent.click(within(banner).getByRole("link", { name: "Your account" }));
    await waitFor(() => expect(panel.hidden).toBe(true));
  });

  it("signs out from the menu", async () => {
    let signedIn: typeof ADA | null = ADA;
    const api = createFakeApi({
      "auth.me": () => ({ user: signedIn }),
      "auth.onSession": () => ({ user: signedIn }),
      "auth.logout": () => {
        signedIn = null;
        return { ok: true };
      },
    });
    renderRoutes(routes, "/", api);
    const { banner } = await openMenu();
    fireEvent.click(within(banner).getByRole("button", { name: "Sign out" }));

    await within(banner).findByRole("link", { name: "Sign in" });
    expect(within(banner).queryByRole("button", { name: /Account menu/ })).toBeNull();
    await waitFor(() => expect(api.calls.some((call) => call.path === "auth.logout")).toBe(true));
  });
});
