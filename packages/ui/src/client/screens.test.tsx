import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { apiError, createFakeApi, renderRoutes } from "../testing";
import { AuthPage } from "./auth-page";
import { NotFoundPage } from "./not-found-page";
import { RequireSession } from "./require-session";
import { RouteErrorPage } from "./route-error-page";

const anonymous = () => createFakeApi({ "auth.me": () => ({ user: null }) });

describe("shared screens", () => {
  it("NotFoundPage names the app in the title and links home with the app's words", async () => {
    renderRoutes(
      [
        {
          path: "*",
          element: <NotFoundPage appName="Shop" description="Gone." backLabel="Back home" />,
        },
      ],
      "/nowhere",
      anonymous(),
    );
    await screen.findByRole("heading", { name: "Page not found", level: 1 });
    expect(document.title).toBe("Page not found · Shop");
    expect(screen.getByText("Gone.")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back home" }).getAttribute("href")).toBe("/");
  });

  it("RouteErrorPage reloads the app's own entry URL with a full page load", async () => {
    function Broken(): never {
      throw new Error("boom");
    }
    // React and the router report the thrown error; that is the point of this test.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    renderRoutes(
      [
        {
          path: "/",
          element: <Broken />,
          errorElement: (
            <RouteErrorPage appName="Admin" reloadHref="/admin/" reloadLabel="Reload the admin" />
          ),
        },
      ],
      "/",
      anonymous(),
    );
    await screen.findByRole("heading", { name: "Something went wrong" });
    expect(document.title).toBe("Something went wrong · Admin");
    expect(screen.getByRole("alert").textContent).toBe("An unexpected error stopped this page.");
    const reload = screen.getByRole("link", { name: "Reload the admin" });
    expect(reload.getAttribute("href")).toBe("/admin/");
    quiet.mockRestore();
  });

  it("AuthPage brings its own main landmark only when asked", () => {
    const { rerender } = render(
      <AuthPage documentTitle="t" title="Sign in" lead="l" landmark>
        <form />
      </AuthPage>,
    );
    expect(screen.getByRole("main").id).toBe("main");
    rerender(
      <AuthPage documentTitle="t" title="Sign in" lead="l">
        <form />
      </AuthPage>,
    );
    expect(screen.queryByRole("main")).toBeNull();
  });

  it("RequireSession puts 'session unavailable' in a main landmark for a frameless guard", async () => {
    const api = createFakeApi({
      "auth.me": () => {
        throw apiError("INTERNAL_SERVER_ERROR", "down");
      },
    });
    renderRoutes(
      [
        {
          path: "/",
          element: <RequireSession landmark />,
          children: [{ index: true, element: <p>inside</p> }],
        },
      ],
      "/",
      api,
    );
    const main = await screen.findByRole("main");
    expect(main.textContent).toContain("We couldn't check your session");
  });
});
