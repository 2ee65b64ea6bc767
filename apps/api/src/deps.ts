import type { Db } from "@waybill/db";
import type { Hono } from "hono";
import type { AdapterRegistry } from "./carrier-accounts/adapters";
import type { SecretBox } from "./lib/crypto";
import type { Logger } from "./lib/logger";
import { createRateLimiter, type RateLimiter } from "./lib/rate-limit";
import type { EventBus } from "./live/bus";
import type { SyncService } from "./sync/service";
import type { WebhookApplier } from "./webhooks/applier";

/** Everything the app needs, built once in `startServer` (or a test) and passed down. */
export type AppDeps = {
  db: Db;
  logger: Logger;
  secrets: SecretBox;
  publicUrl: string;
  /** Origins allowed to open the WebSocket (the app's own). */
  allowedOrigins: string[];
  now: () => Date;
  sessionTtlMs: number;
  limits: {
    login: RateLimiter;
    loginPerEmail: RateLimiter;
    /** The public tracking page, per client IP. */
    publicTracking: RateLimiter;
  };
  /** Wakes live subscribers after a commit. */
  bus: EventBus;
  /** One cached adapter per carrier account. */
  adapters: AdapterRegistry;
  /** Applies stored webhook deliveries behind their reply. */
  webhooks: WebhookApplier;
  /** Starts and tracks scheduled and on-demand carrier syncs (one run per account at a time). */
  sync: SyncService;
  /** SMTP settings; absent: e-mails stay in the outbox, where the admin app previews them. */
  mail?: { smtpUrl: string; from: string };
  /** The carrier sandboxes' HTTP app, mounted at /sandbox when they run. */
  sandboxApp?: Hono;
  /** Built SPA folders; absent in tests that do not serve them. */
  staticDirs?: { storefront: string; admin: string };
};

export const SESSION_TTL_MS = 30 * 86_400_000;

export function createRequestLimits(): AppDeps["limits"] {
  return {
    // The 11th failed attempt within 15 minutes for one IP + e-mail is refused.
    login: createRateLimiter({ limit: 10, windowMs: 15 * 60_000 }),
    // A wider net for one e-mail from many IPs.
    loginPerEmail: createRateLimiter({ limit: 50, windowMs: 15 * 60_000 }),
    // Guessing tracking number + contact pairs must be slow.
    publicTracking: createRateLimiter({ limit: 30, windowMs: 10 * 60_000 }),
  };
}
