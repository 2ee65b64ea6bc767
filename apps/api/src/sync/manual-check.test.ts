import { CarrierError } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "../lib/errors";
import { checkOrderForUpdates, MANUAL_CHECK_COOLDOWN_MS } from "./manual-check";
import { type SyncTestbed, startSyncTestbed } from "./testbed";

const { carrierAccounts, trackingEvents } = schema;
const HOUR = 3_600_000;

let bed: SyncTestbed;
beforeEach(async () => {
  bed = await startSyncTestbed();
});
afterEach(() => bed.close());

const isDomain = (code: string) => (e: unknown) => e instanceof DomainError && e.code === code;

describe("checkOrderForUpdates", () => {
  it("asks the carrier now, applies as a manual check, and refuses another within the cooldown", async () => {
    const account = bed.account("shiprocket");
    const { orderId, shipmentId, orderNumber } = bed.ship(account);
    await bed.sandbox.sandboxes.advance(30 * HOUR);
    const now = bed.deps.now();

    const result = await checkOrderForUpdates(bed.deps, { orderId, now });

    expect(result.updated).toBe(true);
    expect(result.changes.map((c) => c.shipmentId)).toEqual([shipmentId]);
    expect(result.nextAllowedAt.getTime()).toBe(now.getTime() + MANUAL_CHECK_COOLDOWN_MS);
    expect(bed.ours(shipmentId)).toEqual(bed.truth("shiprocket", orderNumber));
    const sources = bed.deps.db
      .selectDistinct({ source: trackingEvents.source })
      .from(trackingEvents)
      .where(eq(trackingEvents.shipmentId, shipmentId))
      .all();
    expect(sources).toEqual([{ source: "manual" }]);
    expect(bed.shipment(shipmentId).lastCheckSource).toBe("manual");

    const soon = new Date(now.getTime() + MANUAL_CHECK_COOLDOWN_MS - 1_000);
    const refusal = await checkOrderForUpdates(bed.deps, { orderId, now: soon }).catch((e) => e);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      details: { retryAt: result.nextAllowedAt.toISOString() },
    });

    // After the cooldown, a check with no news at the carrier reports no update.
    const later = await checkOrderForUpdates(bed.deps, { orderId, now: result.nextAllowedAt });
    expect(later.updated).toBe(false);
  });

  it("lets exactly one of two simultaneous presses through", async () => {
    const account = bed.account("sequel247");
    const { orderId } = bed.ship(account);
    const now = bed.deps.now();

    const outcomes = await Promise.allSettled([
      checkOrderForUpdates(bed.deps, { orderId, now }),
      checkOrderForUpdates(bed.deps, { orderId, now }),
    ]);

    expect(outcomes.map((o) => o.status).sort()).toEqual(["fulfilled", "rejected"]);
    const rejected = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(isDomain("TOO_MANY_REQUESTS")(rejected.reason)).toBe(true);
  });

  it("learns a Maystro tracking number and status for an order that had none", async () => {
    const account = bed.account("maystro");
    const { orderId, shipmentId, orderNumber } = bed.ship(account, { tracking: "none" });
    await bed.sandbox.sandboxes.advance(30 * HOUR);

    const result = await checkOrderForUpdates(bed.deps, { orderId, now: bed.deps.now() });

    expect(result.updated).toBe(true);
    expect(bed.ours(shipmentId)).toEqual(bed.truth("maystro", orderNumber));
  });

  it("does not spend the cooldown when the account is paused, and answers UNAVAILABLE", async () => {
    const account = bed.account("sequel247");
    const { orderId, shipmentId } = bed.ship(account);
    bed.deps.db
      .update(carrierAccounts)
      .set({ disabledUntil: new Date(bed.deps.now().getTime() + HOUR) })
      .where(eq(carrierAccounts.id, account.id))
      .run();

    await expect(
      checkOrderForUpdates(bed.deps, { orderId, now: bed.deps.now() }),
    ).rejects.toSatisfy((e) => e instanceof CarrierError && e.code === "UNAVAILABLE");
    expect(bed.shipment(shipmentId).lastManualCheckAt).toBeNull();
  });

  it("tells the customer the carrier did not answer when it fails, and records it on the account", async () => {
    const account = bed.account("sequel247");
    const { orderId } = bed.ship(account);
    bed.sandbox.sandboxes.sequel247.control.faults.set({ errorRate: 1 });

    await expect(
      checkOrderForUpdates(bed.deps, { orderId, now: bed.deps.now() }),
    ).rejects.toSatisfy((e) => e instanceof CarrierError && e.code === "UNAVAILABLE");
    const health = bed.deps.db
      .select()
      .from(carrierAccounts)
      .where(eq(carrierAccounts.id, account.id))
      .get()!;
    expect(health.errorCount).toBe(1);
  });

  it("answers NOT_FOUND for an unknown order", async () => {
    await expect(
      checkOrderForUpdates(bed.deps, { orderId: "nope", now: bed.deps.now() }),
    ).rejects.toSatisfy(isDomain("NOT_FOUND"));
  });
});
