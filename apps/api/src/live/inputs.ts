import { ORDER_STATUSES, SHIPMENT_STATUSES, TRACKING_SOURCES } from "@waybill/carriers/statuses";
import { z } from "zod";

/**
 * The id of the last event a client saw. The tRPC client sends back the id of the last `tracked()` item
 * (a string) when it resubscribes after a reconnect; absent means "live only".
 */
export const lastEventIdSchema = z
  .union([z.string().regex(/^\d{1,15}$/, "expected an event id"), z.number().int().nonnegative()])
  .nullish()
  .transform((value) => (value === null || value === undefined ? null : Number(value)));

/** Input of subscriptions that take nothing but a resume point; the client may send no input at all. */
export const resumableInput = z.object({ lastEventId: lastEventIdSchema }).optional();

export const adminEventFilterSchema = z.object({
  orderId: z.string().min(1).max(64).optional(),
  types: z.array(z.string().min(1).max(64)).max(20).optional(),
  statuses: z.array(z.enum(SHIPMENT_STATUSES)).max(SHIPMENT_STATUSES.length).optional(),
  orderStatuses: z.array(z.enum(ORDER_STATUSES)).max(ORDER_STATUSES.length).optional(),
  sources: z.array(z.enum(TRACKING_SOURCES)).max(TRACKING_SOURCES.length).optional(),
});
