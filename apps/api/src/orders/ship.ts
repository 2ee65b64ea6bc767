import {
  type CarrierAdapter,
  type CreatedShipment,
  type CreateShipmentInput,
  docketSchema,
  type ShiprocketCreatedShipment,
} from "@waybill/carriers";
import { createId, schema } from "@waybill/db";
import { and, eq, ne } from "drizzle-orm";
import { z } from "zod";
import { getCarrierAccount } from "../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import {
  isAccountFailure,
  recordCarrierFailure,
  recordCarrierSuccess,
} from "../carrier-accounts/health";
import type { AppDeps } from "../deps";
import { DomainError } from "../lib/errors";
import { applyCarrierUpdates } from "../tracking/apply-updates";
import { commitCarrierUpdates } from "../tracking/commit";
import { matchUpdatesToShipments } from "../tracking/match";
import { appendOrderEvent } from "../tracking/order-events";
import { getOrderDetail, type OrderRow, type ShipmentDetail } from "./queries";

const { events, orderItems, orders, products, shipments } = schema;

const idSchema = z.string().min(1);
const positiveId = z.coerce.number().int().positive();

export const shipOrderSchema = z.discriminatedUnion("carrier", [
  z.object({
    carrier: z.literal("sequel247"),
    orderId: idSchema,
    accountId: idSchema,
    docket: docketSchema,
  }),
  z.object({
    carrier: z.literal("shiprocket"),
    orderId: idSchema,
    accountId: idSchema,
    /** The pickup address's nickname in the Shiprocket panel. */
    pickupLocation: z.string().trim().min(1).max(80).default("Primary"),
    courierId: positiveId.optional(),
    parcel: z
      .object({
        lengthCm: z.number().positive().max(300),
        breadthCm: z.number().positive().max(300),
        heightCm: z.number().positive().max(300),
        weightKg: z.number().positive().max(100),
      })
      .optional(),
  }),
  z.object({
    carrier: z.literal("maystro"),
    orderId: idSchema,
    accountId: idSchema,
    wilaya: positiveId,
    commune: positiveId,
    deliveryType: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(1),
    express: z.boolean().default(false),
    noteToDriver: z.string().trim().max(300).optional(),
    stopDeskId: positiveId.optional(),
  }),
]);
export type ShipOrderInput = z.input<typeof shipOrderSchema>;
type ShipOrderData = z.output<typeof shipOrderSchema>;

export type ShipResult = {
  shipment: ShipmentDetail;
  /** What the carrier could not do yet (no AWB, no pickup): the shipment exists and the admin may retry it. */
  warnings: string[];
};

/** Orders being shipped right now: a double click must not book two carrier orders. */
const shippingNow = new Set<string>();

const UNSHIPPABLE: ReadonlyArray<OrderRow["status"]> = ["cancelled", "delivered", "returned"];

/**
 * Hands an order to a carrier. The carrier is called first and the shipment row is written only with what it
 * returned, in one transaction with the order's status, so a failed call leaves no half-shipped order. A retry
 * after a timeout adopts the carrier order the first attempt may have created (Shiprocket and Maystro look it up
 * by our order number) instead of booking a second one.
 */
export async function shipOrder(deps: AppDeps, input: ShipOrderInput): Promise<ShipResult> {
  const data = shipOrderSchema.parse(input);
  const order = deps.db.select().from(orders).where(eq(orders.id, data.orderId)).get();
  if (!order) throw new DomainError("NOT_FOUND", "No such order.");
  const account = getCarrierAccount(deps.db, data.accountId);
  if (account.carrier !== data.carrier) {
    throw new DomainError("INVALID", `That account is a ${account.carrier} account.`);
  }
  if (!account.active) {
    throw new DomainError("CONFLICT", `The account "${account.name}" is disabled.`);
  }
  if (UNSHIPPABLE.includes(order.status)) {
    throw new DomainError("CONFLICT", `Order ${order.number} is ${order.status}: it cannot ship.`);
  }
  const live = deps.db
    .select({ id: shipments.id })
    .from(shipments)
    .where(and(eq(shipments.orderId, order.id), ne(shipments.status, "cancelled")))
    .get();
  if (live) throw new DomainError("CONFLICT", `Order ${order.number} has already shipped.`);
  if (shippingNow.has(order.id)) {
    throw new DomainError("CONFLICT", `Order ${order.number} is being shipped right now.`);
  }

  shippingNow.add(order.id);
  try {
    const adapter = deps.adapters.forAccount(account);
    const { created, warnings } = await bookAtCarrier(deps, { adapter, account, order, data });
    const shipmentId = recordShipment(deps, { order, account, created });
    if (created.trackingNumber) await trackOnce(deps, account, adapter, created.trackingNumber);
    const detail = getOrderDetail(deps.db, order).shipments.find((s) => s.id === shipmentId);
    if (!detail) throw new Error(`shipment ${shipmentId} vanished after shipping`);
    return { shipment: detail, warnings };
  } finally {
    shippingNow.delete(order.id);
  }
}

async function bookAtCarrier(
  deps: AppDeps,
  ctx: {
    adapter: CarrierAdapter;
    account: CarrierAccountRow;
    order: OrderRow;
    data: ShipOrderData;
  },
): Promise<{ created: CreatedShipment; warnings: string[] }> {
  const { adapter, account, order, data } = ctx;
  if (data.carrier === "sequel247") {
    // The admin booked the docket in Sequel247's own tools: nothing to create, only to track.
    const taken = deps.db
      .select({ id: shipments.id })
      .from(shipments)
      .where(and(eq(shipments.accountId, account.id), eq(shipments.trackingNumber, data.docket)))
      .get();
    if (taken)
      throw new DomainError("CONFLICT", `Docket ${data.docket} is already used by another order.`);
    return {
      created: {
        carrierOrderId: null,
        carrierShipmentId: null,
        trackingNumber: data.docket,
        courierName: null,
        trackingUrl: null,
        estimatedDelivery: null,
      },
      warnings: [],
    };
  }

  const now = () => deps.now();
  try {
    if (data.carrier === "maystro") {
      // Maystro's create is not idempotent: adopt an order an earlier, timed-out attempt created.
      const found = await adapter.lookupByOrderNumbers?.([order.number], { maxPages: 3 });
      const existing = found?.get(order.number);
      const created = existing
        ? existing.created
        : await adapter.createShipment!(createInput(deps, order, data));
      recordCarrierSuccess(deps.db, account.id, now());
      return {
        created,
        warnings: created.trackingNumber
          ? []
          : ["Maystro has not assigned a tracking number yet; the next sync learns it."],
      };
    }
    const created = (await adapter.createShipment!(
      createInput(deps, order, data),
    )) as ShiprocketCreatedShipment;
    recordCarrierSuccess(deps.db, account.id, now());
    const warnings: string[] = [];
    if (created.awbAssignError) warnings.push(`No AWB yet: ${created.awbAssignError}`);
    if (created.pickupError) warnings.push(`Pickup not scheduled: ${created.pickupError}`);
    return { created, warnings };
  } catch (error) {
    if (isAccountFailure(error)) recordCarrierFailure(deps.db, account.id, error, now());
    throw error;
  }
}

function createInput(deps: AppDeps, order: OrderRow, data: ShipOrderData): CreateShipmentInput {
  const items = deps.db
    .select({
      name: orderItems.name,
      sku: orderItems.sku,
      quantity: orderItems.quantity,
      unitPriceCents: orderItems.unitPriceCents,
      weightGrams: products.weightGrams,
    })
    .from(orderItems)
    .leftJoin(products, eq(products.id, orderItems.productId))
    .where(eq(orderItems.orderId, order.id))
    .all();
  const weightKg = Math.max(
    0.1,
    items.reduce((sum, item) => sum + (item.weightGrams ?? 500) * item.quantity, 0) / 1000,
  );
  const options: CreateShipmentInput["options"] =
    data.carrier === "maystro"
      ? {
          wilaya: data.wilaya,
          commune: data.commune,
          delivery_type: data.deliveryType,
          express: data.express,
          note_to_driver: data.noteToDriver ?? null,
          stop_desk_id: data.stopDeskId ?? null,
        }
      : data.carrier === "shiprocket"
        ? {
            pickupLocation: data.pickupLocation,
            ...(data.courierId ? { courierId: data.courierId } : {}),
          }
        : {};
  return {
    orderNumber: order.number,
    orderDate: order.createdAt,
    address: {
      name: order.shipName,
      email: order.contactEmail,
      phone: order.contactPhone,
      line1: order.shipLine1,
      line2: order.shipLine2,
      city: order.shipCity,
      state: order.shipState,
      postalCode: order.shipPostalCode,
      country: order.shipCountry,
    },
    items: items.map((item) => ({
      name: item.name,
      sku: item.sku,
      units: item.quantity,
      unitPrice: item.unitPriceCents / 100,
    })),
    paymentMethod: order.paymentMethod,
    subTotal: order.subtotalCents / 100,
    parcel: (data.carrier === "shiprocket" ? data.parcel : undefined) ?? {
      lengthCm: 20,
      breadthCm: 15,
      heightCm: 10,
      weightKg,
    },
    options,
  };
}

/**
 * The shipment row, the order's move to "processing" and the carrier's references, in one transaction.
 * References go through the apply path, so "tracking available" is announced by the same rules as later updates.
 */
function recordShipment(
  deps: AppDeps,
  input: { order: OrderRow; account: CarrierAccountRow; created: CreatedShipment },
): string {
  const { order, account, created } = input;
  const now = deps.now();
  const shipmentId = createId();
  deps.db.transaction((tx) => {
    tx.insert(shipments)
      .values({
        id: shipmentId,
        orderId: order.id,
        accountId: account.id,
        carrier: account.carrier,
        carrierOrderId: created.carrierOrderId,
        carrierShipmentId: created.carrierShipmentId,
        nextCheckAt: now,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    const orderStatus =
      order.status === "pending" || order.status === "confirmed" ? "processing" : order.status;
    tx.update(orders)
      .set({ status: orderStatus, updatedAt: now })
      .where(eq(orders.id, order.id))
      .run();
    appendOrderEvent(tx, {
      orderId: order.id,
      userId: order.userId,
      payload: {
        type: "shipment.created",
        orderId: order.id,
        orderNumber: order.number,
        shipmentId,
        carrier: account.carrier,
        source: "admin",
        status: "pending",
        orderStatus,
      },
      now: now,
    });
    applyCarrierUpdates(
      tx,
      [
        {
          shipmentId,
          update: {
            carrier: account.carrier,
            ref: {},
            trackingNumber: created.trackingNumber,
            courierName: created.courierName,
            trackingUrl: created.trackingUrl,
            estimatedDelivery: created.estimatedDelivery,
            scans: [],
          },
        },
      ],
      { source: "admin", now, publicUrl: deps.publicUrl },
    );
  });
  deps.bus.wake();
  return shipmentId;
}

/** "Starts tracking at once": the first look at the carrier right after booking. Its failure is only a later sync's job. */
async function trackOnce(
  deps: AppDeps,
  account: CarrierAccountRow,
  adapter: CarrierAdapter,
  trackingNumber: string,
): Promise<void> {
  try {
    const [result] = await adapter.track([{ trackingNumber }]);
    if (result && !result.ok && isAccountFailure(result.error)) throw result.error;
    recordCarrierSuccess(deps.db, account.id, deps.now());
    if (!result?.ok) return;
    const { matched } = matchUpdatesToShipments(deps.db, account.id, [result.update]);
    commitCarrierUpdates(deps, matched, "poll");
  } catch (error) {
    if (isAccountFailure(error)) recordCarrierFailure(deps.db, account.id, error, deps.now());
    deps.logger.warn("first tracking call after shipping failed", {
      accountId: account.id,
      error: String(error),
    });
  }
}
