import { schema } from "@waybill/db";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type SyncTestbed, startSyncTestbed } from "../../sync/testbed";
import { callerFor, createTestUser } from "../../testing/caller";

const HOUR = 3_600_000;
const codeOf = (error: unknown) => (error as { code?: string }).code;

let bed: SyncTestbed;
beforeEach(async () => {
  bed = await startSyncTestbed();
});
afterEach(() => bed.close());

describe("admin.sync", () => {
  it("is for admins only", async () => {
    const customer = callerFor(bed.deps, createTestUser(bed.deps));
    for (const attempt of [
      () => customer.admin.sync.runNow({}),
      () => customer.admin.sync.runs({}),
      () => customer.admin.sync.byId({ id: "x" }),
    ]) {
      await expect(attempt()).rejects.toSatisfy((e) => codeOf(e) === "FORBIDDEN");
    }
  });

  it("runs now, lists the history page by page, and shows one run with its errors", async () => {
    const admin = callerFor(bed.deps, createTestUser(bed.deps, "admin"));
    const account = bed.account("sequel247");
    bed.ship(account);
    const bad = bed.ship(account, { tracking: "0000000001" });
    await bed.sandbox.sandboxes.advance(20 * HOUR);

    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [run] = await admin.admin.sync.runNow({ accountId: account.id });
      await bed.deps.sync.whenIdle();
      ids.push(run!.id);
      // Each run starts a moment later, and finds the shipments due again.
      await bed.sandbox.sandboxes.advance(1_000);
      bed.deps.db.update(schema.shipments).set({ nextCheckAt: bed.deps.now() }).run();
    }

    const first = await admin.admin.sync.runs({ accountId: account.id, limit: 2 });
    const second = await admin.admin.sync.runs({
      accountId: account.id,
      limit: 2,
      cursor: first.nextCursor!,
    });
    expect([...first.items, ...second.items].map((r) => r.id)).toEqual([...ids].reverse());
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]).toMatchObject({
      accountName: account.name,
      carrier: "sequel247",
      errorCount: 1,
    });

    const detail = await admin.admin.sync.byId({ id: ids[0]! });
    expect(detail).toMatchObject({ state: "succeeded", due: 2, checked: 1, failed: 1 });
    expect(detail.errors).toEqual([
      expect.objectContaining({ shipmentId: bad.shipmentId, code: "NOT_FOUND" }),
    ]);

    expect(await admin.admin.sync.runs({ state: "failed" })).toEqual({
      items: [],
      nextCursor: null,
    });
    await expect(admin.admin.sync.byId({ id: "nope" })).rejects.toSatisfy(
      (e) => codeOf(e) === "NOT_FOUND",
    );
    await expect(admin.admin.sync.runs({ cursor: "garbage" })).rejects.toSatisfy(
      (e) => codeOf(e) === "BAD_REQUEST",
    );
  });
});
