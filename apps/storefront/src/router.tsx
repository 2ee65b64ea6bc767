import type { RouteObject } from "react-router";
import { RedirectIfSignedIn } from "./components/redirect-if-signed-in";
import { RequireSession } from "./components/require-session";
import { Shell } from "./components/shell";
import { AccountPage } from "./pages/account-page";
import { HomePage } from "./pages/home-page";
import { NotFoundPage } from "./pages/not-found-page";
import { RouteErrorPage } from "./pages/route-error-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

/** The storefront's pages. Kept as data so tests can mount them in a memory router. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteErrorPage />,
    children: [
      { index: true, element: <HomePage /> },
      {
        element: <RedirectIfSignedIn />,
        children: [
          { path: "signin", element: <SignInPage /> },
          { path: "signup", element: <SignUpPage /> },
        ],
      },
      { element: <RequireSession />, children: [{ path: "account", element: <AccountPage /> }] },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
];
