import {
  type AllSandboxes,
  createAllSandboxes,
  createSandboxClock,
  createSandboxesApp,
} from "@waybill/carriers/sandbox";
import { type Db, schema } from "@waybill/db";
import { isNull } from "drizzle-orm";
import type { Env } from "./env";
import type { Logger } from "./lib/logger";

/** Where the sandboxes live on the app's own port; demo carrier accounts point their base URL here. */
export const SANDBOX_MOUNT = "/sandbox";
const TICK_MS = 1_000;

/** `auto`: only while no real carrier account (one without a sandbox base URL) exists. */
export function sandboxesWanted(mode: Env["CARRIER_SANDBOX"], db: Db): boolean {
  if (mode !== "auto") return mode === "on";
  const real = db
    .select({ id: schema.carrierAccounts.id })
    .from(schema.carrierAccounts)
    .where(isNull(schema.carrierAccounts.baseUrl))
    .limit(1)
    .get();
  return real === undefined;
}

/**
 * The three carrier simulators, on a clock that follows real time so the demo's carrier scans carry
 * today's dates. Their webhooks go out over real HTTP like a carrier's would.
 */
export function startSandboxes(logger: Logger): {
  sandboxes: AllSandboxes;
  app: ReturnType<typeof createSandboxesApp>;
  stop(): void;
} {
  const sandboxes = createAllSandboxes({ clock: createSandboxClock(Date.now()) });
  let ticking = false;
  let last = Date.now();
  const ticker = setInterval(() => {
    if (ticking) return;
    ticking = true;
    const now = Date.now();
    sandboxes
      .advance(now - last)
      .catch((error: unknown) => logger.warn("sandbox advance failed", { error: String(error) }))
      .finally(() => {
        last = now;
        ticking = false;
      });
  }, TICK_MS);
  ticker.unref();
  return { sandboxes, app: createSandboxesApp(sandboxes), stop: () => clearInterval(ticker) };
}
