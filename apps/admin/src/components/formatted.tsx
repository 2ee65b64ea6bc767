import type { DateStyle } from "@waybill/ui";
import { asDate } from "../lib/dates";
import { useFormat } from "../lib/use-format";

/** An instant in the shop's zone, in a `<time>` element. */
export function DateTime({
  value,
  style = "datetime",
  fallback = "—",
}: {
  value: Date | string | null | undefined;
  style?: DateStyle;
  fallback?: string;
}) {
  const format = useFormat();
  const date = asDate(value);
  if (!date) return <span className="wb-muted">{fallback}</span>;
  return <time dateTime={date.toISOString()}>{format.dateTime(date, fallback, style)}</time>;
}

/** An amount in minor units, in the order's currency. */
export function Money({ cents, currency }: { cents: number; currency: string }) {
  return <>{useFormat().money(cents, currency)}</>;
}
