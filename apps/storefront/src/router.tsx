import {
  NotFoundPage,
  RedirectIfSignedIn,
  RequireSession,
  RouteErrorPage,
} from "@waybill/ui/client";
import type { RouteObject } from "react-router";
import { Shell } from "./components/shell";
import { AccountPage } from "./pages/account-page";
import { HomePage } from "./pages/home-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";

/** The storefront's pages. Kept as data so tests can mount them in a memory router. */
export const routes: RouteObject[] = [
  {
    element: <Shell />,
    errorElement: <RouteErrorPage appName="Waybill" reloadHref="/" reloadLabel="Reload the shop" />,
    children: [
      { index: true, element: <HomePage /> },
      {
        element: <RedirectIfSignedIn fallback="/account" />,
        children: [
          { path: "signin", element: <SignInPage /> },
          { path: "signup", element: <SignUpPage /> },
        ],
      },
      { element: <RequireSession />, children: [{ path: "account", element: <AccountPage /> }] },
      {
        path: "*",
        element: (
          <NotFoundPage
            appName="Waybill"
            description="The link may be old or mistyped."
            backLabel="Back to the shop"
          />
        ),
      },
    ],
  },
];
