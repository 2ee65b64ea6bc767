/// <reference lib="dom" />
import { DEMO_LOGINS } from "@waybill/db/seed";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, saveScreenshot } from "../testing/browser";
import { startTestServer, type TestServer } from "../testing/server";

// The real thing a new user gets from `pnpm start`: built SPAs served by the API with the demo data.
let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer({ demo: true, serveSpas: true });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, path: string, login: { email: string; password: string }) {
  await page.goto(`${server.url}${path}`);
  await page.getByLabel("Email").fill(login.email);
  await page.getByLabel("Password").fill(login.password);
  await page.getByLabel("Password").press("Enter");
}

describe("sign-in in a real browser", () => {
  it("signs a customer into the storefront, with a live connection", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(server.url);
    await saveScreenshot(page, "storefront-home-desktop");

    await signIn(page, "/signin", DEMO_LOGINS.customer);
    await page.getByRole("heading", { name: "Your account" }).waitFor();
    expect(await page.getByText(DEMO_LOGINS.customer.email).count()).toBeGreaterThan(0);
    await page.locator('[role="status"][data-state="live"]').first().waitFor();
    await saveScreenshot(page, "storefront-account-desktop");

    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "waybill_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Lax");
    await context.close();
  });

  it("works at phone width", async () => {
    const context = await browser.newContext({
      viewport: { width: 375, height: 740 },
      isMobile: true,
    });
    const page = await context.newPage();
    await page.goto(`${server.url}/signin`);
    await page.getByRole("heading", { name: "Sign in" }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(page, "storefront-signin-phone");
    await context.close();
  });

  it("signs an admin into the admin app", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await signIn(page, "/admin/signin", DEMO_LOGINS.admin);
    await page.getByText(DEMO_LOGINS.admin.email).first().waitFor();
    expect(new URL(page.url()).pathname.startsWith("/admin")).toBe(true);
    await saveScreenshot(page, "admin-dashboard-desktop");
    await context.close();
  });

  it("turns a customer away from the admin app with a friendly page", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "/admin/signin", DEMO_LOGINS.customer);
    await page
      .getByText(/for shop admins/i)
      .first()
      .waitFor();
    await saveScreenshot(page, "admin-refuses-customer");
    await context.close();
  });

  it("shows a clear error for a wrong password", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, "/signin", {
      email: DEMO_LOGINS.customer.email,
      password: "wrong-password-1",
    });
    await page.getByRole("alert").filter({ hasText: "Invalid email or password." }).waitFor();
    await context.close();
  });
});
