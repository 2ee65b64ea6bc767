import { Timeline, useNow, useShopLocale } from "@waybill/ui";
import { type ScanLike, timelineGroups } from "../../lib/tracking-view";

export type TrackingTimelineProps = {
  scans: readonly ScanLike[];
  /** Ids of rows that just arrived live, drawn with a brief highlight. */
  fresh?: ReadonlySet<string>;
  empty: string;
};

/** The carrier's scans, newest first, grouped by day on the shop's clock. */
export function TrackingTimeline({ scans, fresh, empty }: TrackingTimelineProps) {
  const shop = useShopLocale();
  // "Today" and "Yesterday" move at midnight; a minute's precision is plenty.
  const now = useNow(60_000);
  return (
    <Timeline
      label="Tracking history, newest first"
      groups={timelineGroups(scans, { shop, now, ...(fresh ? { fresh } : {}) })}
      empty={empty}
    />
  );
}
