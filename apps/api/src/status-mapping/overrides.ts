import type { StatusMapping } from "@waybill/carriers";
import { CARRIERS, type CarrierId, SHIPMENT_STATUSES } from "@waybill/carriers/statuses";
import { createId, type Db, schema, type Tx } from "@waybill/db";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { DomainError } from "../lib/errors";
import { preparedQuery } from "../lib/prepared";

const { statusOverrides } = schema;

export const overrideKeySchema = z.object({
  carrier: z.enum(CARRIERS),
  rawCode: z.string().trim().min(1).max(100),
});
export const setOverrideSchema = overrideKeySchema.extend({
  // Mapping a code to `unknown` is what having no override means.
  status: z.enum(SHIPMENT_STATUSES).exclude(["unknown"]),
  substatus: z
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/, "Use lower-case words joined by _, e.g. picked_up.")
    .nullish(),
});

export type OverrideMap = Map<string, StatusMapping>;

const keyOf = (carrier: CarrierId, rawCode: string) => `${carrier}|${rawCode}`;

// Prepared once per database: read by every apply transaction (each webhook is one).
const selectAllOverrides = preparedQuery((db) => db.select().from(statusOverrides).prepare());

/** Every override, read once per batch: the table holds a handful of rows. */
export function loadOverrides(db: Db | Tx): OverrideMap {
  return new Map(
    selectAllOverrides(db)
      .all()
      .map((row) => [
        keyOf(row.carrier, row.rawCode),
        { status: row.status, substatus: row.substatus },
      ]),
  );
}

export function overrideFor(
  overrides: OverrideMap,
  carrier: CarrierId,
  rawCode: string,
): StatusMapping | undefined {
  return overrides.get(keyOf(carrier, rawCode));
}

export function listOverrides(db: Db) {
  return db
    .select()
    .from(statusOverrides)
    .orderBy(asc(statusOverrides.carrier), asc(statusOverrides.rawCode))
    .all();
}

/** Creates or edits the override of one code; who and when are kept for the audit. */
export function setOverride(
  db: Db,
  input: z.input<typeof setOverrideSchema> & { admin: { id: string; name: string }; now: Date },
) {
  const data = setOverrideSchema.parse(input);
  return db
    .insert(statusOverrides)
    .values({
      id: createId(),
      carrier: data.carrier,
      rawCode: data.rawCode,
      status: data.status,
      substatus: data.substatus ?? null,
      setBy: input.admin.id,
      setByName: input.admin.name,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .onConflictDoUpdate({
      target: [statusOverrides.carrier, statusOverrides.rawCode],
      set: {
        status: data.status,
        substatus: data.substatus ?? null,
        setBy: input.admin.id,
        setByName: input.admin.name,
        updatedAt: input.now,
      },
    })
    .returning()
    .get();
}

/** Future scans of the code fall back to the built-in table; what was already applied stays. */
export function removeOverride(db: Db, input: z.input<typeof overrideKeySchema>): void {
  const key = overrideKeySchema.parse(input);
  const removed = db
    .delete(statusOverrides)
    .where(and(eq(statusOverrides.carrier, key.carrier), eq(statusOverrides.rawCode, key.rawCode)))
    .run();
  if (removed.changes === 0) throw new DomainError("NOT_FOUND", "No override for that code.");
}
