import { credentialsSchemaFor } from "@waybill/carriers";
import { CARRIERS, type CarrierId } from "@waybill/carriers/statuses";
import { createId, createSecretToken, type Db, schema } from "@waybill/db";
import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { isValidCronPattern } from "../jobs/cron-pattern";
import type { SecretBox } from "../lib/crypto";
import { DomainError } from "../lib/errors";
import type { CarrierAccountRow } from "./adapters";
import { type BreakerState, breakerStateOf } from "./health";

const { carrierAccounts } = schema;

export const DEFAULT_SYNC_SCHEDULE = "*/5 * * * *";

const cronSchema = z
  .string()
  .trim()
  .refine(isValidCronPattern, "Enter a cron pattern such as */5 * * * *.");

export const accountCreateSchema = z.object({
  carrier: z.enum(CARRIERS),
  name: z.string().trim().min(1, "Name the account.").max(80),
  /** Checked against the carrier's own schema in `createCarrierAccount`. */
  credentials: z.record(z.string(), z.unknown()),
  /** API base URL override (a sandbox or a staging host); omitted = the carrier's production API. */
  baseUrl: z.url().nullish(),
  syncSchedule: cronSchema.default(DEFAULT_SYNC_SCHEDULE),
});
export type AccountCreateInput = z.input<typeof accountCreateSchema>;

export const accountUpdateSchema = z.object({
  id: z.string().min(1),
  name: z.string().trim().min(1).max(80).optional(),
  /** Write-only: omitted keeps the stored credentials. */
  credentials: z.record(z.string(), z.unknown()).optional(),
  baseUrl: z.url().nullish(),
  syncSchedule: cronSchema.optional(),
  /** Issue a new webhook secret (the carrier panel must then be given the new URL). */
  rotateWebhookSecret: z.boolean().optional(),
});
export type AccountUpdateInput = z.input<typeof accountUpdateSchema>;

function sealCredentials(secrets: SecretBox, carrier: CarrierId, credentials: unknown): string {
  const parsed = (credentialsSchemaFor(carrier) as z.ZodType).safeParse(credentials);
  if (!parsed.success) {
    throw new DomainError("INVALID", z.prettifyError(parsed.error), {
      fields: z.flattenError(parsed.error).fieldErrors,
    });
  }
  return secrets.seal(JSON.stringify(parsed.data));
}

export function createCarrierAccount(
  deps: { db: Db; secrets: SecretBox; now: () => Date },
  input: AccountCreateInput,
): CarrierAccountRow {
  const data = accountCreateSchema.parse(input);
  const now = deps.now();
  return deps.db
    .insert(carrierAccounts)
    .values({
      id: createId(),
      carrier: data.carrier,
      name: data.name,
      credentialsEncrypted: sealCredentials(deps.secrets, data.carrier, data.credentials),
      webhookSecretEncrypted: deps.secrets.seal(createSecretToken()),
      baseUrl: data.baseUrl ?? null,
      syncSchedule: data.syncSchedule,
      createdAt: now,
      updatedAt: now,
    })
    .returning()
    .get();
}

export function getCarrierAccount(db: Db, id: string): CarrierAccountRow {
  const row = db.select().from(carrierAccounts).where(eq(carrierAccounts.id, id)).get();
  if (!row) throw new DomainError("NOT_FOUND", "No such carrier account.");
  return row;
}

export function listCarrierAccounts(db: Db): CarrierAccountRow[] {
  return db.select().from(carrierAccounts).orderBy(asc(carrierAccounts.createdAt)).all();
}

/** Bumps `updatedAt`, which retires the cached adapter so the next call uses the new settings. */
export function updateCarrierAccount(
  deps: { db: Db; secrets: SecretBox; now: () => Date },
  input: AccountUpdateInput,
): CarrierAccountRow {
  const data = accountUpdateSchema.parse(input);
  const current = getCarrierAccount(deps.db, data.id);
  const changes: Partial<typeof carrierAccounts.$inferInsert> = { updatedAt: deps.now() };
  if (data.name !== undefined) changes.name = data.name;
  if (data.credentials !== undefined) {
    changes.credentialsEncrypted = sealCredentials(deps.secrets, current.carrier, data.credentials);
    // New credentials deserve a fresh start: the old failures were about the old ones.
    Object.assign(changes, { consecutiveFailures: 0, disabledUntil: null, disabledReason: null });
  }
  if (data.baseUrl !== undefined) changes.baseUrl = data.baseUrl;
  if (data.syncSchedule !== undefined) changes.syncSchedule = data.syncSchedule;
  if (data.rotateWebhookSecret)
    changes.webhookSecretEncrypted = deps.secrets.seal(createSecretToken());
  return deps.db
    .update(carrierAccounts)
    .set(changes)
    .where(eq(carrierAccounts.id, data.id))
    .returning()
    .get() as CarrierAccountRow;
}

/** Enabling also closes the breaker: the admin says "try again now". */
export function setCarrierAccountActive(
  db: Db,
  input: { id: string; active: boolean; now: Date },
): CarrierAccountRow {
  getCarrierAccount(db, input.id);
  return db
    .update(carrierAccounts)
    .set(
      input.active
        ? { active: true, consecutiveFailures: 0, disabledUntil: null, disabledReason: null }
        : { active: false, disabledReason: "Disabled by an admin." },
    )
    .where(eq(carrierAccounts.id, input.id))
    .returning()
    .get() as CarrierAccountRow;
}

export function webhookUrlOf(publicUrl: string, accountId: string, secret: string): string {
  return `${publicUrl}/hooks/${accountId}/${secret}`;
}

/** Shiprocket's panel refuses webhook URLs containing these anywhere (carriers.md §1.5). */
const SHIPROCKET_FORBIDDEN = ["sr", "kr", "shiprocket", "kartrocket"] as const;

export function shiprocketUrlProblem(url: string): string | null {
  const lower = url.toLowerCase();
  const found = SHIPROCKET_FORBIDDEN.filter((word) => lower.includes(word));
  if (found.length === 0) return null;
  return `Shiprocket refuses webhook URLs containing ${found.map((w) => `"${w}"`).join(", ")}. Serve Waybill from a PUBLIC_URL without them.`;
}

export type PublicCarrierAccount = {
  id: string;
  carrier: CarrierId;
  name: string;
  baseUrl: string | null;
  active: boolean;
  syncSchedule: string;
  health: {
    breaker: BreakerState;
    lastUsedAt: Date | null;
    errorCount: number;
    consecutiveFailures: number;
    lastError: string | null;
    lastErrorAt: Date | null;
    pausedUntil: Date | null;
    reason: string | null;
  };
  webhook: { url: string; secret: string; problem: string | null };
  createdAt: Date;
};

/** What admins see: health and the webhook to paste into the carrier panel; credentials never leave. */
export function toPublicCarrierAccount(
  account: CarrierAccountRow,
  options: { publicUrl: string; webhookSecret: string; now: Date },
): PublicCarrierAccount {
  const url = webhookUrlOf(options.publicUrl, account.id, options.webhookSecret);
  return {
    id: account.id,
    carrier: account.carrier,
    name: account.name,
    baseUrl: account.baseUrl,
    active: account.active,
    syncSchedule: account.syncSchedule,
    health: {
      breaker: breakerStateOf(account, options.now),
      lastUsedAt: account.lastUsedAt,
      errorCount: account.errorCount,
      consecutiveFailures: account.consecutiveFailures,
      lastError: account.lastError,
      lastErrorAt: account.lastErrorAt,
      pausedUntil: account.disabledUntil,
      reason: account.disabledReason,
    },
    webhook: {
      url,
      secret: options.webhookSecret,
      problem: account.carrier === "shiprocket" ? shiprocketUrlProblem(url) : null,
    },
    createdAt: account.createdAt,
  };
}
