import { Hono } from "hono";
import { z } from "zod";
import { createMaystroSandbox } from "../maystro/sandbox";
import { createSequel247Sandbox } from "../sequel247/sandbox";
import { createShiprocketSandbox } from "../shiprocket/sandbox";
import { CARRIERS, type CarrierId } from "../statuses";
import {
  createFaults,
  createSandboxClock,
  type GroundTruthShipment,
  mulberry32,
  type Sandbox,
  type SandboxClock,
} from "./kit";

export {
  createMaystroSandbox,
  MAYSTRO_SANDBOX_TOKEN,
  type MaystroSandboxOptions,
  type MaystroWebhookVariant,
} from "../maystro/sandbox";
export {
  createSequel247Sandbox,
  SEQUEL247_SANDBOX_TOKEN,
  type Sequel247Sandbox,
  type Sequel247SandboxOptions,
  type Sequel247SandboxSettings,
  type Sequel247TrackingOrder,
  type Sequel247TrackMultipleShape,
} from "../sequel247/sandbox";
export {
  createShiprocketSandbox,
  SHIPROCKET_SANDBOX_CREDENTIALS,
  type ShiprocketSandbox,
  type ShiprocketSandboxOptions,
  type ShiprocketSandboxSettings,
} from "../shiprocket/sandbox";
export * from "./kit";

export type AllSandboxes = Record<CarrierId, Sandbox> & {
  /** Shared by the three sandboxes, so one `advance` moves every carrier's world. */
  clock: SandboxClock;
  /** Moves the shared clock once and lets every sandbox apply its due steps and deliver its webhooks. */
  advance(ms: number): Promise<void>;
  groundTruth(): Record<CarrierId, GroundTruthShipment[]>;
};

export type AllSandboxesOptions = {
  clock?: SandboxClock;
  /** Seeds each sandbox's faults and ids (seed, seed + 1, seed + 2), so a run replays. */
  seed?: number;
  /** Used to deliver webhooks. */
  fetch?: typeof fetch;
};

/** One sandbox per carrier on a shared clock, each with its own faults. */
export function createAllSandboxes(options: AllSandboxesOptions = {}): AllSandboxes {
  const clock = options.clock ?? createSandboxClock();
  const seed = options.seed ?? 2026;
  const fetchOption = options.fetch ? { fetch: options.fetch } : {};
  const seeded = (offset: number) => {
    const random = mulberry32(seed + offset);
    return { random, faults: createFaults({ random }) };
  };

  const sandboxes: Record<CarrierId, Sandbox> = {
    shiprocket: createShiprocketSandbox({ clock, ...seeded(0), ...fetchOption }),
    sequel247: createSequel247Sandbox({ clock, ...seeded(1) }),
    maystro: createMaystroSandbox({ clock, ...seeded(2), ...fetchOption }),
  };

  return {
    ...sandboxes,
    clock,
    async advance(ms) {
      clock.advance(ms);
      // The clock has moved; advancing each control by 0 applies its due steps and flushes its webhooks.
      for (const carrier of CARRIERS) await sandboxes[carrier].control.advance(0);
    },
    groundTruth() {
      return {
        shiprocket: sandboxes.shiprocket.control.groundTruth(),
        sequel247: sandboxes.sequel247.control.groundTruth(),
        maystro: sandboxes.maystro.control.groundTruth(),
      };
    },
  };
}

const advanceBodySchema = z.object({ ms: z.number().min(0) });

/**
 * One Hono app serving every sandbox under `/<carrier>` (e.g. `/shiprocket/v1/external/...`), plus
 * `GET /__sandbox/truth` and `POST /__sandbox/advance {ms}` for all carriers at once. It never listens.
 */
export function createSandboxesApp(all: AllSandboxes): Hono {
  const app = new Hono();
  app.get("/", (c) =>
    c.json({
      now: new Date(all.clock.now()).toISOString(),
      carriers: CARRIERS.map((carrier) => ({ carrier, basePath: `/${carrier}` })),
    }),
  );
  app.get("/__sandbox/truth", (c) =>
    c.json({ now: new Date(all.clock.now()).toISOString(), carriers: all.groundTruth() }),
  );
  app.post("/__sandbox/advance", async (c) => {
    const parsed = advanceBodySchema.safeParse(await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      return c.json({ error: "invalid_request", message: 'body must be {"ms": number >= 0}' }, 400);
    }
    await all.advance(parsed.data.ms);
    return c.json({ now: new Date(all.clock.now()).toISOString() });
  });
  for (const carrier of CARRIERS) app.route(`/${carrier}`, all[carrier].app);
  return app;
}
