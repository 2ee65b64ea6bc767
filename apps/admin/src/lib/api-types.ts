import type { RouterInputs } from "@waybill/api/router";
import type { RouterOutputs } from "@waybill/ui/client";

/**
 * The API's shapes as the admin app reads them. Only types cross from the api; the vocabulary the
 * app needs at run time is spelled out in `labels.ts`, checked against these types.
 */
export type { RouterInputs, RouterOutputs };

type Admin = RouterOutputs["admin"];

export type AdminOrderRow = Admin["orders"]["list"]["items"][number];
export type OrderDetail = Admin["orders"]["byId"];
export type ShipmentDetail = OrderDetail["shipments"][number];
export type TimelineEntry = ShipmentDetail["timeline"][number];
export type CarrierAccount = Admin["carriers"]["list"][number];
export type StatsOverview = Admin["stats"]["overview"];

export type OrderStatus = AdminOrderRow["status"];
export type ShipmentStatus = TimelineEntry["status"];
export type TrackingSource = TimelineEntry["source"];
export type CarrierId = CarrierAccount["carrier"];
export type BreakerState = CarrierAccount["health"]["breaker"];

export type OrderListInput = RouterInputs["admin"]["orders"]["list"];
export type ShipOrderInput = RouterInputs["admin"]["orders"]["ship"];
