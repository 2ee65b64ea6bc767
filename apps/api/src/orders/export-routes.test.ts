import { createId, schema } from "@waybill/db";
import { DEMO_PRODUCTS } from "@waybill/db/seed";
import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { SESSION_COOKIE } from "../auth/cookies";
import { openSession } from "../auth/sessions";
import { createTestUser } from "../testing/caller";
import { createTestDeps } from "../testing/deps";
import { placeOrder } from "./place";

function setup() {
  const deps = createTestDeps();
  deps.db
    .insert(schema.products)
    .values(DEMO_PRODUCTS.map((p) => ({ ...p, id: createId() })))
    .run();
  const product = deps.db.select().from(schema.products).get()!;
  const cookieFor = (role: "admin" | "customer") => {
    const user = createTestUser(deps, role);
    const { token } = openSession(deps.db, user.id, new Date(), 60_000);
    return { user, cookie: `${SESSION_COOKIE}=${token}` };
  };
  const place = (userId: string, email: string, name: string) =>
    placeOrder(deps, userId, {
      items: [{ productId: product.id, quantity: 1 }],
      address: { name, line1: "1 Road", city: "Pune", state: "MH", postalCode: "411001" },
      contactEmail: email,
      contactPhone: "9876543210",
    });
  return { app: createApp(deps), cookieFor, place };
}

describe("GET /exports/orders.csv", () => {
  it("exports the filtered orders for an admin, with formula-safe cells", async () => {
    const { app, cookieFor, place } = setup();
    const { cookie } = cookieFor("admin");
    const customer = cookieFor("customer").user;
    place(customer.id, customer.email, '=HYPERLINK("x")');
    place(customer.id, customer.email, "Plain, Name");
    const response = await app.request("/exports/orders.csv?status=confirmed", {
      headers: { cookie },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/csv");
    const lines = (await response.text()).trim().split("\n");
    expect(lines[0]).toMatch(/^number,status,created_at/);
    expect(lines).toHaveLength(3);
    expect(lines.join("\n")).toContain(`"'=HYPERLINK(""x"")"`);
    expect(lines.join("\n")).toContain(`"Plain, Name"`);
    const none = await app.request("/exports/orders.csv?status=delivered", { headers: { cookie } });
    expect((await none.text()).trim().split("\n")).toHaveLength(1);
  });

  it("refuses visitors and customers, and rejects a bad filter", async () => {
    const { app, cookieFor } = setup();
    expect((await app.request("/exports/orders.csv")).status).toBe(401);
    const customer = cookieFor("customer");
    expect(
      (await app.request("/exports/orders.csv", { headers: { cookie: customer.cookie } })).status,
    ).toBe(403);
    const admin = cookieFor("admin");
    expect(
      (
        await app.request("/exports/orders.csv?status=teleported", {
          headers: { cookie: admin.cookie },
        })
      ).status,
    ).toBe(400);
  });
});
