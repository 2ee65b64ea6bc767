import { ShopLocaleProvider } from "@waybill/ui";
import {
  NotFoundPage,
  RedirectIfSignedIn,
  RequireSession,
  RouteErrorPage,
} from "@waybill/ui/client";
import type { RouteObject } from "react-router";
import { Shell } from "./components/shell";
import { CartProvider } from "./lib/cart";
import { SHOP_LOCALE } from "./lib/shop";
import { AccountPage } from "./pages/account-page";
import { CheckoutPage } from "./pages/checkout-page";
import { HomePage } from "./pages/home-page";
import { OrderConfirmationPage } from "./pages/order-confirmation-page";
import { OrderPage } from "./pages/order-page";
import { OrdersPage } from "./pages/orders-page";
import { ShopPage } from "./pages/shop-page";
import { SignInPage } from "./pages/sign-in-page";
import { SignUpPage } from "./pages/sign-up-page";
import { TrackPage } from "./pages/track-page";

/** The storefront's pages. Kept as data so tests can mount them in a memory router. */
export const routes: RouteObject[] = [
  {
    // Providers inside the route tree, so tests mounting `routes` get the same stack as the app.
    element: (
      <ShopLocaleProvider value={SHOP_LOCALE}>
        <CartProvider>
          <Shell />
        </CartProvider>
      </ShopLocaleProvider>
    ),
    errorElement: <RouteErrorPage appName="Waybill" reloadHref="/" reloadLabel="Reload the shop" />,
    children: [
      { index: true, element: <HomePage /> },
      { path: "shop", element: <ShopPage /> },
      { path: "track", element: <TrackPage /> },
      {
        element: <RedirectIfSignedIn fallback="/account" />,
        children: [
          { path: "signin", element: <SignInPage /> },
          { path: "signup", element: <SignUpPage /> },
        ],
      },
      {
        element: <RequireSession />,
        children: [
          { path: "account", element: <AccountPage /> },
          { path: "checkout", element: <CheckoutPage /> },
          { path: "orders", element: <OrdersPage /> },
          { path: "orders/:orderId", element: <OrderPage /> },
          { path: "orders/:orderId/confirmation", element: <OrderConfirmationPage /> },
        ],
      },
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
