import { createTestDb, type Db } from "@waybill/db";
import { createAdapterRegistry } from "../carrier-accounts/adapters";
import { type AppDeps, createRequestLimits, SESSION_TTL_MS } from "../deps";
import { createSecretBox } from "../lib/crypto";
import { silentLogger } from "../lib/logger";
import { createEventBus } from "../live/bus";

export const TEST_APP_SECRET = "test-secret-test-secret-test-secret-0123";

/** Real dependencies over an in-memory database (migrations applied), for domain tests without HTTP. */
export function createTestDeps(overrides: Partial<AppDeps> & { db?: Db } = {}): AppDeps {
  const secrets = overrides.secrets ?? createSecretBox(TEST_APP_SECRET);
  return {
    db: createTestDb(),
    logger: silentLogger,
    secrets,
    publicUrl: "http://track.example.test",
    allowedOrigins: ["http://track.example.test"],
    now: () => new Date(),
    sessionTtlMs: SESSION_TTL_MS,
    limits: createRequestLimits(),
    bus: createEventBus(),
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
    ...overrides,
  };
}
