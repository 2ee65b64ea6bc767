import { act, render } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { type Cart, CartProvider, MAX_QUANTITY, readStoredCart, useCart } from "./cart";

describe("readStoredCart", () => {
  it("keeps valid lines and drops the rest", () => {
    expect(
      readStoredCart(
        JSON.stringify([
          { productId: "a", quantity: 2 },
          { productId: "a", quantity: 5 },
          { productId: "", quantity: 1 },
          { productId: "b", quantity: 0 },
          { productId: "c", quantity: 1.5 },
          { productId: "d", quantity: 99 },
          "junk",
        ]),
      ),
    ).toEqual([
      { productId: "a", quantity: 2 },
      { productId: "d", quantity: MAX_QUANTITY },
    ]);
  });

  it.each([null, "", "not json", "{}", "42"])("starts empty from %j", (raw) => {
    expect(readStoredCart(raw)).toEqual([]);
  });
});

describe("CartProvider", () => {
  afterEach(() => window.localStorage.clear());

  function mount() {
    let cart: Cart | null = null;
    function Probe() {
      cart = useCart();
      return null;
    }
    const view = render(
      <CartProvider>
        <Probe />
      </CartProvider>,
    );
    return { view, cart: () => cart as unknown as Cart };
  }

  it("adds, counts, caps, removes, and remembers across a reload", () => {
    const first = mount();
    act(() => first.cart().add("tea"));
    act(() => first.cart().add("tea"));
    act(() => first.cart().setQuantity("diya", 50));
    expect(first.cart().lines).toEqual([
      { productId: "tea", quantity: 2 },
      { productId: "diya", quantity: MAX_QUANTITY },
    ]);
    expect(first.cart().count).toBe(2 + MAX_QUANTITY);
    act(() => first.cart().setQuantity("diya", 0));
    first.view.unmount();

    const reloaded = mount();
    expect(reloaded.cart().lines).toEqual([{ productId: "tea", quantity: 2 }]);
    act(() => reloaded.cart().clear());
    expect(reloaded.cart().count).toBe(0);
    expect(window.localStorage.getItem("waybill.cart.v1")).toBe("[]");
  });
});
