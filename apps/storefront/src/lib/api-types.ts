import type { RouterOutputs } from "@waybill/ui/client";

/**
 * What the pages read, named once. Dates in these types say `Date` but arrive as ISO strings (tRPC runs
 * without a transformer); read them through `toDate` from `@waybill/ui`.
 */
export type OrderDetail = RouterOutputs["orders"]["byId"];
export type ShipmentDetail = OrderDetail["shipments"][number];
export type TimelineEvent = ShipmentDetail["timeline"][number];
export type MyOrder = RouterOutputs["orders"]["my"]["items"][number];
export type PublicTracking = RouterOutputs["tracking"]["public"];
export type Product = RouterOutputs["catalog"]["products"][number];
export type NotificationItem = RouterOutputs["notifications"]["list"]["items"][number];
export type ShipmentStatus = ShipmentDetail["status"];
export type OrderStatus = OrderDetail["status"];
export type CarrierId = ShipmentDetail["carrier"];
export type CheckSource = NonNullable<ShipmentDetail["freshness"]["lastCheckSource"]>;
