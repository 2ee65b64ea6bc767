import { schema } from "@waybill/db";
import { count } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../../deps";
import { callerFor, createTestUser } from "../../testing/caller";
import { createTestDeps } from "../../testing/deps";
import { seedCatalog } from "../../testing/fixtures";

let deps: AppDeps;
beforeEach(() => {
  deps = createTestDeps();
  seedCatalog(deps.db);
});

const codeOf = (error: unknown) => (error as { code?: string }).code;
const address = {
  name: "A. Sen",
  line1: "9 Lake Rd",
  city: "Kolkata",
  state: "WB",
  postalCode: "700029",
};

async function placeAs(caller: ReturnType<typeof callerFor>, email: string, quantity = 1) {
  const [product] = await caller.catalog.products();
  return caller.orders.place({
    items: [{ productId: product!.id, quantity }],
    address,
    contactEmail: email,
    contactPhone: "9876543210",
  });
}

describe("orders", () => {
  it("prices an order from the catalog, confirms it and announces it once", async () => {
    const user = createTestUser(deps);
    const customer = callerFor(deps, user);
    const [product] = await customer.catalog.products();
    const placed = await placeAs(customer, user.email, 3);
    expect(placed.number).toMatch(/^WB-\d{4}-000001$/);
    const detail = await customer.orders.byId({ orderId: placed.orderId });
    expect(detail).toMatchObject({
      status: "confirmed",
      totalCents: product!.priceCents * 3,
      shipments: [],
    });
    expect(detail.items[0]).toMatchObject({ quantity: 3, unitPriceCents: product!.priceCents });
    const notifications = deps.db.select({ n: count() }).from(schema.notifications).get()?.n;
    const mails = deps.db.select({ n: count() }).from(schema.outbox).get()?.n;
    expect([notifications, mails]).toEqual([1, 1]);
    expect((await placeAs(customer, user.email)).number).toMatch(/000002$/);
  });

  it("refuses an unknown product and an empty cart with field errors", async () => {
    const user = createTestUser(deps);
    const customer = callerFor(deps, user);
    const base = { address, contactEmail: user.email, contactPhone: "9876543210" };
    await expect(
      customer.orders.place({ ...base, items: [{ productId: "nope", quantity: 1 }] }),
    ).rejects.toSatisfy((e) => codeOf(e) === "BAD_REQUEST");
    await expect(customer.orders.place({ ...base, items: [] })).rejects.toSatisfy(
      (e) => codeOf(e) === "BAD_REQUEST",
    );
    expect(deps.db.select({ n: count() }).from(schema.orders).get()?.n).toBe(0);
  });

  it("pages the caller's own orders newest first", async () => {
    const user = createTestUser(deps);
    const customer = callerFor(deps, user);
    const other = createTestUser(deps);
    await placeAs(callerFor(deps, other), other.email);
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) numbers.push((await placeAs(customer, user.email)).number);
    const first = await customer.orders.my({ limit: 2 });
    const second = await customer.orders.my({ limit: 2, cursor: first.nextCursor });
    const third = await customer.orders.my({ limit: 2, cursor: second.nextCursor });
    const listed = [...first.items, ...second.items, ...third.items].map((o) => o.number);
    expect(listed).toEqual([...numbers].reverse());
    expect(third.nextCursor).toBeNull();
    expect(first.items[0]).toMatchObject({ itemCount: 1, shipment: null });
  });

  it("answers NOT_FOUND when customer A asks about customer B's order, on every order procedure", async () => {
    const alice = createTestUser(deps);
    const bob = createTestUser(deps);
    const bobsOrder = await placeAs(callerFor(deps, bob), bob.email);
    const asAlice = callerFor(deps, alice);
    await expect(asAlice.orders.byId({ orderId: bobsOrder.orderId })).rejects.toSatisfy(
      (e) => codeOf(e) === "NOT_FOUND",
    );
    await expect(asAlice.orders.checkForUpdates({ orderId: bobsOrder.orderId })).rejects.toSatisfy(
      (e) => codeOf(e) === "NOT_FOUND",
    );
    const subscription = await asAlice.orders
      .onUpdate({ orderId: bobsOrder.orderId })
      .catch((e: unknown) => e);
    const firstItem =
      subscription instanceof Error
        ? subscription
        : await (subscription as AsyncIterable<unknown>)
            [Symbol.asyncIterator]()
            .next()
            .catch((e: unknown) => e);
    expect(codeOf(firstItem)).toBe("NOT_FOUND");
    expect((await asAlice.orders.my({})).items).toEqual([]);
    // An admin may read it; a visitor may not even ask.
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    expect((await admin.orders.byId({ orderId: bobsOrder.orderId })).id).toBe(bobsOrder.orderId);
    await expect(
      callerFor(deps, null).orders.byId({ orderId: bobsOrder.orderId }),
    ).rejects.toSatisfy((e) => codeOf(e) === "UNAUTHORIZED");
  });
});
