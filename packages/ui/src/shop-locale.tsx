import { createContext, type ReactNode, useContext } from "react";

/** How the shop speaks: its locale, its time zone and its currency. */
export type ShopLocale = { locale: string; timeZone: string; currency: string };

/** An Indian shop: what a new install shows until the app says otherwise. */
export const DEFAULT_SHOP_LOCALE: ShopLocale = {
  locale: "en-IN",
  timeZone: "Asia/Kolkata",
  currency: "INR",
};

const ShopLocaleContext = createContext<ShopLocale>(DEFAULT_SHOP_LOCALE);

export type ShopLocaleProviderProps = { value: ShopLocale; children: ReactNode };

/**
 * Sets the locale and time zone every date, time and amount below it is shown in. Carrier scan times
 * are shown in the shop's zone, not the browser's, so a customer abroad and the shop read the same clock.
 */
export function ShopLocaleProvider({ value, children }: ShopLocaleProviderProps) {
  return <ShopLocaleContext.Provider value={value}>{children}</ShopLocaleContext.Provider>;
}

export function useShopLocale(): ShopLocale {
  return useContext(ShopLocaleContext);
}
