import type { CarrierUpdate, TrackingScan } from "@waybill/carriers";
import type { CarrierId, ShipmentStatus } from "@waybill/carriers/statuses";
import { createId, createUser, type Db, formatOrderNumber, schema } from "@waybill/db";

let sequence = 0;

/**
 * A customer with one order handed to a carrier: the starting point of every tracking test. Pass a real
 * `accountId` (e.g. a sandbox account) and the carrier's `orderNumber` to track a shipment the carrier knows.
 */
export function createShippedOrder(
  db: Db,
  options: {
    carrier?: CarrierId;
    trackingNumber?: string | null;
    accountId?: string;
    orderNumber?: string;
  } = {},
) {
  const carrier = options.carrier ?? "shiprocket";
  sequence += 1;
  const user = createUser(db, {
    email: `customer-${sequence}-${createId(6)}@example.test`,
    name: `Customer ${sequence}`,
    passwordHash: "not-a-real-hash",
  });
  const accountId = options.accountId ?? createId();
  if (!options.accountId) {
    db.insert(schema.carrierAccounts)
      .values({
        id: accountId,
        carrier,
        name: `${carrier} test account`,
        credentialsEncrypted: "sealed-elsewhere",
        webhookSecretEncrypted: "sealed-elsewhere",
      })
      .run();
  }
  const orderId = createId();
  db.insert(schema.orders)
    .values({
      id: orderId,
      number: options.orderNumber ?? formatOrderNumber(2026, 900_000 + sequence),
      userId: user.id,
      status: "processing",
      subtotalCents: 10_000,
      totalCents: 10_000,
      contactEmail: user.email,
      contactPhone: "9876543210",
      shipName: user.name,
      shipLine1: "1 Test Street",
      shipCity: "Pune",
      shipState: "Maharashtra",
      shipPostalCode: "411001",
    })
    .run();
  const shipmentId = createId();
  db.insert(schema.shipments)
    .values({
      id: shipmentId,
      orderId,
      accountId,
      carrier,
      trackingNumber: options.trackingNumber === undefined ? "AWB0001" : options.trackingNumber,
    })
    .run();
  return { user, orderId, shipmentId, accountId, carrier };
}

export function scan(
  status: ShipmentStatus,
  rawCode: string,
  occurredAt: string,
  extra: Partial<TrackingScan> = {},
): TrackingScan {
  return {
    status,
    substatus: null,
    rawCode,
    rawLabel: rawCode,
    location: null,
    description: null,
    occurredAt: new Date(occurredAt),
    ...extra,
  };
}

export function carrierUpdate(
  carrier: CarrierId,
  scans: TrackingScan[],
  extra: Partial<CarrierUpdate> = {},
): CarrierUpdate {
  return {
    carrier,
    ref: {},
    trackingNumber: null,
    courierName: null,
    trackingUrl: null,
    estimatedDelivery: null,
    scans,
    ...extra,
  };
}
