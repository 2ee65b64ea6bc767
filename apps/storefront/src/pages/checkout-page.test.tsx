import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { createFakeApi, renderRoutes } from "@waybill/ui/testing";
import { afterEach, describe, expect, it } from "vitest";
import { routes } from "../router";
import { order, sessionHandlers } from "../testing/fixtures";

const PRODUCTS = [
  {
    id: "p_tea",
    sku: "TEA-DARJ-250",
    name: "Darjeeling first flush tea, 250 g",
    description: "Spring-picked.",
    priceCents: 64_900,
    currency: "INR",
  },
  {
    id: "p_diya",
    sku: "DIYA-BRASS-4",
    name: "Brass diya set of 4",
    description: "Hand-polished.",
    priceCents: 1_29_900,
    currency: "INR",
  },
];

function fill(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe("shop and checkout", () => {
  afterEach(() => window.localStorage.clear());

  it("adds to the cart from the catalog and shows the count in the header", async () => {
    renderRoutes(
      routes,
      "/shop",
      createFakeApi({ ...sessionHandlers(), "catalog.products": () => PRODUCTS }),
    );
    const tea = await screen.findByRole("article", { name: "Darjeeling first flush tea, 250 g" });
    fireEvent.click(within(tea).getByRole("button", { name: "Add to cart" }));
    fireEvent.click(
      within(tea).getByRole("button", { name: "One more Darjeeling first flush tea, 250 g" }),
    );
    expect(
      within(tea).getByLabelText("Quantity of Darjeeling first flush tea, 250 g").textContent,
    ).toBe("2");
    const cart = screen.getByRole("region", { name: "Cart" });
    expect(cart.textContent).toContain("2 items · ₹1,298");
    expect(screen.getByRole("link", { name: "Cart, 2 items" })).toBeTruthy();
  });

  it("places the order from the cart and shows its confirmation", async () => {
    window.localStorage.setItem(
      "waybill.cart.v1",
      JSON.stringify([
        { productId: "p_tea", quantity: 2 },
        { productId: "p_diya", quantity: 1 },
      ]),
    );
    const api = createFakeApi({
      ...sessionHandlers(),
      "catalog.products": () => PRODUCTS,
      "orders.place": () => ({ orderId: "o_1", number: "WB-2026-000123" }),
      "orders.byId": () => order(),
      "orders.my": () => ({ items: [], nextCursor: null }),
    });
    const { router } = renderRoutes(routes, "/checkout", api);
    await screen.findByRole("heading", { name: "Checkout", level: 1 });
    const summary = screen.getByRole("complementary", { name: "Order summary" });
    expect(summary.textContent).toContain("Total₹2,597");

    // The contact comes from the account; the address must be typed.
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe("ada@example.com");
    fireEvent.click(screen.getByRole("button", { name: "Place order" }));
    await screen.findByText("Enter the street address.");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText("Address")));
    expect(api.calls.some((c) => c.path === "orders.place")).toBe(false);

    fill("Address", "14 Residency Road");
    expect(screen.queryByText("Enter the street address.")).toBeNull();
    fill("City", "Bengaluru");
    fill("State", "Karnataka");
    fill("PIN code", "560025");
    fireEvent.click(screen.getByLabelText(/Cash on delivery/));
    fireEvent.click(screen.getByRole("button", { name: "Place order" }));

    await screen.findByRole("heading", { name: "Thank you! Your order is confirmed." });
    expect(router.state.location.pathname).toBe("/orders/o_1/confirmation");
    expect(api.calls.find((c) => c.path === "orders.place")?.input).toEqual({
      items: [
        { productId: "p_tea", quantity: 2 },
        { productId: "p_diya", quantity: 1 },
      ],
      address: {
        name: "Ada Lovelace",
        line1: "14 Residency Road",
        city: "Bengaluru",
        state: "Karnataka",
        postalCode: "560025",
        country: "India",
      },
      contactEmail: "ada@example.com",
      contactPhone: "+91 98765 43210",
      paymentMethod: "cod",
      emailOptOut: false,
    });
    expect(window.localStorage.getItem("waybill.cart.v1")).toBe("[]");
    expect(screen.getByRole("link", { name: "Track this order" }).getAttribute("href")).toBe(
      "/orders/o_1",
    );
  });

  it("sends a visitor to sign in first, keeping the cart", async () => {
    window.localStorage.setItem(
      "waybill.cart.v1",
      JSON.stringify([{ productId: "p_tea", quantity: 1 }]),
    );
    const { router } = renderRoutes(
      routes,
      "/checkout",
      createFakeApi({
        "auth.me": () => ({ user: null }),
        "auth.onSession": () => ({ user: null }),
      }),
    );
    await screen.findByRole("heading", { name: "Sign in" });
    expect(router.state.location.search).toBe("?next=%2Fcheckout");
    expect(screen.getByRole("link", { name: "Cart, 1 items" })).toBeTruthy();
  });

  it("shows an empty cart honestly", async () => {
    renderRoutes(
      routes,
      "/checkout",
      createFakeApi({ ...sessionHandlers(), "catalog.products": () => PRODUCTS }),
    );
    await screen.findByRole("heading", { name: "Your cart is empty" });
  });
});
