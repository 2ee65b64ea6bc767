import { type Db, deleteExpiredSessions } from "@waybill/db";
import type { Logger } from "../lib/logger";

export function pruneExpiredSessions({
  db,
  logger,
  now,
}: {
  db: Db;
  logger: Logger;
  now: Date;
}): number {
  const removed = deleteExpiredSessions(db, now);
  if (removed > 0) logger.info("expired sessions removed", { removed });
  return removed;
}
