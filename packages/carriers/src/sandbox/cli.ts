/**
 * Runs the three carrier sandboxes in one process for manual use:
 *   pnpm --filter @waybill/carriers sandbox --port 4010 [--host 127.0.0.1] [--speed 60] [--seed 2026]
 * `--speed N` lets sandbox time run N times faster than real time (default 0: the clock only moves through
 * `POST /__sandbox/advance`).
 */
import { parseArgs } from "node:util";
import { serve } from "@hono/node-server";
import { CARRIERS } from "../statuses";
import { createAllSandboxes, createSandboxesApp } from "./index";

const TICK_MS = 1000;

function fail(message: string): never {
  console.error(`sandbox: ${message}`);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed < 0)
    fail(`--${name} must be a number >= 0, got "${value}"`);
  return parsed;
}

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "4010" },
    host: { type: "string", default: "127.0.0.1" },
    speed: { type: "string" },
    seed: { type: "string" },
  },
  allowPositionals: false,
});

const port = numberOption(values.port, "port", 4010);
if (!Number.isInteger(port) || port > 65_535)
  fail(`--port must be an integer port, got "${values.port}"`);
const speed = numberOption(values.speed, "speed", 0);
const seed = numberOption(values.seed, "seed", 2026);
const host = values.host ?? "127.0.0.1";

const all = createAllSandboxes({ seed });
const app = createSandboxesApp(all);

const server = serve({ fetch: app.fetch, hostname: host, port }, (info) => {
  const base = `http://${host.includes(":") ? `[${host}]` : host}:${info.port}`;
  console.log(
    `carrier sandboxes listening on ${base} (sandbox time ${new Date(all.clock.now()).toISOString()})`,
  );
  for (const carrier of CARRIERS) console.log(`  ${carrier.padEnd(10)} ${base}/${carrier}`);
  console.log(`  control    ${base}/<carrier>/__sandbox/... and ${base}/__sandbox/{truth,advance}`);
});

let ticking = false;
const ticker =
  speed > 0
    ? setInterval(() => {
        // A slow webhook receiver must not stack up overlapping advances.
        if (ticking) return;
        ticking = true;
        all
          .advance(TICK_MS * speed)
          .catch((error: unknown) => console.error("sandbox: advance failed", error))
          .finally(() => {
            ticking = false;
          });
      }, TICK_MS)
    : null;

function shutdown() {
  if (ticker) clearInterval(ticker);
  server.close(() => process.exit(0));
  if ("closeAllConnections" in server) server.closeAllConnections();
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
