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
 * today's dates. Their webhooks go out over real HTTP like a carrier's would. `behindMs` starts the clock in
 * the past: the demo books its shipments there, then `catchUp()` replays the days up to now in one go.
 */
export function startSandboxes(
  logger: Logger,
  options: { behindMs?: number } = {},
): {
  sandboxes: AllSandboxes;
  app: ReturnType<typeof createSandboxesApp>;
  /** Moves the clock to real time now (delivering every webhook on the way); resolves when done. */
  catchUp(): Promise<void>;
  stop(): void;
} {
  const sandboxes = createAllSandboxes({
    clock: createSandboxClock(Date.now() - (options.behindMs ?? 0)),
  });
  // One advance at a time, so the ticker and a catch-up never move the clock concurrently.
  let queue: Promise<void> = Promise.resolve();
  const advance = (ms: number) => {
    queue = queue
      .then(() => sandboxes.advance(Math.max(0, ms)))
      .catch((error: unknown) => logger.warn("sandbox advance failed", { error: String(error) }));
    return queue;
  };
  let last = Date.now();
  let busy = false;
  const ticker = setInterval(() => {
    if (busy) return;
    busy = true;
    const now = Date.now();
    void advance(now - last).finally(() => {
      last = now;
      busy = false;
    });
  }, TICK_MS);
  ticker.unref();
  return {
    sandboxes,
    app: createSandboxesApp(sandboxes),
    catchUp: () => queue.then(() => advance(Date.now() - sandboxes.clock.now())),
    stop: () => clearInterval(ticker),
  };
}
