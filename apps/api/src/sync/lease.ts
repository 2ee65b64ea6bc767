import { type Db, schema, type Tx } from "@waybill/db";
import { and, eq, gt, sql } from "drizzle-orm";

const { leases } = schema;

export type LeaseRequest = { name: string; holder: string; ttlMs: number; now: Date };

/**
 * Takes the named lease when it is free, expired, or already ours, in one statement: two processes on the
 * same database file can never both hold it. Returns whether we hold it now.
 */
export function acquireLease(db: Db | Tx, { name, holder, ttlMs, now }: LeaseRequest): boolean {
  const expiresAt = new Date(now.getTime() + ttlMs);
  const result = db
    .insert(leases)
    .values({ name, holder, expiresAt, createdAt: now })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder, expiresAt, createdAt: now },
      setWhere: sql`${leases.expiresAt} <= ${now.getTime()} or ${leases.holder} = ${holder}`,
    })
    .run();
  return result.changes > 0;
}

/** Extends our lease. False means it expired and someone else took it: the holder must stop. */
export function renewLease(db: Db | Tx, { name, holder, ttlMs, now }: LeaseRequest): boolean {
  const result = db
    .update(leases)
    .set({ expiresAt: new Date(now.getTime() + ttlMs) })
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .run();
  return result.changes > 0;
}

/** Gives the lease up early; a lease someone else took over is left alone. */
export function releaseLease(
  db: Db | Tx,
  { name, holder }: { name: string; holder: string },
): void {
  db.delete(leases)
    .where(and(eq(leases.name, name), eq(leases.holder, holder)))
    .run();
}

/** Whether `holder` holds the lease right now (used to tell a live run from one a dead process left behind). */
export function holdsLease(
  db: Db | Tx,
  { name, holder, now }: { name: string; holder: string; now: Date },
): boolean {
  return (
    db
      .select({ name: leases.name })
      .from(leases)
      .where(and(eq(leases.name, name), eq(leases.holder, holder), gt(leases.expiresAt, now)))
      .get() !== undefined
  );
}
