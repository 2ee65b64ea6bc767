import { fireEvent, screen, waitFor } from "@testing-library/react";
import { apiError, createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";

const ADMIN = {
  id: "u_admin",
  email: "ops@shop.example",
  name: "Olu Ops",
  phone: null,
  role: "admin" as const,
};

const SYSTEM_STATUS = {
  database: "ok",
  users: 3,
  orders: 0,
  uptimeSeconds: 125,
  nodeVersion: "v24.21.0",
};

function fillAndSubmitWithEnter(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  const passwordInput = screen.getByLabelText("Password") as HTMLInputElement;
  fireEvent.change(passwordInput, { target: { value: password } });
  // What a browser does on Enter in a text field of a form with a submit button.
  passwordInput.form?.requestSubmit();
}

describe("admin sign-in page", () => {
  it("signs an admin in on Enter and opens the page they asked for", async () => {
    let signedIn: typeof ADMIN | null = null;
    const api = createFakeApi({
      "auth.me": () => ({ user: signedIn }),
      "auth.onSession": () => ({ user: signedIn }),
      "auth.login": () => {
        signedIn = ADMIN;
        return { user: ADMIN };
      },
      "admin.system.status": () => SYSTEM_STATUS,
    });
    const { router } = renderRoutes(routes, "/", api);

    // Nobody is signed in: the dashboard sends them to sign in and remembers nothing extra.
    await screen.findByRole("heading", { name: "Sign in to Waybill Admin" });
    expect(router.state.location.pathname).toBe("/signin");

    fillAndSubmitWithEnter("ops@shop.example", "correct horse battery");
    await screen.findByRole("heading", { name: "Dashboard" });
    expect(router.state.location.pathname).toBe("/");
    expect(api.reconnects()).toBe(1);
  });

  it("shows field errors inline and the form-level message in the banner", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.login": () => {
        throw apiError("BAD_REQUEST", "Invalid input", {
          formErrors: [],
          fieldErrors: { password: ["Enter your password."] },
        });
      },
    });
    renderRoutes(routes, "/signin", api);

    await screen.findByRole("heading", { name: "Sign in to Waybill Admin" });
    fillAndSubmitWithEnter("ops@shop.example", "");

    const message = await screen.findByText("Enter your password.");
    const password = screen.getByLabelText("Password");
    expect(password.getAttribute("aria-describedby")).toBe(message.id);
    await waitFor(() => expect(document.activeElement).toBe(password));
  });

  it("tells a rate-limited person when to retry, in the server's words", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.login": () => {
        throw apiError(
          "TOO_MANY_REQUESTS",
          "Too many failed sign-in attempts. Try again in 5 min.",
        );
      },
    });
    renderRoutes(routes, "/signin", api);
    await screen.findByRole("heading", { name: "Sign in to Waybill Admin" });
    fillAndSubmitWithEnter("ops@shop.example", "guess guess guess");
    expect((await screen.findByRole("alert")).textContent).toBe(
      "Too many failed sign-in attempts. Try again in 5 min.",
    );
  });

  it("says the server cannot be reached when no tRPC answer comes back", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.login": () => {
        throw new TypeError("Failed to fetch");
      },
    });
    renderRoutes(routes, "/signin", api);
    await screen.findByRole("heading", { name: "Sign in to Waybill Admin" });
    fillAndSubmitWithEnter("ops@shop.example", "correct horse battery");
    expect((await screen.findByRole("alert")).textContent).toContain("Can't reach Waybill");
  });
});
