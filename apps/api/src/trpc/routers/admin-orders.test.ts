import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../../deps";
import { callerFor, createTestUser } from "../../testing/caller";
import { createTestDeps } from "../../testing/deps";
import { placeTestOrder, seedCatalog } from "../../testing/fixtures";
import {
  createSandboxAccount,
  type SandboxServer,
  startSandboxServer,
} from "../../testing/sandboxes";

let sandbox: SandboxServer;
let deps: AppDeps;

beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => sandbox.close());
beforeEach(() => {
  deps = createTestDeps();
  seedCatalog(deps.db);
});

function placeFor(user: { id: string; email: string }, phone = "9876543210") {
  return placeTestOrder(deps, user, {
    contactPhone: phone,
    address: {
      name: "R. Iyer",
      line1: "2 Park St",
      city: "Kolkata",
      state: "WB",
      postalCode: "700016",
    },
  });
}

const codeOf = (error: unknown) => (error as { code?: string }).code;

describe("admin procedures", () => {
  it("refuses customers on every admin order and carrier procedure with FORBIDDEN", async () => {
    const customer = callerFor(deps, createTestUser(deps));
    const attempts = [
      () => customer.admin.orders.list({}),
      () => customer.admin.orders.byId({ orderId: "x" }),
      () => customer.admin.orders.updateStatus({ orderId: "x", status: "shipped" }),
      () => customer.admin.orders.bulkUpdateStatus({ orderIds: ["x"], status: "shipped" }),
      () =>
        customer.admin.orders.ship({
          carrier: "sequel247",
          orderId: "x",
          accountId: "y",
          docket: "0581094993",
        }),
      () => customer.admin.carriers.list(),
      () =>
        customer.admin.carriers.create({
          carrier: "maystro",
          name: "m",
          credentials: { apiToken: "t" },
        }),
      () => customer.admin.carriers.test({ id: "x" }),
      () => customer.admin.stats.overview(),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toSatisfy((e) => codeOf(e) === "FORBIDDEN");
    }
    await expect(callerFor(deps, null).admin.orders.list({})).rejects.toSatisfy(
      (e) => codeOf(e) === "UNAUTHORIZED",
    );
  });

  it("lists with filters, search, a stable cursor and the total", async () => {
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const alice = createTestUser(deps);
    const bob = createTestUser(deps);
    const placed = [
      placeFor(alice),
      placeFor(bob),
      placeFor(alice),
      placeFor(bob),
      placeFor(alice),
    ];

    const first = await admin.admin.orders.list({ limit: 2 });
    expect(first.total).toBe(5);
    const second = await admin.admin.orders.list({ limit: 2, cursor: first.nextCursor });
    const third = await admin.admin.orders.list({ limit: 2, cursor: second.nextCursor });
    const seen = [...first.items, ...second.items, ...third.items].map((o) => o.number);
    expect(new Set(seen).size).toBe(5);
    expect(third.nextCursor).toBeNull();

    const byEmail = await admin.admin.orders.list({ search: bob.email.toUpperCase() });
    expect(byEmail.total).toBe(2);
    const byNumber = await admin.admin.orders.list({ search: placed[2]!.number });
    expect(byNumber.items.map((o) => o.id)).toEqual([placed[2]!.orderId]);

    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    await admin.admin.orders.ship({
      carrier: "sequel247",
      orderId: placed[0]!.orderId,
      accountId: account.id,
      docket: "0581094993",
    });
    const byDocket = await admin.admin.orders.list({ search: "0581094993" });
    expect(byDocket.items.map((o) => o.id)).toEqual([placed[0]!.orderId]);
    const byCarrier = await admin.admin.orders.list({ carrier: "sequel247" });
    expect(byCarrier.total).toBe(1);
    expect(byCarrier.items[0]?.shipment?.trackingNumber).toBe("0581094993");
    const confirmed = await admin.admin.orders.list({ status: ["confirmed"] });
    expect(confirmed.total).toBe(4);
  });

  it("changes status in bulk in one go, through the timeline for shipped orders, with the customer's note", async () => {
    const adminUser = createTestUser(deps, "admin");
    const admin = callerFor(deps, adminUser);
    const customer = createTestUser(deps);
    const orders = [placeFor(customer), placeFor(customer), placeFor(customer)];
    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    await admin.admin.orders.ship({
      carrier: "sequel247",
      orderId: orders[0]!.orderId,
      accountId: account.id,
      docket: "0581094996",
    });

    const summary = await admin.admin.orders.bulkUpdateStatus({
      orderIds: [...orders.map((o) => o.orderId), "missing-order"],
      status: "delivered",
      note: "Handed over at the door",
    });
    expect(summary).toMatchObject({ updated: 3, unchanged: 0, notFound: 1 });
    const shipped = await admin.admin.orders.byId({ orderId: orders[0]!.orderId });
    expect(shipped.status).toBe("delivered");
    expect(shipped.shipments[0]?.status).toBe("delivered");
    expect(shipped.shipments[0]?.timeline[0]).toMatchObject({
      source: "admin",
      description: "Handed over at the door",
    });

    const again = await admin.admin.orders.bulkUpdateStatus({
      orderIds: orders.map((o) => o.orderId),
      status: "delivered",
    });
    expect(again).toMatchObject({ updated: 0, unchanged: 3 });
    const notes = deps.db
      .select()
      .from(schema.notifications)
      .where(eq(schema.notifications.body, "Handed over at the door"))
      .all();
    expect(notes).toHaveLength(3);
  });

  it("refuses a bulk change over 500 orders with a field error", async () => {
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const ids = Array.from({ length: 501 }, (_, i) => `o${i}`);
    await expect(
      admin.admin.orders.bulkUpdateStatus({ orderIds: ids, status: "shipped" }),
    ).rejects.toSatisfy((e) => codeOf(e) === "BAD_REQUEST");
  });
});

describe("tracking.public", () => {
  it("shows the timeline for the right pair, nothing personal, and the same refusal for a wrong pair", async () => {
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const customer = createTestUser(deps);
    const order = placeFor(customer, "+91 98765-43210");
    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    await admin.admin.orders.ship({
      carrier: "sequel247",
      orderId: order.orderId,
      accountId: account.id,
      docket: "0581094997",
    });

    const visitor = callerFor(deps, null);
    const byPhone = await visitor.tracking.public({
      trackingNumber: "0581094997",
      contact: "9876543210",
    });
    const byEmail = await visitor.tracking.public({
      trackingNumber: "0581094997",
      contact: customer.email,
    });
    expect(byPhone.trackingNumber).toBe("0581094997");
    expect(byEmail.status).toBe(byPhone.status);
    const text = JSON.stringify(byPhone);
    for (const secret of [customer.email, "R. Iyer", "Park St", "700016", order.number]) {
      expect(text).not.toContain(secret);
    }
    for (const wrong of [
      { trackingNumber: "0581094997", contact: "someone@else.test" },
      { trackingNumber: "0000000000", contact: customer.email },
    ]) {
      await expect(visitor.tracking.public(wrong)).rejects.toSatisfy(
        (e) => codeOf(e) === "NOT_FOUND",
      );
    }
  });

  it("slows down guessing with TOO_MANY_REQUESTS", async () => {
    const visitor = callerFor(deps, null);
    const guess = () =>
      visitor.tracking.public({ trackingNumber: "1234567890", contact: "a@b.test" });
    for (let i = 0; i < 30; i++)
      await expect(guess()).rejects.toSatisfy((e) => codeOf(e) === "NOT_FOUND");
    await expect(guess()).rejects.toSatisfy((e) => codeOf(e) === "TOO_MANY_REQUESTS");
  });
});
