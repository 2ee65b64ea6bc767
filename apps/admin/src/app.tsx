import { ToastProvider } from "@waybill/ui";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import type { ApiClients } from "./lib/api-clients";
import { ApiProvider } from "./lib/api-provider";
import { routes } from "./router";

const router = createBrowserRouter(routes, { basename: "/admin" });

/** The admin app: data provider, toasts, and the router under /admin. */
export function App({ clients }: { clients: ApiClients }) {
  return (
    <ApiProvider clients={clients}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </ApiProvider>
  );
}
