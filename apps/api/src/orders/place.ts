import { createId, type Db, formatOrderNumber, schema, type Tx } from "@waybill/db";
import { desc, eq, inArray, like } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "../lib/errors";
import type { EventBus } from "../live/bus";
import { announceMilestone } from "../notifications/announce";
import { appendOrderEvent } from "../tracking/order-events";

const { events, orderItems, orders, products } = schema;

export const MAX_ORDER_LINES = 20;

export const addressSchema = z.object({
  name: z.string().trim().min(1, "Enter the recipient's name.").max(120),
  line1: z.string().trim().min(1, "Enter the street address.").max(200),
  line2: z.string().trim().max(200).nullish(),
  city: z.string().trim().min(1, "Enter the city.").max(80),
  state: z.string().trim().min(1, "Enter the state.").max(80),
  postalCode: z
    .string()
    .trim()
    .regex(/^[0-9A-Za-z -]{3,10}$/, "Enter a valid postal code."),
  country: z.string().trim().min(2).max(60).default("India"),
});

export const placeOrderSchema = z.object({
  items: z
    .array(
      z.object({
        productId: z.string().min(1),
        quantity: z.number().int().min(1, "At least one.").max(20, "At most 20 of one item."),
      }),
    )
    .min(1, "Add at least one item.")
    .max(MAX_ORDER_LINES),
  address: addressSchema,
  contactEmail: z.email("Enter a valid e-mail address.").max(254),
  contactPhone: z
    .string()
    .trim()
    .regex(/^\+?[0-9 ()-]{7,20}$/, "Enter a valid phone number."),
  paymentMethod: z.enum(schema.PAYMENT_METHODS).default("prepaid"),
  emailOptOut: z.boolean().default(false),
});
export type PlaceOrderInput = z.input<typeof placeOrderSchema>;

/** Next number of the year: `WB-2026-000124`. Called inside the insert's transaction, so two orders never share one. */
function nextOrderNumber(tx: Tx, now: Date): string {
  const year = now.getUTCFullYear();
  const last = tx
    .select({ number: orders.number })
    .from(orders)
    .where(like(orders.number, `WB-${year}-%`))
    .orderBy(desc(orders.number))
    .limit(1)
    .get();
  const sequence = last ? Number(last.number.slice(`WB-${year}-`.length)) + 1 : 1;
  return formatOrderNumber(year, sequence);
}

/**
 * A customer's order, priced from the catalog (never from the client), confirmed at once: the order row, its
 * items, the "order confirmed" notification and e-mail, and the `events` row, in one transaction.
 */
export function placeOrder(
  deps: { db: Db; bus: EventBus; now: () => Date; publicUrl: string },
  userId: string,
  input: PlaceOrderInput,
): { orderId: string; number: string } {
  const data = placeOrderSchema.parse(input);
  const now = deps.now();
  const wanted = new Map<string, number>();
  for (const line of data.items) {
    wanted.set(line.productId, (wanted.get(line.productId) ?? 0) + line.quantity);
  }

  const placed = deps.db.transaction((tx) => {
    const found = tx
      .select()
      .from(products)
      .where(inArray(products.id, [...wanted.keys()]))
      .all();
    const available = new Map(found.filter((p) => p.active).map((p) => [p.id, p]));
    const missing = [...wanted.keys()].filter((id) => !available.has(id));
    if (missing.length > 0) {
      throw new DomainError("INVALID", "Some items are no longer available.", {
        productIds: missing,
      });
    }
    const lines = [...wanted].map(([productId, quantity]) => {
      const product = available.get(productId)!;
      return { product, quantity };
    });
    const subtotalCents = lines.reduce((sum, l) => sum + l.product.priceCents * l.quantity, 0);
    const orderId = createId();
    const number = nextOrderNumber(tx, now);
    const { address } = data;
    tx.insert(orders)
      .values({
        id: orderId,
        number,
        userId,
        status: "confirmed",
        subtotalCents,
        shippingCents: 0,
        totalCents: subtotalCents,
        paymentMethod: data.paymentMethod,
        contactEmail: data.contactEmail.toLowerCase(),
        contactPhone: data.contactPhone,
        shipName: address.name,
        shipLine1: address.line1,
        shipLine2: address.line2 ?? null,
        shipCity: address.city,
        shipState: address.state,
        shipPostalCode: address.postalCode,
        shipCountry: address.country,
        emailOptOut: data.emailOptOut,
        createdAt: now,
        updatedAt: now,
      })
      .run();
    tx.insert(orderItems)
      .values(
        lines.map(({ product, quantity }) => ({
          id: createId(),
          orderId,
          productId: product.id,
          sku: product.sku,
          name: product.name,
          unitPriceCents: product.priceCents,
          quantity,
        })),
      )
      .run();
    announceConfirmed(tx, {
      orderId,
      number,
      userId,
      contactEmail: data.contactEmail.toLowerCase(),
      emailOptOut: data.emailOptOut,
      now,
      publicUrl: deps.publicUrl,
      items: lines.map(({ product, quantity }) => ({ name: product.name, quantity })),
    });
    return { orderId, number };
  });
  deps.bus.wake();
  return placed;
}

function announceConfirmed(
  tx: Tx,
  input: {
    orderId: string;
    number: string;
    userId: string;
    contactEmail: string;
    emailOptOut: boolean;
    now: Date;
    publicUrl: string;
    items: Array<{ name: string; quantity: number }>;
  },
): void {
  const context = {
    orderNumber: input.number,
    courierName: null,
    trackingNumber: null,
    trackingUrl: null,
    estimatedDelivery: null,
    location: null,
    orderUrl: `${input.publicUrl}/orders/${input.orderId}`,
    items: input.items,
  };
  announceMilestone(tx, {
    milestone: "confirmed",
    context,
    order: {
      id: input.orderId,
      userId: input.userId,
      contactEmail: input.contactEmail,
      emailOptOut: input.emailOptOut,
    },
    dedupeKey: `${input.orderId}:confirmed`,
    now: input.now,
  });
  appendOrderEvent(tx, {
    orderId: input.orderId,
    userId: input.userId,
    payload: {
      type: "order.placed",
      orderId: input.orderId,
      orderNumber: input.number,
      orderStatus: "confirmed",
    },
    now: input.now,
  });
}

export function getOrderRow(db: Db, orderId: string) {
  return db.select().from(orders).where(eq(orders.id, orderId)).get();
}
