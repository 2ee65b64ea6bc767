import { ToastProvider } from "@waybill/ui";
import { type ApiClients, ApiProvider } from "@waybill/ui/client";
import { createBrowserRouter } from "react-router";
import { RouterProvider } from "react-router/dom";
import { routes } from "./router";

const router = createBrowserRouter(routes);

/** The storefront: data provider, toasts, and the router. */
export function App({ clients }: { clients: ApiClients }) {
  return (
    <ApiProvider clients={clients}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </ApiProvider>
  );
}
