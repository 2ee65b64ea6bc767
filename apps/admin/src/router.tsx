import { NotFoundPage, RedirectIfSignedIn, RouteErrorPage } from "@waybill/ui/client";
import type { RouteObject } from "react-router";
import { AdminLayout } from "./components/admin-layout";
import { RequireAdmin } from "./components/require-admin";
import { CarrierPage } from "./pages/carrier-page";
import { CarriersPage } from "./pages/carriers-page";
import { DashboardPage } from "./pages/dashboard-page";
import { MailPage } from "./pages/mail-page";
import { NewCarrierPage } from "./pages/new-carrier-page";
import { OrderPage } from "./pages/order-page";
import { OrdersPage } from "./pages/orders-page";
import { OutboxPage } from "./pages/outbox-page";
import { SignInPage } from "./pages/sign-in-page";
import { SyncPage } from "./pages/sync-page";
import { SyncRunPage } from "./pages/sync-run-page";
import { UnmappedPage } from "./pages/unmapped-page";
import { WebhookPage } from "./pages/webhook-page";
import { WebhooksPage } from "./pages/webhooks-page";

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
              { path: "orders", element: <OrdersPage /> },
              { path: "orders/:orderId", element: <OrderPage /> },
              { path: "carriers", element: <CarriersPage /> },
              { path: "carriers/new", element: <NewCarrierPage /> },
              { path: "carriers/:accountId", element: <CarrierPage /> },
              { path: "sync", element: <SyncPage /> },
              { path: "sync/:runId", element: <SyncRunPage /> },
              { path: "webhooks", element: <WebhooksPage /> },
              { path: "webhooks/:deliveryId", element: <WebhookPage /> },
              { path: "outbox", element: <OutboxPage /> },
              { path: "outbox/:mailId", element: <MailPage /> },
              { path: "unmapped", element: <UnmappedPage /> },
              {
                path: "*",
                element: (
                  <NotFoundPage
                    appName="Waybill Admin"
                    description="This part of the admin does not exist."
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
