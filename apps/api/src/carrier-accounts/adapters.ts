import { type CarrierAdapter, createCarrierAdapter } from "@waybill/carriers";
import type { CarrierId } from "@waybill/carriers/statuses";
import type { schema } from "@waybill/db";
import type { SecretBox } from "../lib/crypto";
import type { Logger } from "../lib/logger";

export type CarrierAccountRow = typeof schema.carrierAccounts.$inferSelect;
export type RateLimit = { capacity: number; refillPerSecond: number };

/**
 * Request budgets per account. None of the three carriers publishes a limit (carriers.md §1.6, §2.6, §3.7);
 * Maystro's is the community's conservative 45 requests/min.
 */
export const DEFAULT_RATE_LIMITS: Record<CarrierId, RateLimit> = {
  shiprocket: { capacity: 20, refillPerSecond: 10 },
  sequel247: { capacity: 10, refillPerSecond: 5 },
  maystro: { capacity: 5, refillPerSecond: 0.75 },
};

export type AdapterRegistry = {
  /** The adapter of one account, reused while the account row is unchanged (keeps token caches warm). */
  forAccount(account: CarrierAccountRow): CarrierAdapter;
  /** The account's webhook secret, decrypted. */
  webhookSecretOf(account: CarrierAccountRow): string;
};

export function createAdapterRegistry(options: {
  secrets: SecretBox;
  logger: Logger;
  rateLimits?: Partial<Record<CarrierId, RateLimit>>;
  fetch?: typeof fetch;
}): AdapterRegistry {
  const cache = new Map<string, { stamp: number; adapter: CarrierAdapter }>();
  const secretCache = new Map<string, { sealed: string; plain: string }>();

  function webhookSecretOf(account: CarrierAccountRow): string {
    const cached = secretCache.get(account.id);
    if (cached?.sealed === account.webhookSecretEncrypted) return cached.plain;
    const plain = options.secrets.open(account.webhookSecretEncrypted);
    secretCache.set(account.id, { sealed: account.webhookSecretEncrypted, plain });
    return plain;
  }

  return {
    webhookSecretOf,
    forAccount(account) {
      const stamp = account.updatedAt.getTime();
      const cached = cache.get(account.id);
      if (cached?.stamp === stamp) return cached.adapter;
      const adapter = createCarrierAdapter({
        id: account.id,
        carrier: account.carrier,
        credentials: JSON.parse(options.secrets.open(account.credentialsEncrypted)),
        webhookSecret: webhookSecretOf(account),
        ...(account.baseUrl ? { baseUrl: account.baseUrl } : {}),
        rateLimit: options.rateLimits?.[account.carrier] ?? DEFAULT_RATE_LIMITS[account.carrier],
        logger: options.logger,
        ...(options.fetch ? { fetch: options.fetch } : {}),
      });
      cache.set(account.id, { stamp, adapter });
      return adapter;
    },
  };
}
