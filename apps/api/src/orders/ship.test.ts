import { isCarrierError } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppDeps } from "../deps";
import { DomainError } from "../lib/errors";
import { createTestUser } from "../testing/caller";
import { createTestDeps } from "../testing/deps";
import { placeTestOrder, seedCatalog } from "../testing/fixtures";
import { createSandboxAccount, type SandboxServer, startSandboxServer } from "../testing/sandboxes";
import { shipOrder } from "./ship";

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

function anOrder(contactPhone = "+91 98765 43210") {
  return placeTestOrder(deps, createTestUser(deps), { quantity: 2, contactPhone });
}

const shipmentsOf = (orderId: string) =>
  deps.db.select().from(schema.shipments).where(eq(schema.shipments.orderId, orderId)).all();
const countOf = (table: typeof schema.notifications | typeof schema.outbox) =>
  deps.db.select({ n: count() }).from(table).get()?.n ?? 0;

describe("shipping an order", () => {
  it("Sequel247: tracks a typed docket at once and announces the tracking number", async () => {
    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    const order = anOrder();
    const truth = sandbox.sandboxes.sequel247.control.createShipment({
      scenario: "delivered",
      orderNumber: order.number,
    });
    await sandbox.sandboxes.advance(6 * 3_600_000);
    const docket = truth.trackingNumber!;

    const result = await shipOrder(deps, {
      carrier: "sequel247",
      orderId: order.orderId,
      accountId: account.id,
      docket: ` ${docket} `,
    });
    expect(result.shipment.trackingNumber).toBe(docket);
    expect(result.shipment.timeline.length).toBeGreaterThan(0);
    const order2 = deps.db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.id, order.orderId))
      .get()!;
    expect(order2.status).not.toBe("confirmed");
    const titles = deps.db
      .select({ t: schema.notifications.title })
      .from(schema.notifications)
      .all();
    expect(titles.map((t) => t.t)).toContain("Your order has a tracking number");
  });

  it("Sequel247: refuses a malformed docket and a docket used by another order", async () => {
    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    const first = anOrder();
    await expect(
      shipOrder(deps, {
        carrier: "sequel247",
        orderId: first.orderId,
        accountId: account.id,
        docket: "12AB",
      }),
    ).rejects.toThrow(/10 digits/);
    await shipOrder(deps, {
      carrier: "sequel247",
      orderId: first.orderId,
      accountId: account.id,
      docket: "0581094993",
    });
    const second = anOrder();
    await expect(
      shipOrder(deps, {
        carrier: "sequel247",
        orderId: second.orderId,
        accountId: account.id,
        docket: "0581094993",
      }),
    ).rejects.toThrow(DomainError);
    expect(shipmentsOf(second.orderId)).toHaveLength(0);
  });

  it("Shiprocket: creates the order at the carrier and stores only the ids it returned", async () => {
    const account = createSandboxAccount(deps, "shiprocket", sandbox.url);
    const order = anOrder();
    const result = await shipOrder(deps, {
      carrier: "shiprocket",
      orderId: order.orderId,
      accountId: account.id,
    });
    const [row] = shipmentsOf(order.orderId);
    expect(row?.carrierOrderId).toBeTruthy();
    const truth = sandbox.sandboxes.shiprocket.control
      .groundTruth()
      .filter((s) => s.orderNumber === order.number);
    expect(truth).toHaveLength(1);
    expect(row?.carrierOrderId).toBe(truth[0]?.carrierOrderId);
    // The AWB is whatever the carrier assigned: the sandbox's own value, or null with a warning.
    expect(row?.trackingNumber ?? null).toBe(truth[0]?.trackingNumber ?? null);
    if (row?.trackingNumber === null) expect(result.warnings.join(" ")).toMatch(/AWB/);
  });

  it("Shiprocket: a retry after a timed-out create adopts the carrier order instead of booking a second", async () => {
    const account = createSandboxAccount(deps, "shiprocket", sandbox.url);
    const order = anOrder();
    // The first attempt reached the carrier, but its answer never came back.
    const adapter = deps.adapters.forAccount(account);
    await adapter.createShipment!({
      orderNumber: order.number,
      orderDate: new Date(),
      address: {
        name: "Asha Verma",
        email: "asha@example.test",
        phone: "9876543210",
        line1: "14 MG Road",
        city: "Pune",
        state: "Maharashtra",
        postalCode: "411001",
        country: "India",
      },
      items: [{ name: "Tea", sku: "TEA", units: 1, unitPrice: 649 }],
      paymentMethod: "prepaid",
      subTotal: 649,
      parcel: { lengthCm: 10, breadthCm: 10, heightCm: 10, weightKg: 0.5 },
    });
    await shipOrder(deps, { carrier: "shiprocket", orderId: order.orderId, accountId: account.id });
    const truth = sandbox.sandboxes.shiprocket.control
      .groundTruth()
      .filter((s) => s.orderNumber === order.number);
    expect(truth).toHaveLength(1);
    expect(shipmentsOf(order.orderId)).toHaveLength(1);
  });

  it("Maystro: creates the order with our order number as external_order_id", async () => {
    const account = createSandboxAccount(deps, "maystro", sandbox.url);
    const order = anOrder("0555 12 34 56");
    await shipOrder(deps, {
      carrier: "maystro",
      orderId: order.orderId,
      accountId: account.id,
      wilaya: 16,
      commune: 1,
    });
    const truth = sandbox.sandboxes.maystro.control
      .groundTruth()
      .filter((s) => s.orderNumber === order.number);
    expect(truth).toHaveLength(1);
    const [row] = shipmentsOf(order.orderId);
    expect(row?.carrierOrderId).toBe(truth[0]?.carrierOrderId);
  });

  it("a failed carrier call leaves no shipment, a clear error and the account's health showing it", async () => {
    const account = createSandboxAccount(deps, "shiprocket", sandbox.url);
    const order = anOrder();
    sandbox.sandboxes.shiprocket.control.faults.set({ errorRate: 1 });
    try {
      const failure = await shipOrder(deps, {
        carrier: "shiprocket",
        orderId: order.orderId,
        accountId: account.id,
      }).catch((error: unknown) => error);
      expect(isCarrierError(failure)).toBe(true);
    } finally {
      sandbox.sandboxes.shiprocket.control.faults.reset();
    }
    expect(shipmentsOf(order.orderId)).toHaveLength(0);
    const orderRow = deps.db
      .select()
      .from(schema.orders)
      .where(eq(schema.orders.id, order.orderId))
      .get();
    expect(orderRow?.status).toBe("confirmed");
    const health = deps.db
      .select()
      .from(schema.carrierAccounts)
      .where(eq(schema.carrierAccounts.id, account.id))
      .get();
    expect(health?.lastError).toBeTruthy();
    expect(health?.consecutiveFailures).toBe(1);
  });

  it("refuses to ship an order twice", async () => {
    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    const order = anOrder();
    await shipOrder(deps, {
      carrier: "sequel247",
      orderId: order.orderId,
      accountId: account.id,
      docket: "0581094994",
    });
    const notifications = countOf(schema.notifications);
    await expect(
      shipOrder(deps, {
        carrier: "sequel247",
        orderId: order.orderId,
        accountId: account.id,
        docket: "0581094995",
      }),
    ).rejects.toThrow(/already shipped/);
    expect(countOf(schema.notifications)).toBe(notifications);
  });
});
