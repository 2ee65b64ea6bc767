import { type DateInput, formatDate, formatRelative, toDate } from "./format";
import { useShopLocale } from "./shop-locale";
import { useNow } from "./use-now";

export type RelativeTimeProps = {
  value: DateInput;
  className?: string;
};

/**
 * "3 min ago" / "in 40 min", kept current as time passes; the exact time in the shop's zone is in the
 * `title` and the machine-readable `dateTime`.
 */
export function RelativeTime({ value, className }: RelativeTimeProps) {
  const shop = useShopLocale();
  const now = useNow(15_000);
  const date = toDate(value);
  return (
    <time className={className} dateTime={date.toISOString()} title={formatDate(date, shop)}>
      {formatRelative(date, now, shop)}
    </time>
  );
}
