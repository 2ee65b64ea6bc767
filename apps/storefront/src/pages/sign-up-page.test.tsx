import { fireEvent, screen } from "@testing-library/react";
import { apiError, createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { describe, expect, it } from "vitest";
import { routes } from "../router";

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe("sign-up page", () => {
  it("creates the account without a phone when none is given, then opens the account", async () => {
    const grace = {
      id: "u_2",
      email: "grace@example.com",
      name: "Grace Hopper",
      phone: null,
      role: "customer" as const,
    };
    let signedIn: typeof grace | null = null;
    const api = createFakeApi({
      "auth.me": () => ({ user: signedIn }),
      "auth.onSession": () => ({ user: signedIn }),
      "auth.register": () => {
        signedIn = grace;
        return { user: grace };
      },
    });
    renderRoutes(routes, "/signup", api);

    await screen.findByRole("heading", { name: "Create your account" });
    fill("Name", "Grace Hopper");
    fill("Email", "grace@example.com");
    fill("Password", "a long enough password");
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));

    await screen.findByRole("heading", { name: "Your account" });
    expect(api.calls.find((call) => call.path === "auth.register")?.input).toEqual({
      name: "Grace Hopper",
      email: "grace@example.com",
      password: "a long enough password",
    });
  });

  it("marks each field the server rejected", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
      "auth.register": () => {
        throw apiError("BAD_REQUEST", "Invalid input", {
          formErrors: [],
          fieldErrors: {
            password: ["Use at least 10 characters."],
            phone: ["Enter a valid phone number."],
          },
        });
      },
    });
    renderRoutes(routes, "/signup", api);

    await screen.findByRole("heading", { name: "Create your account" });
    fill("Phone (optional)", "abc");
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));

    await screen.findByText("Use at least 10 characters.");
    expect(screen.getByLabelText("Password").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Phone (optional)").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByLabelText("Name").hasAttribute("aria-invalid")).toBe(false);
    expect(api.calls.find((call) => call.path === "auth.register")?.input).toMatchObject({
      phone: "abc",
    });
  });

  it("says so when the e-mail already has an account", async () => {
    const api = createFakeApi({
      "auth.me": () => ({ user: null }),
      "auth.onSession": () => ({ user: null }),
      "auth.register": () => {
        throw apiError("CONFLICT", "An account with this e-mail already exists. Sign in instead.");
      },
    });
    renderRoutes(routes, "/signup", api);

    await screen.findByRole("heading", { name: "Create your account" });
    fireEvent.click(screen.getByRole("button", { name: "Create account" }));
    expect((await screen.findByRole("alert")).textContent).toContain("already exists");
  });
});
