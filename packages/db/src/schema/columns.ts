import { sql } from "drizzle-orm";
import { integer } from "drizzle-orm/sqlite-core";

/** Every timestamp in the schema: milliseconds since epoch, read as `Date`. */
export const timestamp = (name: string) => integer(name, { mode: "timestamp_ms" });

/** A timestamp that defaults to the insert time. */
export const stampedAt = (name: string) =>
  timestamp(name).notNull().default(sql`(cast(unixepoch('subsec') * 1000 as integer))`);

export const createdAt = () => stampedAt("created_at");
export const updatedAt = () => stampedAt("updated_at");
