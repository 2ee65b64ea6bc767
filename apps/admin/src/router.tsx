import type { RouteObject } from "react-router";
import { AdminLayout } from "./components/admin-layout";
import { RedirectIfSignedIn } from "./components/redirect-if-signed-in";
import { RequireAdmin } from "./components/require-admin";
import { DashboardPage } from "./pages/dashboard-page";
import { NotFoundPage } from "./pages/not-found-page";
import { RouteErrorPage } from "./pages/route-error-page";
import { SignInPage } from "./pages/sign-in-page";

/** The admin's pages, relative to the `/admin` basename. Kept as data for tests. */
export const routes: RouteObject[] = [
  {
    errorElement: <RouteErrorPage />,
    children: [
      { element: <RedirectIfSignedIn />, children: [{ path: "signin", element: <SignInPage /> }] },
      {
        element: <RequireAdmin />,
        children: [
          {
            element: <AdminLayout />,
            children: [
              { index: true, element: <DashboardPage /> },
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
];
