import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { carrierAccounts } from "./carriers";
import { createdAt, timestamp } from "./columns";

export const WEBHOOK_VERDICTS = [
  "received",
  "accepted",
  "rejected",
  "duplicate",
  "unmatched",
  "failed",
] as const;
export type WebhookVerdict = (typeof WEBHOOK_VERDICTS)[number];

export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    /** Null when the path named no known account (still logged: it is evidence). */
    accountId: text("account_id").references(() => carrierAccounts.id),
    receivedAt: timestamp("received_at").notNull(),
    /** JSON object of the headers kept (secrets masked before storing). */
    headers: text("headers").notNull(),
    body: text("body").notNull(),
    verdict: text("verdict", { enum: WEBHOOK_VERDICTS }).notNull().default("received"),
    error: text("error"),
    processedAt: timestamp("processed_at"),
  },
  (t) => [
    // The admin inbox lists newest first with no filter.
    index("webhook_deliveries_received_idx").on(t.receivedAt, t.id),
    index("webhook_deliveries_account_idx").on(t.accountId, t.receivedAt),
    index("webhook_deliveries_verdict_idx").on(t.verdict, t.receivedAt),
  ],
);

export const SYNC_TRIGGERS = ["schedule", "admin", "startup"] as const;
export const SYNC_RUN_STATES = ["running", "succeeded", "failed", "interrupted"] as const;

export const syncRuns = sqliteTable(
  "sync_runs",
  {
    id: text("id").primaryKey(),
    kind: text("kind").notNull().default("poll"),
    accountId: text("account_id").references(() => carrierAccounts.id),
    trigger: text("trigger", { enum: SYNC_TRIGGERS }).notNull(),
    state: text("state", { enum: SYNC_RUN_STATES }).notNull().default("running"),
    startedAt: timestamp("started_at").notNull(),
    finishedAt: timestamp("finished_at"),
    due: integer("due").notNull().default(0),
    checked: integer("checked").notNull().default(0),
    changed: integer("changed").notNull().default(0),
    failed: integer("failed").notNull().default(0),
    /** JSON array of { shipmentId?, code, message }. */
    errors: text("errors").notNull().default("[]"),
  },
  (t) => [
    index("sync_runs_started_idx").on(t.startedAt),
    index("sync_runs_account_idx").on(t.accountId, t.startedAt),
  ],
);

/** Named leases so that two processes (or a restart) never run the same job at once. */
export const leases = sqliteTable("leases", {
  name: text("name").primaryKey(),
  holder: text("holder").notNull(),
  expiresAt: timestamp("expires_at").notNull(),
  createdAt: createdAt(),
});
