import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";

/** The server's limits (orders/place.ts): at most 20 lines, 1 to 20 of each. */
export const MAX_CART_LINES = 20;
export const MAX_QUANTITY = 20;

export type CartLine = { productId: string; quantity: number };

export type Cart = {
  lines: CartLine[];
  /** Units across all lines, for the header. */
  count: number;
  quantityOf: (productId: string) => number;
  add: (productId: string) => void;
  setQuantity: (productId: string, quantity: number) => void;
  remove: (productId: string) => void;
  clear: () => void;
};

const STORAGE_KEY = "waybill.cart.v1";

/** Whatever localStorage holds is untrusted (another version, a hand edit): keep only valid lines. */
export function readStoredCart(raw: string | null): CartLine[] {
  if (!raw) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return [];
  }
  if (!Array.isArray(parsed)) return [];
  const lines: CartLine[] = [];
  for (const item of parsed) {
    if (typeof item !== "object" || item === null) continue;
    const { productId, quantity } = item as Record<string, unknown>;
    if (typeof productId !== "string" || productId.length === 0 || productId.length > 64) continue;
    if (typeof quantity !== "number" || !Number.isInteger(quantity) || quantity < 1) continue;
    if (lines.some((line) => line.productId === productId)) continue;
    lines.push({ productId, quantity: Math.min(quantity, MAX_QUANTITY) });
  }
  return lines.slice(0, MAX_CART_LINES);
}

function loadCart(): CartLine[] {
  try {
    return readStoredCart(window.localStorage.getItem(STORAGE_KEY));
  } catch {
    // Storage can be off (private mode, a policy): the cart then lives as long as the tab.
    return [];
  }
}

const CartContext = createContext<Cart | null>(null);

export function useCart(): Cart {
  const cart = useContext(CartContext);
  if (!cart) throw new Error("useCart() must be called under <CartProvider>.");
  return cart;
}

/** The cart, kept in localStorage so it survives a reload and the detour through sign-in. */
export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>(loadCart);

  useEffect(() => {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(lines));
    } catch {
      // See loadCart.
    }
  }, [lines]);

  // Another tab changed the cart: follow it, so two tabs never place two different carts.
  useEffect(() => {
    const onStorage = (event: StorageEvent) => {
      if (event.key === STORAGE_KEY) setLines(readStoredCart(event.newValue));
    };
    window.addEventListener("storage", onStorage);
    return () => window.removeEventListener("storage", onStorage);
  }, []);

  const setQuantity = useCallback((productId: string, quantity: number) => {
    setLines((current) => {
      const clamped = Math.max(0, Math.min(MAX_QUANTITY, Math.floor(quantity)));
      if (clamped === 0) return current.filter((line) => line.productId !== productId);
      const exists = current.some((line) => line.productId === productId);
      if (!exists) {
        return current.length >= MAX_CART_LINES
          ? current
          : [...current, { productId, quantity: clamped }];
      }
      return current.map((line) =>
        line.productId === productId ? { ...line, quantity: clamped } : line,
      );
    });
  }, []);

  const cart = useMemo<Cart>(() => {
    const quantityOf = (productId: string) =>
      lines.find((line) => line.productId === productId)?.quantity ?? 0;
    return {
      lines,
      count: lines.reduce((sum, line) => sum + line.quantity, 0),
      quantityOf,
      add: (productId) => setQuantity(productId, quantityOf(productId) + 1),
      setQuantity,
      remove: (productId) => setQuantity(productId, 0),
      clear: () => setLines([]),
    };
  }, [lines, setQuantity]);

  return <CartContext.Provider value={cart}>{children}</CartContext.Provider>;
}
