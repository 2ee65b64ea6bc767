import { createTestDb, type Db } from "@waybill/db";
import { createAdapterRegistry } from "../carrier-accounts/adapters";
import { type AppDeps, createRequestLimits, SESSION_TTL_MS } from "../deps";
import { createSecretBox } from "../lib/crypto";
import { silentLogger } from "../lib/logger";
import { createEventBus } from "../live/bus";
import { createSyncService } from "../sync/service";
import { createWebhookApplier } from "../webhooks/applier";

export const TEST_APP_SECRET = "test-secret-test-secret-test-secret-0123";

/** Real dependencies over an in-memory database (migrations applied), for domain tests without HTTP. */
export function createTestDeps(overrides: Partial<AppDeps> & { db?: Db } = {}): AppDeps {
  const secrets = overrides.secrets ?? createSecretBox(TEST_APP_SECRET);
  const db = overrides.db ?? createTestDb();
  const deps: AppDeps = {
    db,
    logger: silentLogger,
    secrets,
    publicUrl: "http://track.example.test",
    allowedOrigins: ["http://track.example.test"],
    now: () => new Date(),
    sessionTtlMs: SESSION_TTL_MS,
    limits: createRequestLimits(),
    bus: createEventBus({ db }),
    // Tests run the sandboxes without limits; the production budgets are tested on their own.
    adapters: createAdapterRegistry({
      secrets,
      logger: silentLogger,
      rateLimits: {
        shiprocket: { capacity: 1_000, refillPerSecond: 1_000 },
        sequel247: { capacity: 1_000, refillPerSecond: 1_000 },
        maystro: { capacity: 1_000, refillPerSecond: 1_000 },
      },
    }),
    // Reads `deps` when a run starts, so overrides (a clock, a logger) apply to syncs too.
    sync: createSyncService(() => deps),
    webhooks: createWebhookApplier(() => deps),
    ...overrides,
  };
  return deps;
}
