import type { OrderStatus } from "@waybill/carriers/statuses";
import { sql } from "drizzle-orm";
import type { Db } from "../client";
import { createId, formatOrderNumber } from "../ids";
import { orderItems, orders, products } from "../schema/orders";
import { users } from "../schema/users";
import { DEMO_ADDRESSES, DEMO_PRODUCTS } from "./catalog";

export const DEMO_LOGINS = {
  admin: { email: "admin@waybill.test", password: "demo-admin-pass", name: "Shop Admin" },
  customer: { email: "asha@waybill.test", password: "demo-customer-pass", name: "Asha Verma" },
} as const;

const EXTRA_CUSTOMERS = [
  { email: "rahul@waybill.test", name: "Rahul Mehta" },
  { email: "priya@waybill.test", name: "Priya Nair" },
] as const;

/**
 * Orders that have not reached a carrier yet: states the shop owns. Shipped orders only ever
 * come from a carrier (the sandboxes in the demo), never from the seed.
 */
const DEMO_ORDER_PLAN: Array<{
  customer: number;
  status: OrderStatus;
  items: number[];
  daysAgo: number;
}> = [
  { customer: 0, status: "confirmed", items: [0, 2], daysAgo: 0 },
  { customer: 0, status: "processing", items: [1], daysAgo: 1 },
  { customer: 0, status: "pending", items: [5], daysAgo: 2 },
  { customer: 0, status: "cancelled", items: [3], daysAgo: 9 },
  { customer: 1, status: "confirmed", items: [4, 0], daysAgo: 0 },
  { customer: 1, status: "processing", items: [2, 2], daysAgo: 3 },
  { customer: 2, status: "confirmed", items: [5, 1], daysAgo: 1 },
  { customer: 2, status: "pending", items: [0], daysAgo: 4 },
];

const DAY_MS = 86_400_000;

export type DemoSeedResult = { seeded: boolean; orders: number };

/**
 * Seeds the demo shop once: products, an admin, three customers and their orders.
 * Does nothing when users already exist (first start only). Password hashes come from the caller:
 * hashing is the API's concern.
 */
export function seedDemo(
  db: Db,
  options: { adminPasswordHash: string; customerPasswordHash: string; now: Date },
): DemoSeedResult {
  return db.transaction((tx) => {
    const existing = tx.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
    if (existing > 0) return { seeded: false, orders: 0 };

    const productRows = DEMO_PRODUCTS.map((p) => ({ id: createId(), ...p }));
    tx.insert(products).values(productRows).run();

    tx.insert(users)
      .values({
        id: createId(),
        email: DEMO_LOGINS.admin.email,
        name: DEMO_LOGINS.admin.name,
        passwordHash: options.adminPasswordHash,
        role: "admin",
      })
      .run();

    const customers = [DEMO_LOGINS.customer, ...EXTRA_CUSTOMERS].map((c, index) => {
      const address = DEMO_ADDRESSES[index % DEMO_ADDRESSES.length];
      return {
        id: createId(),
        email: c.email,
        name: c.name,
        phone: address?.phone ?? null,
        passwordHash: options.customerPasswordHash,
        role: "customer" as const,
      };
    });
    tx.insert(users).values(customers).run();

    const year = options.now.getUTCFullYear();
    DEMO_ORDER_PLAN.forEach((plan, index) => {
      const customer = customers[plan.customer];
      const address = DEMO_ADDRESSES[plan.customer];
      if (!customer || !address)
        throw new Error(`demo plan names a missing customer ${plan.customer}`);
      const lines = plan.items.map((i) => {
        const product = productRows[i];
        if (!product) throw new Error(`demo plan names a missing product ${i}`);
        return product;
      });
      const subtotal = lines.reduce((sum, p) => sum + p.priceCents, 0);
      const placedAt = new Date(options.now.getTime() - plan.daysAgo * DAY_MS - index * 3_600_000);
      const orderId = createId();
      tx.insert(orders)
        .values({
          id: orderId,
          number: formatOrderNumber(year, index + 1),
          userId: customer.id,
          status: plan.status,
          subtotalCents: subtotal,
          shippingCents: 0,
          totalCents: subtotal,
          contactEmail: customer.email,
          contactPhone: address.phone,
          shipName: address.name,
          shipLine1: address.line1,
          shipLine2: address.line2,
          shipCity: address.city,
          shipState: address.state,
          shipPostalCode: address.postalCode,
          createdAt: placedAt,
          updatedAt: placedAt,
        })
        .run();
      tx.insert(orderItems)
        .values(
          lines.map((p) => ({
            id: createId(),
            orderId,
            productId: p.id,
            sku: p.sku,
            name: p.name,
            unitPriceCents: p.priceCents,
            quantity: 1,
          })),
        )
        .run();
    });
    return { seeded: true, orders: DEMO_ORDER_PLAN.length };
  });
}
