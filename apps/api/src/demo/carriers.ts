import {
  type AllSandboxes,
  MAYSTRO_SANDBOX_TOKEN,
  SEQUEL247_SANDBOX_TOKEN,
  SHIPROCKET_SANDBOX_CREDENTIALS,
} from "@waybill/carriers/sandbox";
import { CARRIERS, type CarrierId } from "@waybill/carriers/statuses";
import { type Db, schema } from "@waybill/db";
import { and, asc, eq, inArray, isNotNull, isNull, like } from "drizzle-orm";
import {
  createCarrierAccount,
  updateCarrierAccount,
  webhookUrlOf,
} from "../carrier-accounts/accounts";
import type { CarrierAccountRow } from "../carrier-accounts/adapters";
import type { AppDeps } from "../deps";
import { shipOrder } from "../orders/ship";

/** The credentials each sandbox accepts. */
export const SANDBOX_CREDENTIALS: Record<CarrierId, Record<string, unknown>> = {
  shiprocket: { ...SHIPROCKET_SANDBOX_CREDENTIALS },
  sequel247: { token: SEQUEL247_SANDBOX_TOKEN },
  maystro: { apiToken: MAYSTRO_SANDBOX_TOKEN },
};

const CARRIER_NAMES: Record<CarrierId, string> = {
  shiprocket: "Shiprocket",
  sequel247: "Sequel247",
  maystro: "Maystro Delivery",
};

/** Sandbox accounts are the ones whose API is our own `/sandbox/<carrier>` mount. */
function sandboxAccountOf(db: Db, carrier: CarrierId): CarrierAccountRow | undefined {
  return db
    .select()
    .from(schema.carrierAccounts)
    .where(
      and(
        eq(schema.carrierAccounts.carrier, carrier),
        like(schema.carrierAccounts.baseUrl, `%/sandbox/${carrier}`),
      ),
    )
    .orderBy(asc(schema.carrierAccounts.createdAt))
    .get();
}

/**
 * One account per carrier pointed at the sandboxes on our own port (kept current if the port changed), and
 * each sandbox's webhooks pointed at that account's hook URL, so the demo runs the same path a real carrier does.
 */
export function connectDemoCarriers(
  deps: AppDeps,
  input: { sandboxes: AllSandboxes; sandboxUrl: string; hookBaseUrl: string },
): Record<CarrierId, CarrierAccountRow> {
  const accounts = {} as Record<CarrierId, CarrierAccountRow>;
  for (const carrier of CARRIERS) {
    const baseUrl = `${input.sandboxUrl}/${carrier}`;
    const existing = sandboxAccountOf(deps.db, carrier);
    const account = !existing
      ? createCarrierAccount(deps, {
          carrier,
          name: `${CARRIER_NAMES[carrier]} (sandbox)`,
          credentials: SANDBOX_CREDENTIALS[carrier],
          baseUrl,
        })
      : existing.baseUrl === baseUrl
        ? existing
        : updateCarrierAccount(deps, { id: existing.id, baseUrl });
    accounts[carrier] = account;
    if (carrier === "sequel247") continue; // Sequel247 sends no webhooks: it is polled.
    const secret = deps.adapters.webhookSecretOf(account);
    input.sandboxes[carrier].control.webhooks.configure({
      url: webhookUrlOf(input.hookBaseUrl, account.id, secret),
      headers: carrier === "shiprocket" ? { "x-api-key": secret } : {},
    });
  }
  return accounts;
}

/**
 * Ships some of the demo shop's orders through the real ship path: Sequel247 with a docket the sandbox knows,
 * Shiprocket created at its sandbox. Only on the first start (orders without shipments), so a restart adds nothing.
 */
export async function shipDemoOrders(
  deps: AppDeps,
  input: { sandboxes: AllSandboxes; accounts: Record<CarrierId, CarrierAccountRow> },
): Promise<number> {
  const unshipped = deps.db
    .select({ id: schema.orders.id, number: schema.orders.number })
    .from(schema.orders)
    .leftJoin(schema.shipments, eq(schema.shipments.orderId, schema.orders.id))
    .where(
      and(
        isNull(schema.shipments.id),
        inArray(schema.orders.status, ["pending", "confirmed", "processing"]),
      ),
    )
    .orderBy(asc(schema.orders.createdAt))
    .all();
  // Four, so the shop still has orders waiting for the admin to ship.
  const plan: Array<"sequel247" | "shiprocket"> = [
    "shiprocket",
    "sequel247",
    "shiprocket",
    "sequel247",
  ];
  let shipped = 0;
  for (const [index, order] of unshipped.slice(0, plan.length).entries()) {
    const carrier = plan[index]!;
    const accountId = input.accounts[carrier].id;
    try {
      if (carrier === "sequel247") {
        const booked = input.sandboxes.sequel247.control.createShipment({
          scenario: index === 1 ? "delivered" : "failed_attempt_then_delivered",
          orderNumber: order.number,
        });
        await shipOrder(deps, {
          carrier,
          orderId: order.id,
          accountId,
          docket: booked.trackingNumber!,
        });
      } else {
        await shipOrder(deps, { carrier, orderId: order.id, accountId });
      }
      shipped++;
    } catch (error) {
      deps.logger.warn("demo order could not be shipped", {
        order: order.number,
        error: String(error),
      });
    }
  }
  return shipped;
}

/** How far in the past the demo books its first shipments, so a new user sees days of real carrier scans. */
export const DEMO_HISTORY_MS = 3 * 86_400_000;

/**
 * The sandboxes' side of a start: keep sandbox accounts and webhooks current; on the demo's first start, create
 * the accounts, ship demo orders in the sandbox's past and replay the days since, through the webhook path.
 */
export async function prepareSandboxCarriers(
  deps: AppDeps,
  input: {
    runner: { sandboxes: AllSandboxes; catchUp(): Promise<void> };
    sandboxUrl: string;
    hookBaseUrl: string;
    demo: boolean;
    firstStart: boolean;
  },
): Promise<void> {
  const known = CARRIERS.some((carrier) => sandboxAccountOf(deps.db, carrier));
  if (input.demo || known) {
    const accounts = connectDemoCarriers(deps, {
      sandboxes: input.runner.sandboxes,
      sandboxUrl: input.sandboxUrl,
      hookBaseUrl: input.hookBaseUrl,
    });
    if (input.firstStart) {
      const shipped = await shipDemoOrders(deps, { sandboxes: input.runner.sandboxes, accounts });
      deps.logger.info("demo orders shipped through the sandboxes", { shipped });
    }
  }
  await input.runner.catchUp();
  if (!input.firstStart) return;
  // The catch-up replayed days in seconds, so the checks planned at booking time ("quiet, look again in
  // hours") no longer fit; and Sequel247 sends no webhooks. Due now, the startup sync brings those days in.
  deps.db
    .update(schema.shipments)
    .set({ nextCheckAt: deps.now() })
    .where(isNotNull(schema.shipments.nextCheckAt))
    .run();
  await deps.sync.runNow({ trigger: "startup" });
}
