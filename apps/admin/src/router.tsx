import { NotFoundPage, RedirectIfSignedIn, RouteErrorPage } from "@waybill/ui/client";
import type { RouteObject } from "react-router";
import { AdminLayout } from "./components/admin-layout";
import { RequireAdmin } from "./components/require-admin";
import { DashboardPage } from "./pages/dashboard-page";
import { SignInPage } from "./pages/sign-in-page";

/** The admin's pages, relative to the `/admin` basename. Kept as data for tests. */
export const routes: RouteObject[] = [
  {
    // A full page load: the reload link is outside the router, so it carries the basename.
    errorElement: (
      <RouteErrorPage appName="Waybill Admin" reloadHref="/admin/" reloadLabel="Reload the admin" />
    ),
    children: [
      {
        // The dashboard is the fallback; there a customer is told this area is not for them.
        element: <RedirectIfSignedIn fallback="/" />,
        children: [{ path: "signin", element: <SignInPage /> }],
      },
      {
        element: <RequireAdmin />,
        children: [
          {
            element: <AdminLayout />,
            children: [
              { index: true, element: <DashboardPage /> },
              {
                path: "*",
                element: (
                  <NotFoundPage
                    appName="Waybill Admin"
                    description="This part of the admin does not exist, or not yet."
                    backLabel="Back to the dashboard"
                  />
                ),
              },
            ],
          },
        ],
      },
    ],
  },
];
