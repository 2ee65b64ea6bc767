import { CARRIERS } from "@waybill/carriers/statuses";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { createdAt, timestamp, updatedAt } from "./columns";

export const carrierAccounts = sqliteTable(
  "carrier_accounts",
  {
    /** Generated without the letter pairs Shiprocket's URL validator refuses (`sr`, `kr`). */
    id: text("id").primaryKey(),
    carrier: text("carrier", { enum: CARRIERS }).notNull(),
    name: text("name").notNull(),
    /** AES-256-GCM ciphertext of the credentials JSON (key derived from APP_SECRET). */
    credentialsEncrypted: text("credentials_encrypted").notNull(),
    /** AES-256-GCM ciphertext of the webhook secret: path token, and Shiprocket's `x-api-key`. */
    webhookSecretEncrypted: text("webhook_secret_encrypted").notNull(),
    /** Carrier API base URL override (the sandboxes); null = the carrier's production URL. */
    baseUrl: text("base_url"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** Cron pattern for the scheduled sync. */
    syncSchedule: text("sync_schedule").notNull().default("*/5 * * * *"),
    lastUsedAt: timestamp("last_used_at"),
    errorCount: integer("error_count").notNull().default(0),
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    lastError: text("last_error"),
    lastErrorAt: timestamp("last_error_at"),
    /** Circuit breaker: no calls before this instant. */
    disabledUntil: timestamp("disabled_until"),
    disabledReason: text("disabled_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("carrier_accounts_carrier_idx").on(t.carrier, t.active)],
);
