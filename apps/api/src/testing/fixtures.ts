import type { CarrierUpdate, TrackingScan } from "@waybill/carriers";
import type { CarrierId, ShipmentStatus } from "@waybill/carriers/statuses";
import {
  createId,
  createRandomId,
  createUser,
  type Db,
  formatOrderNumber,
  schema,
} from "@waybill/db";
import { DEMO_PRODUCTS } from "@waybill/db/seed";
import type { AppDeps } from "../deps";
import { type PlaceOrderInput, placeOrder } from "../orders/place";

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
    email: `customer-${sequence}-${createRandomId(6)}@example.test`,
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

/** The demo shop's products, for tests that place orders. */
export function seedCatalog(db: Db): void {
  db.insert(schema.products)
    .values(DEMO_PRODUCTS.map((product) => ({ ...product, id: createId() })))
    .run();
}

export const TEST_ADDRESS = {
  name: "Asha Verma",
  line1: "14 MG Road",
  city: "Pune",
  state: "Maharashtra",
  postalCode: "411001",
} as const;

/** An order of the catalog's first product, placed the way a customer would (the catalog must be seeded). */
export function placeTestOrder(
  deps: Pick<AppDeps, "db" | "bus" | "now" | "publicUrl">,
  customer: { id: string; email: string },
  options: {
    quantity?: number;
    contactPhone?: string;
    address?: Partial<PlaceOrderInput["address"]>;
  } = {},
) {
  const product = deps.db.select().from(schema.products).get();
  if (!product) throw new Error("seedCatalog first");
  return placeOrder(deps, customer.id, {
    items: [{ productId: product.id, quantity: options.quantity ?? 1 }],
    address: { ...TEST_ADDRESS, ...options.address },
    contactEmail: customer.email,
    contactPhone: options.contactPhone ?? "9876543210",
  });
}
