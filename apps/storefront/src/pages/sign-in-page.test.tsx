import { fireEvent, screen, waitFor } from "@testing-library/react";
import { apiError, createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";

const ADA = {
  id: "u_1",
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: null,
  role: "customer" as const,
};

function fillAndSubmitWithEnter(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  const passwordInput = screen.getByLabelText("Password");
  fireEvent.change(passwordInput, { target: { value: password } });
  // What a browser does on Enter in a text field of a form with a submit button.
  (passwordInput as HTMLInputElement).form?.requestSubmit();
}

describe("sign-in page", () => {
  it("submits on Enter and takes the person to the page they asked for", async () => {
    let signedIn: typeof ADA | null = null;
    const api = createFakeApi({
      "auth.me": () => ({ user: signedIn }),
      "auth.onSession": () => ({ user: signedIn }),
      "auth.login": () => {
        signedIn = ADA;
        return { user: ADA };
      },
    });
    const { router } = renderRoutes(routes, "/signin?next=%2Faccount", api);

    await screen.findByRole("heading", { name: "Sign in" });
    fillAndSubmitWithEnter("ada@example.com", "correct horse battery");

    await screen.findByRole("heading", { name: "Your account" });
    expect(router.state.location.pathname).toBe("/account");
    expect(api.calls.find((call) => call.path === "auth.login")?.input).toEqual({
      email: "ada@example.com",
      password: "correct horse battery",
    });
    // The socket must reconnect so subscriptions run as the new user.
    expect(api.reconnects()).toBe(1);
  });

  it("shows the server's field errors next to their fields", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
      "auth.login": () => {
        throw apiError("BAD_REQUEST", "Invalid input", {
          formErrors: [],
          fieldErrors: { email: ["Enter a valid e-mail address."] },
        });
      },
    });
    renderRoutes(routes, "/signin", api);

    await screen.findByRole("heading", { name: "Sign in" });
    fillAndSubmitWithEnter("not-an-email", "whatever123");

    const message = await screen.findByText("Enter a valid e-mail address.");
    const email = screen.getByLabelText("Email");
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(email.getAttribute("aria-describedby")?.split(" ")).toContain(message.id);
    expect(screen.getByLabelText("Password").hasAttribute("aria-invalid")).toBe(false);
    expect(screen.getByRole("alert").textContent).toBe("Check the highlighted fields.");
    await waitFor(() => expect(document.activeElement).toBe(email));
  });

  it("shows a wrong password as a banner and stays on the page", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
      "auth.login": () => {
        throw apiError("UNAUTHORIZED", "Invalid email or password.");
      },
    });
    const { router } = renderRoutes(routes, "/signin", api);

    await screen.findByRole("heading", { name: "Sign in" });
    fillAndSubmitWithEnter("ada@example.com", "wrong password");

    const banner = await screen.findByRole("alert");
    expect(banner.textContent).toBe("Invalid email or password.");
    expect(router.state.location.pathname).toBe("/signin");
    expect(api.reconnects()).toBe(0);
  });

  it("keeps the button disabled while the sign-in is in flight", async () => {
    let finish: (value: unknown) => void = () => {};
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
      "auth.login": () =>
        new Promise((resolve) => {
          finish = resolve;
        }),
    });
    renderRoutes(routes, "/signin", api);

    await screen.findByRole("heading", { name: "Sign in" });
    fillAndSubmitWithEnter("ada@example.com", "correct horse battery");

    const button = screen.getByRole("button", { name: "Sign in" }) as HTMLButtonElement;
    await waitFor(() => expect(button.disabled).toBe(true));
    expect(button.getAttribute("aria-busy")).toBe("true");
    finish({ user: ADA });
  });

  it("sends a signed-in visitor straight on", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: ADA }),
      "auth.onSession": () => ({ user: ADA }),
    });
    const { router } = renderRoutes(routes, "/signin", api);
    await screen.findByRole("heading", { name: "Your account" });
    expect(router.state.location.pathname).toBe("/account");
  });
});
