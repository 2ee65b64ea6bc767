import { describe, expect, it } from "vitest";
import { createApp } from "../app";
import { SESSION_COOKIE } from "../auth/cookies";
import { openSession } from "../auth/sessions";
import { createTestUser } from "../testing/caller";
import { createTestDeps } from "../testing/deps";
import { placeTestOrder, seedCatalog } from "../testing/fixtures";

function setup() {
  const deps = createTestDeps();
  seedCatalog(deps.db);
  const cookieFor = (role: "admin" | "customer") => {
    const user = createTestUser(deps, role);
    const { token } = openSession(deps.db, user.id, new Date(), 60_000);
    return { user, cookie: `${SESSION_COOKIE}=${token}` };
  };
  const place = (customer: { id: string; email: string }, name: string) =>
    placeTestOrder(deps, customer, { address: { name } });
  return { app: createApp(deps), cookieFor, place };
}

describe("GET /exports/orders.csv", () => {
  it("exports the filtered orders for an admin, with formula-safe cells", async () => {
    const { app, cookieFor, place } = setup();
    const { cookie } = cookieFor("admin");
    const customer = cookieFor("customer").user;
    place(customer, '=HYPERLINK("x")');
    place(customer, "Plain, Name");
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
