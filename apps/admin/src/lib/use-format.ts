import { type DateStyle, formatDate, formatMoney, useShopLocale } from "@waybill/ui";

/**
 * Dates and amounts in the shop's locale and time zone (the storefront shows the same clock), for
 * text built in a component. Cells of static column lists use `<DateTime>` and `<Money>` instead.
 */
export function useFormat() {
  const shop = useShopLocale();
  return {
    dateTime(
      value: Date | string | null | undefined,
      fallback = "—",
      style: DateStyle = "datetime",
    ) {
      return value === null || value === undefined ? fallback : formatDate(value, shop, style);
    },
    money(minorUnits: number, currency: string) {
      return formatMoney(minorUnits, shop, currency);
    },
  };
}
