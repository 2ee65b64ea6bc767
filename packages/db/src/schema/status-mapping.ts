import { CARRIERS, SHIPMENT_STATUSES } from "@waybill/carriers/statuses";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { carrierAccounts } from "./carriers";
import { createdAt, timestamp, updatedAt } from "./columns";
import { shipments } from "./shipments";
import { users } from "./users";

/** Raw carrier statuses no table knew (mapped to `unknown`): one row per account and code. */
export const unmappedStatuses = sqliteTable(
  "unmapped_statuses",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => carrierAccounts.id, { onDelete: "cascade" }),
    carrier: text("carrier", { enum: CARRIERS }).notNull(),
    rawCode: text("raw_code").notNull(),
    rawLabel: text("raw_label"),
    firstSeenAt: timestamp("first_seen_at").notNull(),
    lastSeenAt: timestamp("last_seen_at").notNull(),
    occurrences: integer("occurrences").notNull().default(0),
    exampleShipmentId: text("example_shipment_id").references(() => shipments.id, {
      onDelete: "set null",
    }),
  },
  (t) => [
    uniqueIndex("unmapped_statuses_account_code_uq").on(t.accountId, t.rawCode),
    index("unmapped_statuses_first_seen_idx").on(t.firstSeenAt),
  ],
);

/** An admin's mapping of one carrier code; wins over the built-in table for that code only. */
export const statusOverrides = sqliteTable(
  "status_overrides",
  {
    id: text("id").primaryKey(),
    carrier: text("carrier", { enum: CARRIERS }).notNull(),
    rawCode: text("raw_code").notNull(),
    status: text("status", { enum: SHIPMENT_STATUSES }).notNull(),
    substatus: text("substatus"),
    setBy: text("set_by").references(() => users.id, { onDelete: "set null" }),
    setByName: text("set_by_name").notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("status_overrides_carrier_code_uq").on(t.carrier, t.rawCode)],
);
