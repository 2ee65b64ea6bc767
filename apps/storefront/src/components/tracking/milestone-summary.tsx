import { type DateInput, MilestoneTrack, useShopLocale } from "@waybill/ui";
import type { OrderStatus, ShipmentStatus } from "../../lib/api-types";
import { milestonesFor } from "../../lib/tracking-view";

export type MilestoneSummaryProps = {
  orderStatus: OrderStatus;
  shipmentStatus: ShipmentStatus | null;
  deliveredAt: DateInput | null;
};

/** The progress bar across the order's milestones. */
export function MilestoneSummary(props: MilestoneSummaryProps) {
  const shop = useShopLocale();
  return (
    <MilestoneTrack
      className="sf-milestones"
      steps={milestonesFor({ ...props, shop })}
      label="Delivery progress"
    />
  );
}
