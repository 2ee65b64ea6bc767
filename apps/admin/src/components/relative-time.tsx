import { RelativeTime as SharedRelativeTime } from "@waybill/ui";
import { asDate } from "../lib/dates";

/**
 * The shared "3 min ago" label, with a word for a time that never happened ("never checked").
 * `past` instants (last used, received) are capped at now: the server's clock can run a little
 * ahead of the browser's, and "in under a minute" for something that already happened reads wrong.
 */
export function RelativeTime({
  value,
  fallback = "never",
  past = true,
}: {
  value: Date | string | null | undefined;
  fallback?: string;
  past?: boolean;
}) {
  const date = asDate(value);
  if (!date) return <span className="wb-muted">{fallback}</span>;
  const shown = past && date.getTime() > Date.now() ? new Date() : date;
  return <SharedRelativeTime value={shown} />;
}
