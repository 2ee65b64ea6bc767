import type { CarrierId } from "@waybill/carriers/statuses";
import { schema } from "@waybill/db";
import { and, eq, inArray } from "drizzle-orm";
import type { AppDeps } from "../deps";
import { DomainError } from "../lib/errors";
import { commitCarrierUpdates } from "../tracking/commit";
import { loadOverrides, overrideFor } from "./overrides";

const { shipments, trackingEvents } = schema;

/**
 * Gives the stored scans of one code the override's status, then recomputes each affected shipment through the
 * apply path (no new scans), so its status, the order, notifications and e-mails follow the usual rules and
 * dedupe keys: a second re-apply changes nothing.
 */
export function reapplyOverride(
  deps: AppDeps,
  input: { carrier: CarrierId; rawCode: string },
): { events: number; shipments: number; changed: number } {
  const override = overrideFor(loadOverrides(deps.db), input.carrier, input.rawCode);
  if (!override) throw new DomainError("NOT_FOUND", "Set an override for that code first.");
  const affected = deps.db.transaction((tx) => {
    const rows = tx
      .select({ id: trackingEvents.id, shipmentId: trackingEvents.shipmentId })
      .from(trackingEvents)
      .innerJoin(shipments, eq(shipments.id, trackingEvents.shipmentId))
      .where(and(eq(trackingEvents.rawCode, input.rawCode), eq(shipments.carrier, input.carrier)))
      .all();
    if (rows.length > 0) {
      tx.update(trackingEvents)
        .set({ status: override.status, substatus: override.substatus })
        .where(
          inArray(
            trackingEvents.id,
            rows.map((r) => r.id),
          ),
        )
        .run();
    }
    return rows;
  });
  const shipmentIds = [...new Set(affected.map((r) => r.shipmentId))];
  const carrierOf = deps.db
    .select({ id: shipments.id, carrier: shipments.carrier })
    .from(shipments)
    .where(inArray(shipments.id, shipmentIds.length ? shipmentIds : [""]))
    .all();
  const changes = commitCarrierUpdates(
    deps,
    carrierOf.map((s) => ({
      shipmentId: s.id,
      update: {
        carrier: s.carrier,
        ref: {},
        trackingNumber: null,
        courierName: null,
        trackingUrl: null,
        estimatedDelivery: null,
        scans: [],
      },
    })),
    "admin",
  );
  return { events: affected.length, shipments: shipmentIds.length, changed: changes.length };
}
