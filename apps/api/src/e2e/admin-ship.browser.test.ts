/// <reference lib="dom" />
import type { CarrierId } from "@waybill/carriers/statuses";
import { schema } from "@waybill/db";
import { DEMO_LOGINS } from "@waybill/db/seed";
import { and, asc, eq, isNull, notInArray } from "drizzle-orm";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, saveScreenshot } from "../testing/browser";
import { startTestServer, type TestServer } from "../testing/server";

/**
 * The admin app against the real server, its built SPAs, the demo shop and the carrier sandboxes on
 * the server's own port: an admin ships an order by typing a Sequel247 docket while the customer
 * watches its tracking page in another browser, then changes three orders at once while the
 * dashboard, open in another tab, follows.
 */

// Two cores run the server, the sandboxes and Chromium at once. Waits end as soon as the condition
// holds; these are ceilings, not expectations.
const LIVE = { timeout: 20_000 };

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({
    serveSpas: true,
    demo: true,
    env: { CARRIER_SANDBOX: "on" },
  });
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(
  context: BrowserContext,
  path: string,
  login: { email: string; password: string },
): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${server.url}${path}`);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByLabel("Password").press("Enter");
  return page;
}

/** An order of the demo customer that no carrier has yet: the one the admin ships. */
function unshippedOrderOfDemoCustomer() {
  const { db } = server.deps;
  const row = db
    .select({ id: schema.orders.id, number: schema.orders.number })
    .from(schema.orders)
    .innerJoin(schema.users, eq(schema.users.id, schema.orders.userId))
    .leftJoin(schema.shipments, eq(schema.shipments.orderId, schema.orders.id))
    .where(
      and(
        eq(schema.users.email, DEMO_LOGINS.customer.email),
        isNull(schema.shipments.id),
        notInArray(schema.orders.status, ["cancelled", "delivered", "returned"]),
      ),
    )
    .orderBy(asc(schema.orders.createdAt))
    .get();
  if (!row) throw new Error("the demo seed left the demo customer no unshipped order");
  return row;
}

/** The id of an order whose shipment with this carrier has scans (the demo's arrive in its first seconds). */
async function orderWithScansOf(carrier: CarrierId): Promise<string> {
  const orderId = await expectEventually(
    async () =>
      server.deps.db
        .select({ orderId: schema.shipments.orderId })
        .from(schema.shipments)
        .innerJoin(schema.trackingEvents, eq(schema.trackingEvents.shipmentId, schema.shipments.id))
        .where(eq(schema.shipments.carrier, carrier))
        .get()?.orderId,
    (found) => found !== undefined,
  );
  return orderId as string;
}

/** A docket number the Sequel247 sandbox knows, as if booked in Sequel247's own tools. */
async function bookSequel247Docket(): Promise<string> {
  const response = await fetch(`${server.sandboxUrl}/sequel247/__sandbox/shipments`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ scenario: "delivered" }),
  });
  expect(response.status).toBe(201);
  const created = (await response.json()) as { trackingNumber: string };
  expect(created.trackingNumber).toMatch(/^\d{10}$/);
  return created.trackingNumber;
}

/** The dashboard's "Orders by status" figure for one status. */
async function dashboardCount(page: Page, status: string): Promise<number> {
  const text = await page
    .locator(`[aria-label="Orders by status"] li[data-status="${status}"] .adm-bars__value`)
    .textContent();
  return Number((text ?? "").replace(/\D/g, ""));
}

describe("admin app in a real browser", () => {
  it("ships a Sequel247 order by docket while the customer watches, then bulk-updates with the dashboard live", async () => {
    const order = unshippedOrderOfDemoCustomer();
    const docket = await bookSequel247Docket();

    // The customer has the order's tracking page open before anything happens.
    const customerContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const customer = await signIn(customerContext, "/signin", DEMO_LOGINS.customer);
    await customer.getByRole("heading", { name: "Your account" }).waitFor(LIVE);
    await customer.goto(`${server.url}/orders/${order.id}`);
    await customer.getByRole("heading", { name: `Order ${order.number}` }).waitFor(LIVE);
    await customer.locator('[role="status"][data-state="live"]').first().waitFor(LIVE);
    expect(await customer.getByTestId("tracking-number").count()).toBe(0);

    const adminContext = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const admin = await signIn(adminContext, "/admin/signin", DEMO_LOGINS.admin);
    await admin.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor(LIVE);
    await admin.locator('[role="status"][data-state="live"]').first().waitFor(LIVE);
    await admin.getByRole("region", { name: "Needs attention" }).waitFor(LIVE);
    await saveScreenshot(admin, "admin-dashboard");

    // Ship: the docket is checked in the browser first, then by the api and the carrier.
    await admin.goto(`${server.url}/admin/orders/${order.id}`);
    await admin.getByRole("heading", { name: `Order ${order.number}` }).waitFor(LIVE);
    await admin.getByLabel("Carrier account").selectOption({ label: "Sequel247 (sandbox)" });
    await admin.getByLabel("Docket number").fill(docket.slice(0, 9));
    await admin.getByRole("button", { name: "Start tracking this docket" }).click();
    await admin.getByText("exactly 10 digits (this one has 9)").waitFor(LIVE);
    await saveScreenshot(admin, "admin-order-ship-form-error");
    await admin.getByLabel("Docket number").fill(docket);
    await admin.getByRole("button", { name: "Start tracking this docket" }).click();
    await admin.getByText(`with tracking number ${docket}`).waitFor(LIVE);
    await admin.locator('[data-field="tracking-number"]', { hasText: docket }).waitFor(LIVE);
    await saveScreenshot(admin, "admin-order-shipped");

    // The customer's page learns it without a reload.
    await customer.getByTestId("tracking-number").filter({ hasText: docket }).waitFor(LIVE);
    const shipped = server.deps.db
      .select({ status: schema.orders.status })
      .from(schema.orders)
      .where(eq(schema.orders.id, order.id))
      .get();
    expect(shipped?.status).not.toBe("confirmed");
    await saveScreenshot(customer, "storefront-order-shipped-live");

    // The dashboard stays open in its own tab while another tab changes three orders.
    const dashboard = await adminContext.newPage();
    await dashboard.goto(`${server.url}/admin/`);
    await dashboard.getByRole("list", { name: "Orders by status" }).waitFor(LIVE);
    const cancelledBefore = await dashboardCount(dashboard, "cancelled");

    await admin.goto(`${server.url}/admin/orders?status=pending,confirmed,processing`);
    await admin.getByRole("heading", { name: "Orders", level: 1 }).waitFor(LIVE);
    const boxes = admin.getByRole("checkbox", { name: /^Select order / });
    await boxes.first().waitFor(LIVE);
    expect(await boxes.count()).toBeGreaterThanOrEqual(3);
    await saveScreenshot(admin, "admin-orders");
    for (const index of [0, 1, 2]) await boxes.nth(index).check();
    await admin.getByRole("button", { name: "Change status…" }).click();
    const dialog = admin.getByRole("dialog");
    await dialog.getByLabel("New status").selectOption("cancelled");
    await dialog.getByLabel(/Note to the customers/).fill("Out of stock, refunded in full.");
    await saveScreenshot(admin, "admin-orders-bulk-dialog");
    await dialog.getByRole("button", { name: "Set 3 orders to Cancelled" }).click();
    await dialog.getByRole("heading", { name: "Status changed" }).waitFor(LIVE);
    expect(await dialog.getByRole("list", { name: "Result" }).textContent()).toContain(
      "3 changed to Cancelled",
    );
    await saveScreenshot(admin, "admin-orders-bulk-summary");
    await dialog.getByRole("button", { name: "Done" }).click();

    await expectEventually(
      () => dashboardCount(dashboard, "cancelled"),
      (count) => count === cancelledBefore + 3,
    );
    await saveScreenshot(dashboard, "admin-dashboard-after-bulk");

    await customerContext.close();
    await adminContext.close();
  }, 120_000);

  it("shows every admin page with real data", async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await signIn(context, "/admin/signin", DEMO_LOGINS.admin);
    await page.getByRole("heading", { name: "Dashboard", level: 1 }).waitFor(LIVE);

    await page.goto(`${server.url}/admin/carriers`);
    await page.getByRole("link", { name: "Sequel247 (sandbox)" }).waitFor(LIVE);
    await saveScreenshot(page, "admin-carriers");

    await page.getByRole("link", { name: "Shiprocket (sandbox)" }).click();
    await page.getByRole("heading", { name: "Webhook" }).waitFor(LIVE);
    await page.getByRole("button", { name: "Test connection" }).click();
    await page.getByText("Connection works").waitFor(LIVE);
    await saveScreenshot(page, "admin-carrier-shiprocket");

    await page.goto(`${server.url}/admin/carriers/new`);
    await page.getByLabel("Carrier", { exact: true }).selectOption("maystro");
    await page.getByRole("button", { name: "Add the account" }).click();
    await page.getByText("Enter the API token.").waitFor(LIVE);
    await saveScreenshot(page, "admin-carrier-new");

    await page.goto(`${server.url}/admin/sync`);
    await page.getByRole("heading", { name: "Sync runs", level: 1 }).waitFor(LIVE);
    await page.getByRole("button", { name: "Run all now" }).click();
    const runLink = page.locator('a[href^="/admin/sync/"]').first();
    await runLink.waitFor(LIVE);
    await saveScreenshot(page, "admin-sync");
    await runLink.click();
    await page.getByRole("region", { name: "Counts" }).waitFor(LIVE);
    await saveScreenshot(page, "admin-sync-run");

    await page.goto(`${server.url}/admin/webhooks`);
    await page.getByRole("heading", { name: "Webhook inbox", level: 1 }).waitFor(LIVE);
    const delivery = page.locator('a[href^="/admin/webhooks/"]').first();
    await delivery.waitFor(LIVE);
    await saveScreenshot(page, "admin-webhooks");
    await delivery.click();
    await page.getByRole("heading", { name: "Body" }).waitFor(LIVE);
    await page.getByRole("button", { name: "Replay" }).click();
    await page.getByText("Replayed").waitFor(LIVE);
    await saveScreenshot(page, "admin-webhook");

    // Shiprocket names its hubs in one long token ("Mumbai_Andheri_PC"): the timeline still fits its card.
    await page.goto(`${server.url}/admin/orders/${await orderWithScansOf("shiprocket")}`);
    const timeline = page.getByRole("table", { name: /^Timeline/ });
    await timeline.getByRole("cell", { name: /_/ }).first().waitFor(LIVE);
    const timelineOverflow = await timeline.evaluate(
      (table) => table.scrollWidth - (table.parentElement?.clientWidth ?? 0),
    );
    expect(timelineOverflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "admin-order-timeline");

    await page.goto(`${server.url}/admin/outbox`);
    await page.getByRole("heading", { name: "Mail outbox", level: 1 }).waitFor(LIVE);
    const mail = page.locator('a[href^="/admin/outbox/"]').first();
    await mail.waitFor(LIVE);
    await saveScreenshot(page, "admin-outbox");
    await mail.click();
    await page.getByRole("heading", { name: "Preview" }).waitFor(LIVE);
    await saveScreenshot(page, "admin-mail");

    const phone = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      storageState: await context.storageState(),
    });
    const small = await phone.newPage();
    await small.goto(`${server.url}/admin/orders`);
    await small.getByRole("heading", { name: "Orders", level: 1 }).waitFor(LIVE);
    const overflow = await small.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(small, "admin-orders-phone");
    await phone.close();
    await context.close();
  }, 120_000);
});

/** Polls `read` until `done` holds (bounded by LIVE.timeout) and returns that value; fails with the last value seen. */
async function expectEventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + LIVE.timeout;
  let last = await read();
  while (!done(last) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await read();
  }
  expect(done(last), `last value seen: ${String(last)}`).toBe(true);
  return last;
}
