import { DEFAULT_SHOP_LOCALE, type ShopLocale } from "@waybill/ui";
import type { CarrierId } from "./api-types";

/** The shop's clock and money: every date and amount on the storefront is shown this way. */
export const SHOP_LOCALE: ShopLocale = DEFAULT_SHOP_LOCALE;

export const CARRIER_NAMES: Record<CarrierId, string> = {
  shiprocket: "Shiprocket",
  sequel247: "Sequel247",
  maystro: "Maystro Delivery",
};

/** What the UI says wherever the carrier has not given a value yet (never a made-up one). */
export const NOT_ASSIGNED = "Not assigned yet";
