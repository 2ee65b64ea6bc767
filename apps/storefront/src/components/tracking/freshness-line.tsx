import { type DateInput, useNow, useShopLocale } from "@waybill/ui";
import type { CheckSource, ShipmentStatus } from "../../lib/api-types";
import { freshnessLine } from "../../lib/tracking-view";

export type FreshnessLineProps = {
  lastCheckedAt: DateInput | null;
  lastCheckSource: CheckSource | null;
  nextCheckAt: DateInput | null;
  status: ShipmentStatus;
};

/** "Last checked 3 min ago by webhook · next automatic check in 40 min", kept current. */
export function FreshnessLine(props: FreshnessLineProps) {
  const shop = useShopLocale();
  const now = useNow(15_000);
  return (
    <p className="sf-freshness" data-testid="freshness">
      {freshnessLine({ ...props, now, shop })}
    </p>
  );
}
