/// <reference lib="dom" />
import type { ShipmentStatus } from "@waybill/carriers/statuses";
import { createUser, schema } from "@waybill/db";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookUrlOf } from "../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import { hashPassword } from "../lib/crypto";
import { launchChromium, saveScreenshot } from "../testing/browser";
import { seedCatalog } from "../testing/fixtures";
import { createSandboxAccount } from "../testing/sandboxes";
import { createBrowserLikeClient, startTestServer, type TestServer } from "../testing/server";

/**
 * The storefront against the real server, its built SPA and the Shiprocket sandbox sending webhooks
 * over real HTTP: a customer signs up, buys, and watches the order move without reloading, including
 * across a network drop.
 */

const ADMIN = { email: "owner@shop.test", password: "owner-password-1", name: "Shop Owner" };
const CUSTOMER = {
  name: "Meera Iyer",
  email: "meera@example.test",
  password: "a long enough password",
  phone: "+91 98450 12345",
};
const HOUR = 3_600_000;
// Generous: two cores run the server, the sandbox and Chromium at once. Waits end as soon as the
// condition holds; these are ceilings, not expectations.
const LIVE = { timeout: 20_000 };

/** What the tracking page's headline says for each status the sandbox can reach. */
const HEADLINE: Partial<Record<ShipmentStatus, string>> = {
  info_received: "Packed, awaiting pickup",
  in_transit: "In transit",
  out_for_delivery: "Out for delivery",
  failed_attempt: "Delivery attempt failed",
  available_for_pickup: "Ready for pickup",
  delivered: "Delivered",
  exception: "Exception",
  return_to_sender: "Returning to sender",
  returned: "Returned",
  cancelled: "Cancelled",
};
/** Statuses the engine announces with a notification (tracking/milestones.ts). */
const MILESTONE_STATUSES = new Set<ShipmentStatus>([
  "out_for_delivery",
  "failed_attempt",
  "available_for_pickup",
  "delivered",
  "exception",
  "return_to_sender",
  "returned",
  "cancelled",
]);

type TruthShipment = {
  orderNumber: string | null;
  scenario: string;
  status: ShipmentStatus;
  events: Array<{ rawCode: string; occurredAt: string }>;
};

let server: TestServer;
let browser: Browser;
let account: CarrierAccountRow;

beforeAll(async () => {
  server = await startTestServer({ serveSpas: true, env: { CARRIER_SANDBOX: "on" } });
  const { db } = server.deps;
  seedCatalog(db);
  createUser(db, {
    email: ADMIN.email,
    name: ADMIN.name,
    passwordHash: await hashPassword(ADMIN.password),
    role: "admin",
  });
  // The server's own Shiprocket sandbox, with its webhooks pointed at this account's hook URL.
  const sandboxUrl = server.sandboxUrl;
  if (!sandboxUrl) throw new Error("CARRIER_SANDBOX=on should mount the sandboxes");
  account = createSandboxAccount(server.deps, "shiprocket", sandboxUrl);
  const secret = server.deps.adapters.webhookSecretOf(account);
  const configured = await fetch(`${sandboxUrl}/shiprocket/__sandbox/webhook`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      url: webhookUrlOf(server.url, account.id, secret),
      headers: { "x-api-key": secret },
    }),
  });
  expect(configured.status).toBe(200);
  browser = await launchChromium();
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function shipmentTruth(orderNumber: string): Promise<TruthShipment> {
  const response = await fetch(`${server.sandboxUrl}/__sandbox/truth`);
  const body = (await response.json()) as { carriers: { shiprocket: TruthShipment[] } };
  const found = body.carriers.shiprocket.find((s) => s.orderNumber === orderNumber);
  if (!found) throw new Error(`the sandbox has no shipment for ${orderNumber}`);
  return found;
}

/** Moves the sandbox clock an hour at a time until `done`; each step delivers its webhooks before returning. */
async function advanceUntil(
  orderNumber: string,
  done: (shipment: TruthShipment) => boolean,
): Promise<TruthShipment> {
  for (let hours = 0; hours < 400; hours++) {
    const truth = await shipmentTruth(orderNumber);
    if (done(truth)) return truth;
    const advanced = await fetch(`${server.sandboxUrl}/__sandbox/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ms: HOUR }),
    });
    expect(advanced.status).toBe(200);
  }
  throw new Error(`${orderNumber} never reached the expected state in the sandbox`);
}

async function unreadCount(page: Page): Promise<number> {
  const label =
    (await page.getByRole("button", { name: /^Notifications/ }).getAttribute("aria-label")) ?? "";
  return Number(/(\d+) unread/.exec(label)?.[1] ?? 0);
}

function timelineRows(page: Page) {
  return page.getByRole("region", { name: "Tracking history, newest first" }).locator("li");
}

async function expectNoHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

async function signUp(page: Page) {
  await page.goto(`${server.url}/signup`);
  await page.getByLabel("Name").fill(CUSTOMER.name);
  await page.getByLabel("Email").fill(CUSTOMER.email);
  await page.getByLabel("Password").fill(CUSTOMER.password);
  await page.getByLabel("Phone (optional)").fill(CUSTOMER.phone);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Your account", exact: true }).waitFor(LIVE);
}

/** Catalog → cart → checkout → confirmation, through the UI; returns the new order's id and number. */
async function placeOrder(page: Page, screenshots: string) {
  await page.goto(`${server.url}/shop`);
  await page.getByRole("heading", { name: "Shop", exact: true }).waitFor(LIVE);
  const addButtons = page.getByRole("button", { name: "Add to cart" });
  await addButtons.first().click();
  await page
    .getByRole("button", { name: /^One more/ })
    .first()
    .click();
  await addButtons.nth(1).click();
  await page.getByRole("region", { name: "Cart" }).waitFor(LIVE);
  await saveScreenshot(page, `storefront-shop-${screenshots}`);

  await page.getByRole("link", { name: "Go to checkout" }).click();
  await page.getByRole("heading", { name: "Checkout", exact: true }).waitFor(LIVE);
  // Submitting empty fields shows what is missing, next to each field.
  await page.getByRole("button", { name: "Place order" }).click();
  await page.getByText("Enter the street address.").waitFor(LIVE);
  await page.getByLabel("Address", { exact: true }).fill("14 Residency Road");
  await page.getByLabel("City").fill("Bengaluru");
  await page.getByLabel("State").fill("Karnataka");
  await page.getByLabel("PIN code").fill("560025");
  await saveScreenshot(page, `storefront-checkout-${screenshots}`);
  await page.getByRole("button", { name: "Place order" }).click();

  await page.getByRole("heading", { name: "Thank you! Your order is confirmed." }).waitFor(LIVE);
  await saveScreenshot(page, `storefront-confirmation-${screenshots}`);
  const orderId = /\/orders\/([^/]+)\/confirmation$/.exec(new URL(page.url()).pathname)?.[1];
  const orderNumber = await page.locator(".sf-confirmation strong.wb-mono").textContent();
  if (!orderId || !orderNumber) throw new Error("the confirmation page shows no order");
  return { orderId, orderNumber };
}

describe("storefront in a real browser, live against the carrier sandbox", () => {
  let context: BrowserContext;
  let page: Page;
  let order: { orderId: string; orderNumber: string };

  it("signs up, buys from the catalog and lands on the order's confirmation", async () => {
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    await page.goto(server.url);
    await saveScreenshot(page, "storefront-home-desktop");
    await signUp(page);
    order = await placeOrder(page, "desktop");
    expect(order.orderNumber).toMatch(/^WB-\d{4}-\d{6}$/);
  });

  it("shows the order live: shipping, carrier webhooks, a toast and the bell, without a reload", async () => {
    await page.getByRole("link", { name: "Track this order" }).click();
    const headline = page.getByTestId("status-title");
    await expect.poll(() => headline.textContent(), LIVE).toBe("Order confirmed");
    await page.locator('[role="status"][data-state="live"]').first().waitFor(LIVE);
    await expect.poll(() => unreadCount(page), LIVE).toBe(1); // "Order confirmed"
    await saveScreenshot(page, "storefront-tracking-confirmed-desktop");

    // The shop ships it: Shiprocket books it and assigns an AWB.
    const admin = createBrowserLikeClient(server.url);
    expect((await admin.mutation("auth.login", ADMIN)).error).toBeUndefined();
    const shipped = await admin.mutation("admin.orders.ship", {
      carrier: "shiprocket",
      orderId: order.orderId,
      accountId: account.id,
    });
    expect(shipped.error).toBeUndefined();
    const awb = (shipped.data as { shipment: { trackingNumber: string | null } }).shipment
      .trackingNumber;
    expect(awb).toBeTruthy();
    await page
      .getByTestId("tracking-number")
      .filter({ hasText: awb ?? "" })
      .waitFor(LIVE);
    await expect.poll(() => headline.textContent(), LIVE).toBe("Handed to the carrier");
    await expect.poll(() => unreadCount(page), LIVE).toBe(2); // "Your order has a tracking number"

    // The carrier scans it up to its first milestone; every scan arrives by webhook.
    const before = await unreadCount(page);
    const truth = await advanceUntil(order.orderNumber, (s) => MILESTONE_STATUSES.has(s.status));
    await expect.poll(() => headline.textContent(), LIVE).toBe(HEADLINE[truth.status]);
    await expect.poll(() => timelineRows(page).count(), LIVE).toBe(truth.events.length);
    await page
      .locator(".wb-toast")
      .filter({ hasText: order.orderNumber })
      .filter({ hasText: HEADLINE[truth.status]?.toLowerCase() ?? "" })
      .first()
      .waitFor(LIVE);
    await expect.poll(() => unreadCount(page), LIVE).toBeGreaterThan(before);
    expect(await page.getByTestId("freshness").textContent()).toMatch(
      /^Last checked .+ by webhook/,
    );
    await saveScreenshot(page, "storefront-tracking-live-desktop");

    // The bell's panel lists the news; opening one goes to its order.
    await page.getByRole("button", { name: /^Notifications/ }).click();
    const panel = page.getByRole("region", { name: "Your notifications" });
    await panel.getByText("Order confirmed").waitFor(LIVE);
    await saveScreenshot(page, "storefront-notifications-desktop");
    await panel.getByRole("button", { name: "Mark all as read" }).click();
    await expect.poll(() => unreadCount(page), LIVE).toBe(0);
    await page.keyboard.press("Escape");
  });

  it("catches up after a network drop: both changes made meanwhile appear, once each", async () => {
    const start = await shipmentTruth(order.orderNumber);
    const rowsBefore = await timelineRows(page).count();
    expect(rowsBefore).toBe(start.events.length);

    // Every toast shown from here on, recorded as it appears (toasts hide themselves after a while).
    await page.evaluate(() => {
      const log: string[] = [];
      Object.assign(window, { toastLog: log });
      new MutationObserver((mutations) => {
        for (const mutation of mutations) {
          for (const node of mutation.addedNodes) {
            if (node instanceof HTMLElement && node.matches(".wb-toast"))
              log.push(node.textContent ?? "");
          }
        }
      }).observe(document.body, { childList: true, subtree: true });
    });

    await context.setOffline(true);
    await page.locator('[role="status"][data-state="offline"]').first().waitFor(LIVE);
    const truth = await advanceUntil(
      order.orderNumber,
      (s) => s.events.length >= start.events.length + 2,
    );
    const added = truth.events.length - start.events.length;
    // Nothing reached the offline page (no row, no toast): what follows is the resume, not a live push.
    expect(await timelineRows(page).count()).toBe(rowsBefore);
    expect(
      await page.evaluate(() => (window as unknown as { toastLog: string[] }).toastLog),
    ).toEqual([]);
    await saveScreenshot(page, "storefront-tracking-offline-desktop");

    await context.setOffline(false);
    await page.locator('[role="status"][data-state="live"]').first().waitFor(LIVE);
    await expect.poll(() => timelineRows(page).count(), LIVE).toBe(rowsBefore + added);
    await expect
      .poll(() => page.getByTestId("status-title").textContent(), LIVE)
      .toBe(HEADLINE[truth.status]);
    // Once each: no scan shown twice (the carrier's time and code make a row unique).
    const rows = await timelineRows(page).evaluateAll((items) =>
      items.map((item) => item.textContent),
    );
    expect(new Set(rows).size).toBe(rows.length);
    // Toasts: never more than one per change (a replayed change is not news twice; a burst for one
    // order replaces its own toast), and the last one tells where the parcel is now.
    const toasts = await page.evaluate(
      () => (window as unknown as { toastLog: string[] }).toastLog,
    );
    expect(toasts.length).toBeGreaterThanOrEqual(1);
    expect(toasts.length).toBeLessThanOrEqual(added);
    expect(toasts.every((toast) => toast.includes(order.orderNumber))).toBe(true);
    expect(toasts.at(-1)?.toLowerCase()).toContain(HEADLINE[truth.status]?.toLowerCase());
    await saveScreenshot(page, "storefront-tracking-resumed-desktop");
  });

  it("lists the order live on 'My orders'", async () => {
    await page.getByRole("link", { name: "My orders" }).click();
    const card = page.getByRole("link").filter({ hasText: order.orderNumber });
    await card.waitFor(LIVE);
    const truth = await shipmentTruth(order.orderNumber);
    const label = HEADLINE[truth.status] ?? "";
    expect(await card.textContent()).toContain(label);
    await saveScreenshot(page, "storefront-orders-desktop");
    await context.close();
  });

  it("works at phone width: tracking, orders, notifications and the public page", async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
    });
    const mobile = await phone.newPage();
    await mobile.goto(
      `${server.url}/signin?next=${encodeURIComponent(`/orders/${order.orderId}`)}`,
    );
    await mobile.getByLabel("Email").fill(CUSTOMER.email);
    await mobile.getByLabel("Password").fill(CUSTOMER.password);
    await mobile.getByLabel("Password").press("Enter");
    await mobile.getByTestId("status-title").waitFor(LIVE);
    await expectNoHorizontalScroll(mobile);
    await saveScreenshot(mobile, "storefront-tracking-phone");

    await mobile.getByRole("button", { name: /^Notifications/ }).click();
    await mobile.getByRole("region", { name: "Your notifications" }).waitFor(LIVE);
    await expectNoHorizontalScroll(mobile);
    await saveScreenshot(mobile, "storefront-notifications-phone");
    await mobile.keyboard.press("Escape");

    await mobile.goto(`${server.url}/orders/${order.orderId}/confirmation`);
    await mobile.getByRole("link", { name: "Track this order" }).waitFor(LIVE);
    await expectNoHorizontalScroll(mobile);
    await saveScreenshot(mobile, "storefront-confirmation-phone");

    await mobile.goto(server.url);
    await mobile.getByRole("heading", { name: "Track every order live" }).waitFor(LIVE);
    await expectNoHorizontalScroll(mobile);
    await saveScreenshot(mobile, "storefront-home-phone");

    await mobile.goto(`${server.url}/orders`);
    await mobile.getByRole("link").filter({ hasText: order.orderNumber }).waitFor(LIVE);
    await expectNoHorizontalScroll(mobile);
    await saveScreenshot(mobile, "storefront-orders-phone");

    await mobile.goto(`${server.url}/shop`);
    await mobile.getByRole("button", { name: "Add to cart" }).first().waitFor(LIVE);
    await expectNoHorizontalScroll(mobile);
    await saveScreenshot(mobile, "storefront-shop-phone");
    await mobile.getByRole("button", { name: "Add to cart" }).first().click();
    await mobile.goto(`${server.url}/checkout`);
    await mobile.getByRole("heading", { name: "Checkout", exact: true }).waitFor(LIVE);
    await expectNoHorizontalScroll(mobile);
    await saveScreenshot(mobile, "storefront-checkout-phone");
    await phone.close();
  });

  it("tracks publicly with the tracking number and the phone on the order, without personal data", async () => {
    const anonymous = await browser.newContext({ viewport: { width: 375, height: 740 } });
    const visitor = await anonymous.newPage();
    const detail = await server.deps.db
      .select({ trackingNumber: schema.shipments.trackingNumber })
      .from(schema.shipments)
      .all();
    const trackingNumber = detail[0]?.trackingNumber ?? "";
    expect(trackingNumber).not.toBe("");

    await visitor.goto(`${server.url}/track`);
    await visitor.getByLabel("Tracking number").fill(trackingNumber);
    await visitor.getByLabel("E-mail or phone on the order").fill("someone-else@example.test");
    await visitor.getByRole("button", { name: "Track" }).click();
    await visitor
      .getByRole("alert")
      .filter({ hasText: /no shipment with this tracking number/i })
      .waitFor(LIVE);

    await visitor.getByLabel("E-mail or phone on the order").fill("98450 12345");
    await visitor.getByRole("button", { name: "Track" }).click();
    const truth = await shipmentTruth(order.orderNumber);
    await visitor.getByRole("heading", { name: HEADLINE[truth.status] ?? "" }).waitFor(LIVE);
    await expect.poll(() => timelineRows(visitor).count(), LIVE).toBe(truth.events.length);
    const text = (await visitor.locator("main").textContent()) ?? "";
    expect(text).not.toContain(CUSTOMER.name);
    expect(text).not.toContain("Residency Road");
    await expectNoHorizontalScroll(visitor);
    await saveScreenshot(visitor, "storefront-public-tracking-phone");
    await visitor.setViewportSize({ width: 1280, height: 900 });
    await saveScreenshot(visitor, "storefront-public-tracking-desktop");
    await anonymous.close();
  });
});
