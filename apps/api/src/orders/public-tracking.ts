import type { ShipmentStatus } from "@waybill/carriers/statuses";
import { type Db, normalizeEmail, schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { safeEqual } from "../lib/crypto";
import { DomainError } from "../lib/errors";
import { timelineOf } from "./queries";

const { orders, shipments } = schema;

export const publicTrackingSchema = z.object({
  trackingNumber: z.string().trim().min(4, "Enter the tracking number.").max(64),
  contact: z.string().trim().min(3, "Enter the e-mail or phone number on the order.").max(254),
});

/** Digits only, the last ten: "+91 98765-43210" and "9876543210" are the same phone. */
function phoneKey(value: string): string {
  return value.replace(/\D/g, "").slice(-10);
}

function contactMatches(order: { contactEmail: string; contactPhone: string }, contact: string) {
  if (contact.includes("@"))
    return safeEqual(normalizeEmail(contact), normalizeEmail(order.contactEmail));
  const key = phoneKey(contact);
  return key.length >= 7 && safeEqual(key, phoneKey(order.contactPhone));
}

export type PublicTracking = {
  orderStatus: (typeof schema.orders.$inferSelect)["status"];
  carrier: (typeof schema.shipments.$inferSelect)["carrier"];
  status: ShipmentStatus;
  substatus: string | null;
  trackingNumber: string;
  courierName: string | null;
  trackingUrl: string | null;
  estimatedDeliveryAt: Date | null;
  deliveredAt: Date | null;
  lastEventAt: Date | null;
  lastCheckedAt: Date | null;
  timeline: Array<{
    occurredAt: Date;
    status: ShipmentStatus;
    label: string | null;
    location: string | null;
    description: string | null;
  }>;
};

/**
 * Tracking for a visitor who proves they know the order (tracking number + the e-mail or phone on it). A wrong
 * pair and an unknown number get the same answer, and nothing personal (name, address, items) is returned.
 */
export function trackPublicly(db: Db, input: z.input<typeof publicTrackingSchema>): PublicTracking {
  const { trackingNumber, contact } = publicTrackingSchema.parse(input);
  const candidates = db
    .select({ shipment: shipments, order: orders })
    .from(shipments)
    .innerJoin(orders, eq(orders.id, shipments.orderId))
    .where(eq(shipments.trackingNumber, trackingNumber))
    .all();
  const found = candidates.find((row) => contactMatches(row.order, contact));
  if (!found) {
    throw new DomainError(
      "NOT_FOUND",
      "We found no shipment with this tracking number and contact. Check both and try again.",
    );
  }
  const { shipment, order } = found;
  return {
    orderStatus: order.status,
    carrier: shipment.carrier,
    status: shipment.status,
    substatus: shipment.substatus,
    trackingNumber,
    courierName: shipment.courierName,
    trackingUrl: shipment.trackingUrl,
    estimatedDeliveryAt: shipment.estimatedDeliveryAt,
    deliveredAt: shipment.deliveredAt,
    lastEventAt: shipment.lastEventAt,
    lastCheckedAt: shipment.lastCheckedAt,
    timeline: timelineOf(db, shipment.id).map((event) => ({
      occurredAt: event.occurredAt,
      status: event.status,
      label: event.rawLabel,
      location: event.location,
      description: event.description,
    })),
  };
}
