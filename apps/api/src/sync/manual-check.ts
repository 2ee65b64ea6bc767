import { CarrierError } from "@waybill/carriers";
import { schema } from "@waybill/db";
import { and, eq, gt, notExists } from "drizzle-orm";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import { isAccountCallable } from "../carrier-accounts/health";
import { DomainError } from "../lib/errors";
import type { AppliedChange } from "../tracking/apply-updates";
import { checkShipments, type ShipmentToCheck } from "./check-shipments";
import type { SyncDeps } from "./run";

const { carrierAccounts, orders, shipments } = schema;

/** Per order: a customer's "check for updates" may ask the carrier once a minute. */
export const MANUAL_CHECK_COOLDOWN_MS = 60_000;

export type ManualCheckResult = {
  updated: boolean;
  changes: AppliedChange[];
  /** When the next manual check of this order will be accepted. */
  nextAllowedAt: Date;
};

/**
 * Asks the carrier about one order's shipments now and applies the answer with source "manual". The cooldown
 * is claimed in one conditional UPDATE, so two presses at once (two tabs, two processes) make one carrier
 * call: the other gets TOO_MANY_REQUESTS with `retryAt`. Authorization is the caller's job.
 *
 * An order not handed to a carrier yet has nothing to ask about: `updated: false`, and no cooldown spent.
 * When no shipment's account can be called (paused or switched off), CarrierError UNAVAILABLE, no cooldown spent.
 */
export async function checkOrderForUpdates(
  deps: SyncDeps,
  input: { orderId: string; now: Date },
): Promise<ManualCheckResult> {
  const { db } = deps;
  const { now } = input;
  const order = db
    .select({ id: orders.id, number: orders.number })
    .from(orders)
    .where(eq(orders.id, input.orderId))
    .get();
  if (!order) throw new DomainError("NOT_FOUND", "No such order.");

  const rows = db
    .select({ shipment: shipments, account: carrierAccounts })
    .from(shipments)
    .innerJoin(carrierAccounts, eq(carrierAccounts.id, shipments.accountId))
    .where(eq(shipments.orderId, order.id))
    .all();
  if (rows.length === 0) return { updated: false, changes: [], nextAllowedAt: now };

  const retryAt = cooldownEnd(rows.map((r) => r.shipment.lastManualCheckAt));
  if (retryAt !== null && retryAt > now) throw tooSoon(retryAt, now);

  const callable = rows.filter((r) => isAccountCallable(r.account, now));
  if (callable.length === 0) {
    throw new CarrierError(
      "UNAVAILABLE",
      "The carrier cannot be reached right now. We keep checking automatically and will tell you when something changes.",
    );
  }

  if (!claimCooldown(deps, order.id, now)) {
    const latest = db
      .select({ at: shipments.lastManualCheckAt })
      .from(shipments)
      .where(eq(shipments.orderId, order.id))
      .all();
    const end = cooldownEnd(latest.map((r) => r.at));
    throw tooSoon(end ?? new Date(now.getTime() + MANUAL_CHECK_COOLDOWN_MS), now);
  }

  const byAccount = new Map<string, { account: CarrierAccountRow; shipments: ShipmentToCheck[] }>();
  for (const { shipment, account } of callable) {
    const group = byAccount.get(account.id) ?? { account, shipments: [] };
    group.shipments.push({
      id: shipment.id,
      orderNumber: order.number,
      trackingNumber: shipment.trackingNumber,
      carrierOrderId: shipment.carrierOrderId,
      carrierShipmentId: shipment.carrierShipmentId,
    });
    byAccount.set(account.id, group);
  }

  const changes: AppliedChange[] = [];
  let accountFailure: { code: string; message: string } | null = null;
  for (const { account, shipments: toCheck } of byAccount.values()) {
    const outcome = await checkShipments(deps, {
      account,
      adapter: deps.adapters.forAccount(account),
      shipments: toCheck,
      source: "manual",
      chunkSize: toCheck.length,
      concurrency: 1,
    });
    changes.push(...outcome.changes);
    accountFailure ??= outcome.accountFailures[0] ?? null;
  }
  // The health records the carrier's words; the customer is told what it means for them.
  if (accountFailure !== null && changes.length === 0) {
    throw new CarrierError(
      accountFailure.code === "RATE_LIMITED" ? "RATE_LIMITED" : "UNAVAILABLE",
      "The carrier did not answer. We keep checking automatically and will tell you when something changes.",
    );
  }
  return {
    updated: changes.length > 0,
    changes,
    nextAllowedAt: new Date(now.getTime() + MANUAL_CHECK_COOLDOWN_MS),
  };
}

function cooldownEnd(checks: Array<Date | null>): Date | null {
  const last = Math.max(...checks.map((at) => at?.getTime() ?? Number.NEGATIVE_INFINITY));
  return Number.isFinite(last) ? new Date(last + MANUAL_CHECK_COOLDOWN_MS) : null;
}

function tooSoon(retryAt: Date, now: Date): DomainError {
  const seconds = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 1000));
  return new DomainError(
    "TOO_MANY_REQUESTS",
    `This order was checked moments ago. Try again in ${seconds} s.`,
    { retryAt: retryAt.toISOString() },
  );
}

/**
 * Stamps the order's shipments with this check unless one was checked within the cooldown: a single statement,
 * so of two concurrent presses exactly one wins.
 */
function claimCooldown(deps: SyncDeps, orderId: string, now: Date): boolean {
  const since = new Date(now.getTime() - MANUAL_CHECK_COOLDOWN_MS);
  const recent = deps.db
    .select({ id: shipments.id })
    .from(shipments)
    .where(and(eq(shipments.orderId, orderId), gt(shipments.lastManualCheckAt, since)));
  const result = deps.db
    .update(shipments)
    .set({ lastManualCheckAt: now })
    .where(and(eq(shipments.orderId, orderId), notExists(recent)))
    .run();
  return result.changes > 0;
}
