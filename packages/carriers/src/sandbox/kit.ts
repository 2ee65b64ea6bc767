import type { Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { CarrierId, ShipmentStatus } from "../statuses";

export * from "./timeline";

// ---------------------------------------------------------------------------------------------------------------
// Clock

/** The sandbox's notion of "now", moved only by tests and the control routes. */
export type SandboxClock = { now(): number; advance(ms: number): void; set(ms: number): void };

/** A fixed, recognisable default start so that runs are reproducible: 2026-01-05 04:30 UTC (10:00 IST). */
export const SANDBOX_EPOCH_MS = Date.UTC(2026, 0, 5, 4, 30);

export function createSandboxClock(startMs: number = SANDBOX_EPOCH_MS): SandboxClock {
  let current = startMs;
  return {
    now: () => current,
    advance(ms) {
      if (!(ms >= 0)) throw new RangeError("a sandbox clock only moves forward");
      current += ms;
    },
    set(ms) {
      current = ms;
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny seeded PRNG, so a failing sandbox run replays exactly. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `length` decimal digits (leading zeros allowed, as in Sequel247 dockets). */
export function randomDigits(random: () => number, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += Math.floor(random() * 10).toString();
  return out;
}

/** A v4-shaped UUID from the seeded source (Maystro order ids). */
export function randomUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

// ---------------------------------------------------------------------------------------------------------------
// Faults

export type FaultConfig = {
  /** Added to every carrier route, in real milliseconds. */
  latencyMs: number;
  /** Probability of a 5xx. */
  errorRate: number;
  /** Probability that a request is never answered (until the client gives up). */
  timeoutRate: number;
  /** Probability of a 200 whose JSON body is cut short. */
  malformedRate: number;
  /** The next N carrier requests get 429. */
  rateLimitBurst: number;
  /** Retry-After on those 429s; null sends none (Shiprocket documents none). */
  retryAfterSeconds: number | null;
  /** Carrier-specific: the sandbox answers its auth failure (e.g. Shiprocket 401 "Unauthenticated.") to every token. */
  tokenExpired: boolean;
};

export type FaultCounters = {
  requests: number;
  errors5xx: number;
  rateLimited: number;
  timeouts: number;
  malformed: number;
};

export type Faults = {
  readonly config: FaultConfig;
  set(partial: Partial<FaultConfig>): void;
  /** Back to no faults, and the counters to zero. */
  reset(): void;
  readonly counters: FaultCounters;
  random: () => number;
};

export const DEFAULT_FAULTS: Readonly<FaultConfig> = Object.freeze({
  latencyMs: 0,
  errorRate: 0,
  timeoutRate: 0,
  malformedRate: 0,
  rateLimitBurst: 0,
  retryAfterSeconds: null,
  tokenExpired: false,
});

const DEFAULT_SEED = 0x5eed_2026;

const rate = z.number().min(0).max(1);
export const faultConfigPatchSchema = z
  .object({
    latencyMs: z.number().int().min(0),
    errorRate: rate,
    timeoutRate: rate,
    malformedRate: rate,
    rateLimitBurst: z.number().int().min(0),
    retryAfterSeconds: z.number().min(0).nullable(),
    tokenExpired: z.boolean(),
  })
  .partial()
  .strict();

/** Faults with a seeded random source (`seed`, or your own `random`). */
export function createFaults(options: { random?: () => number; seed?: number } = {}): Faults {
  const config: FaultConfig = { ...DEFAULT_FAULTS };
  const counters: FaultCounters = {
    requests: 0,
    errors5xx: 0,
    rateLimited: 0,
    timeouts: 0,
    malformed: 0,
  };
  return {
    config,
    counters,
    random: options.random ?? mulberry32(options.seed ?? DEFAULT_SEED),
    set(partial) {
      Object.assign(config, faultConfigPatchSchema.parse(partial));
    },
    reset() {
      Object.assign(config, DEFAULT_FAULTS);
      for (const key of Object.keys(counters) as Array<keyof FaultCounters>) counters[key] = 0;
    },
  };
}

/** How long a "timeout" fault holds a request whose client never gives up. */
export const TIMEOUT_HOLD_MS = 60_000;
const SERVER_ERROR_STATUSES = [500, 502, 503, 504] as const;
const CONTROL_PATH = /(^|\/)__sandbox(\/|$)/;

/**
 * Hono middleware applying the faults to every carrier route (not to /__sandbox control routes): latency;
 * `rateLimitBurst` next requests get 429 (with Retry-After only when retryAfterSeconds is set); errorRate -> 5xx;
 * timeoutRate -> never answers until the client aborts (hold the response ~60s or until the request signal
 * aborts); malformedRate -> 200 with a truncated/garbled JSON body. Bodies via carrier-specific callbacks.
 */
export function faultMiddleware(
  faults: Faults,
  bodies: { error5xx(status: number): unknown; rateLimited(): unknown },
  options: { holdMs?: number } = {},
): MiddlewareHandler {
  return async (c, next) => {
    if (CONTROL_PATH.test(c.req.path)) return next();
    const { config, counters, random } = faults;
    const signal = c.req.raw.signal;
    counters.requests++;

    if (config.latencyMs > 0) await delay(config.latencyMs, signal);

    if (config.rateLimitBurst > 0) {
      config.rateLimitBurst--;
      counters.rateLimited++;
      const headers: Record<string, string> = {};
      if (config.retryAfterSeconds !== null)
        headers["retry-after"] = String(config.retryAfterSeconds);
      return c.json(bodies.rateLimited() as object, 429, headers);
    }
    if (config.timeoutRate > 0 && random() < config.timeoutRate) {
      counters.timeouts++;
      await delay(options.holdMs ?? TIMEOUT_HOLD_MS, signal);
      // Nobody is normally listening any more; a late client sees a gateway timeout.
      return c.json(bodies.error5xx(504) as object, 504);
    }
    if (config.errorRate > 0 && random() < config.errorRate) {
      counters.errors5xx++;
      const status =
        SERVER_ERROR_STATUSES[Math.floor(random() * SERVER_ERROR_STATUSES.length)] ?? 500;
      return c.json(bodies.error5xx(status) as object, status);
    }
    if (config.malformedRate > 0 && random() < config.malformedRate) {
      await next();
      counters.malformed++;
      const text = await c.res.text();
      c.res = new Response(garble(text, random), {
        status: 200,
        headers: { "content-type": "application/json" },
      });
      return;
    }
    return next();
  };
}

/** A proper prefix of a JSON object or array never parses; fall back to junk for tiny bodies. */
function garble(text: string, random: () => number): string {
  if (text.length >= 4) {
    const cut = 1 + Math.floor(random() * (text.length - 2));
    const prefix = text.slice(0, cut);
    if (!parses(prefix)) return prefix;
  }
  return `{"status":${text.slice(0, 8)}<html>`;
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}

// ---------------------------------------------------------------------------------------------------------------
// Webhooks

/** `variant` is carrier-specific (Shiprocket: "legacy" payload). */
export type WebhookMode = { duplicateRate: number; reorderWindow: number; variant?: string };

export type WebhookTarget = {
  url: string;
  headers?: Record<string, string>;
  mode?: Partial<WebhookMode>;
};

export type WebhookDelivery = { url: string; status: number | null; body: string; at: number };

/**
 * Queues outgoing webhooks and delivers them with real HTTP POSTs (fetch) to a configured URL: duplicates
 * (re-sends a copy with probability duplicateRate), reorders (shuffles within a window of N pending deliveries),
 * records each attempt (url, status, body) for tests. With no target configured, enqueued webhooks are dropped,
 * as a carrier with no webhook set up sends nothing. One attempt per delivery: no carrier documents retries.
 */
export type WebhookOutbox = {
  configure(target: WebhookTarget | null): void;
  enqueue(body: string, headers?: Record<string, string>): void;
  flush(): Promise<Array<{ status: number | null; body: string }>>;
  readonly sent: WebhookDelivery[];
  /** The configured target, or null. */
  readonly target: WebhookTarget | null;
  /** The mode in effect (defaults filled in). */
  readonly mode: WebhookMode;
  /** Webhooks waiting for the next flush. */
  readonly pending: number;
};

export const DEFAULT_WEBHOOK_MODE: Readonly<WebhookMode> = Object.freeze({
  duplicateRate: 0,
  reorderWindow: 1,
});

export function createWebhookOutbox(
  faults: Faults,
  options: { clock?: SandboxClock; fetch?: typeof fetch; timeoutMs?: number } = {},
): WebhookOutbox {
  const doFetch = options.fetch ?? globalThis.fetch;
  const timeoutMs = options.timeoutMs ?? 10_000;
  let target: WebhookTarget | null = null;
  let mode: WebhookMode = { ...DEFAULT_WEBHOOK_MODE };
  let queue: Array<{ body: string; headers: Record<string, string> }> = [];
  const sent: WebhookDelivery[] = [];

  async function deliver(
    url: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<number | null> {
    try {
      const res = await doFetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...target?.headers, ...headers },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return null;
    }
  }

  return {
    get sent() {
      return sent;
    },
    get target() {
      return target;
    },
    get mode() {
      return mode;
    },
    get pending() {
      return queue.length;
    },
    configure(next) {
      target = next;
      mode = { ...DEFAULT_WEBHOOK_MODE, ...next?.mode };
      if (next === null) queue = [];
    },
    enqueue(body, headers = {}) {
      if (target === null) return;
      queue.push({ body, headers });
    },
    async flush() {
      const current = target;
      const batch = queue;
      queue = [];
      if (current === null || batch.length === 0) return [];
      const withCopies = batch.flatMap((item) =>
        faults.random() < mode.duplicateRate ? [item, item] : [item],
      );
      const ordered = shuffleWithinWindows(
        withCopies,
        Math.max(1, Math.floor(mode.reorderWindow)),
        faults.random,
      );
      const results: Array<{ status: number | null; body: string }> = [];
      // One at a time: the order chosen above is the order the receiver sees.
      for (const item of ordered) {
        const status = await deliver(current.url, item.body, item.headers);
        sent.push({
          url: current.url,
          status,
          body: item.body,
          at: options.clock?.now() ?? Date.now(),
        });
        results.push({ status, body: item.body });
      }
      return results;
    },
  };
}

/** Fisher-Yates inside consecutive windows of `size`, so an item moves at most `size - 1` places. */
export function shuffleWithinWindows<T>(
  items: readonly T[],
  size: number,
  random: () => number,
): T[] {
  const out = [...items];
  if (size <= 1) return out;
  for (let start = 0; start < out.length; start += size) {
    const end = Math.min(out.length, start + size);
    for (let i = end - 1; i > start; i--) {
      const j = start + Math.floor(random() * (i - start + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Scenarios and the control surface

/** Scenario steps: offsets from the shipment's start on the sandbox clock. */
export type ScenarioStep<Code extends string = string> = {
  afterMs: number;
  code: Code;
  label: string;
  location: string | null;
  description?: string;
};

export const SCENARIO_NAMES = [
  "delivered",
  "failed_attempt_then_delivered",
  "rto",
  "lost",
  "cancelled_before_pickup",
  "postponed",
  "stop_desk",
  "unknown_code",
] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

/** The ground truth every sandbox reports: the carrier's real state of one shipment. */
export type GroundTruthShipment = {
  trackingNumber: string | null;
  carrierOrderId: string | null;
  orderNumber: string | null;
  scenario: ScenarioName;
  rawCode: string | null;
  status: ShipmentStatus;
  events: Array<{ rawCode: string; occurredAt: string /* ISO UTC */ }>;
};

/**
 * Uniform control surface of every sandbox (programmatic), also mounted as JSON routes under /__sandbox by
 * mountControlRoutes: GET /__sandbox/truth, POST /__sandbox/advance {ms}, POST /__sandbox/faults {partial},
 * POST /__sandbox/faults/reset, POST /__sandbox/shipments {scenario, orderNumber?, trackingNumber?},
 * POST /__sandbox/webhook {url, headers?, mode?} | null, GET /__sandbox/webhook/sent.
 */
export type SandboxControl = {
  clock: SandboxClock;
  faults: Faults;
  webhooks: WebhookOutbox;
  /**
   * Throws RangeError (or a ZodError) when the carrier would refuse the request, e.g. Sequel247 and
   * `stop_desk` or a malformed or reused docket; POST /__sandbox/shipments answers those 400.
   */
  createShipment(input: {
    scenario: ScenarioName;
    orderNumber?: string;
    trackingNumber?: string;
  }): GroundTruthShipment;
  /** Move the clock, apply every due step in time order, enqueue and deliver the webhooks they cause; resolves when delivered. */
  advance(ms: number): Promise<void>;
  groundTruth(): GroundTruthShipment[];
};

export type Sandbox = { carrier: CarrierId; app: Hono; control: SandboxControl };

const advanceBodySchema = z.object({ ms: z.number().min(0) });
const shipmentBodySchema = z.object({
  scenario: z.enum(SCENARIO_NAMES),
  orderNumber: z.string().min(1).optional(),
  trackingNumber: z.string().min(1).optional(),
});
const webhookBodySchema = z
  .object({
    url: z.url(),
    headers: z.record(z.string(), z.string()).optional(),
    mode: z
      .object({
        duplicateRate: rate,
        reorderWindow: z.number().int().min(1),
        variant: z.string(),
      })
      .partial()
      .optional(),
  })
  .nullable();

/** Mounts the control routes on a sandbox app. Call it before the fault middleware's routes need them: order is free. */
export function mountControlRoutes(app: Hono, control: SandboxControl): void {
  const readJson = async (request: Request): Promise<unknown> => {
    const text = await request.text();
    if (text.trim() === "") return undefined;
    return JSON.parse(text);
  };
  const invalid = (message: string) => ({ error: "invalid_request", message });

  app.get("/__sandbox/truth", (c) =>
    c.json({ now: new Date(control.clock.now()).toISOString(), shipments: control.groundTruth() }),
  );
  app.post("/__sandbox/advance", async (c) => {
    const parsed = advanceBodySchema.safeParse(await readJson(c.req.raw).catch(() => undefined));
    if (!parsed.success) return c.json(invalid('body must be {"ms": number >= 0}'), 400);
    await control.advance(parsed.data.ms);
    return c.json({ now: new Date(control.clock.now()).toISOString() });
  });
  app.get("/__sandbox/faults", (c) =>
    c.json({ config: control.faults.config, counters: control.faults.counters }),
  );
  app.post("/__sandbox/faults", async (c) => {
    const parsed = faultConfigPatchSchema.safeParse(
      await readJson(c.req.raw).catch(() => undefined),
    );
    if (!parsed.success) return c.json(invalid(z.prettifyError(parsed.error)), 400);
    control.faults.set(parsed.data as Partial<FaultConfig>);
    return c.json({ config: control.faults.config });
  });
  app.post("/__sandbox/faults/reset", (c) => {
    control.faults.reset();
    return c.json({ config: control.faults.config });
  });
  app.post("/__sandbox/shipments", async (c) => {
    const parsed = shipmentBodySchema.safeParse(await readJson(c.req.raw).catch(() => undefined));
    if (!parsed.success) return c.json(invalid(z.prettifyError(parsed.error)), 400);
    const { scenario, orderNumber, trackingNumber } = parsed.data;
    let created: GroundTruthShipment;
    try {
      created = control.createShipment({
        scenario,
        ...(orderNumber !== undefined ? { orderNumber } : {}),
        ...(trackingNumber !== undefined ? { trackingNumber } : {}),
      });
    } catch (error) {
      // The carrier's refusal (Sequel247 has no stop desk, a malformed or reused docket) is the caller's
      // mistake; anything else is a sandbox bug and stays a 500.
      if (error instanceof RangeError) return c.json(invalid(error.message), 400);
      if (error instanceof z.ZodError) return c.json(invalid(z.prettifyError(error)), 400);
      throw error;
    }
    return c.json(created, 201);
  });
  app.post("/__sandbox/webhook", async (c) => {
    const parsed = webhookBodySchema.safeParse(
      await readJson(c.req.raw).catch(() => ({ invalid: true })),
    );
    if (!parsed.success) return c.json(invalid(z.prettifyError(parsed.error)), 400);
    control.webhooks.configure(parsed.data === null ? null : (parsed.data as WebhookTarget));
    return c.json({ target: control.webhooks.target, mode: control.webhooks.mode });
  });
  app.get("/__sandbox/webhook/sent", (c) => c.json({ sent: control.webhooks.sent }));
}
