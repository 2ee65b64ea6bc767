import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { encodeCursor } from "../../lib/cursor";
import { outboxPageQuery } from "../../mail/outbox-admin";
import { callerFor, createTestUser } from "../../testing/caller";
import { createTestDeps } from "../../testing/deps";
import { carrierUpdate, createShippedOrder, scan } from "../../testing/fixtures";
import { queryPlan } from "../../testing/query-plan";
import { commitCarrierUpdates } from "../../tracking/commit";

function deliverOne(deps: ReturnType<typeof createTestDeps>) {
  const order = createShippedOrder(deps.db);
  const update = carrierUpdate("shiprocket", [scan("delivered", "7", "2026-11-21T06:00:00Z")]);
  commitCarrierUpdates(deps, [{ shipmentId: order.shipmentId, update }], "webhook");
  return order;
}

describe("admin.outbox", () => {
  it("lists e-mails by state with previews, and says whether SMTP is configured", async () => {
    const deps = createTestDeps();
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const first = deliverOne(deps);
    deliverOne(deps);
    deps.db
      .update(schema.outbox)
      .set({ state: "failed", lastError: "550 Mailbox unavailable" })
      .where(eq(schema.outbox.orderId, first.orderId))
      .run();

    const all = await admin.admin.outbox.list({ limit: 1 });
    const rest = await admin.admin.outbox.list({ limit: 1, cursor: all.nextCursor });
    expect(all.smtpConfigured).toBe(false);
    expect([...all.items, ...rest.items]).toHaveLength(2);
    expect(rest.nextCursor).toBeNull();
    const failed = await admin.admin.outbox.list({ state: "failed", limit: 10 });
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({
      to: first.user.email,
      lastError: "550 Mailbox unavailable",
    });

    const preview = await admin.admin.outbox.byId({ id: failed.items[0]?.id as string });
    expect(preview.subject).toMatch(/^Delivered/);
    expect(preview.text).toContain("has been delivered");
    expect(preview.html).toContain("<!doctype html>");
  });

  it("retries only failed e-mails, with a fresh set of attempts", async () => {
    const deps = createTestDeps();
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    deliverOne(deps);
    const [row] = deps.db.select().from(schema.outbox).all();
    const id = row?.id as string;

    await expect(admin.admin.outbox.retry({ id })).rejects.toMatchObject({ code: "CONFLICT" });
    deps.db
      .update(schema.outbox)
      .set({ state: "failed", attempts: 8, nextAttemptAt: null })
      .where(eq(schema.outbox.id, id))
      .run();
    const retried = await admin.admin.outbox.retry({ id });
    expect(retried).toMatchObject({ state: "pending", attempts: 0 });
    expect(retried.nextAttemptAt).toBeInstanceOf(Date);
    await expect(admin.admin.outbox.retry({ id: "missing" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("is for admins only", async () => {
    const deps = createTestDeps();
    const customer = callerFor(deps, createTestUser(deps));
    await expect(customer.admin.outbox.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the outbox list query", () => {
  it("reads pages newest first from an index, all e-mails or one state, never sorting them all", () => {
    const { db } = createTestDeps();
    const cursor = encodeCursor(new Date("2026-11-20T10:00:00Z"), "0000000000");
    const plans = [
      {},
      { cursor },
      { state: "failed" as const },
      { state: "pending" as const, cursor },
    ].map((options) => queryPlan(db, outboxPageQuery(db, { limit: 50, ...options }).toSQL()));
    expect(plans[0]).toContain("outbox_created_idx");
    expect(plans[1]).toContain("outbox_created_idx");
    expect(plans[2]).toContain("outbox_state_created_idx");
    expect(plans[3]).toContain("outbox_state_created_idx");
    for (const plan of plans) expect(plan).not.toContain("TEMP B-TREE");
  });
});
