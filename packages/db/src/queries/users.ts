import { eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { createId } from "../ids";
import { type UserRole, users } from "../schema/users";

export type User = typeof users.$inferSelect;
/** What leaves the server: never the password hash. */
export type PublicUser = Pick<User, "id" | "email" | "name" | "phone" | "role">;

export function toPublicUser(user: User): PublicUser {
  return { id: user.id, email: user.email, name: user.name, phone: user.phone, role: user.role };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function getUserByEmail(db: Db, email: string): User | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .get();
}

export function getUserById(db: Db, id: string): User | undefined {
  return db.select().from(users).where(eq(users.id, id)).get();
}

export function createUser(
  db: Db,
  input: {
    email: string;
    name: string;
    phone?: string | null;
    passwordHash: string;
    role?: UserRole;
  },
): User {
  return db
    .insert(users)
    .values({
      id: createId(),
      email: normalizeEmail(input.email),
      name: input.name.trim(),
      phone: input.phone?.trim() || null,
      passwordHash: input.passwordHash,
      role: input.role ?? "customer",
    })
    .returning()
    .get();
}

/** Creates the user, or updates the password and role of an existing one (operator CLI). */
export function upsertUserWithRole(
  db: Db,
  input: { email: string; name: string; passwordHash: string; role: UserRole },
): { user: User; created: boolean } {
  return db.transaction((tx) => {
    const existing = tx
      .select()
      .from(users)
      .where(eq(users.email, normalizeEmail(input.email)))
      .get();
    if (!existing) return { user: createUser(tx as unknown as Db, input), created: true };
    const user = tx
      .update(users)
      .set({ passwordHash: input.passwordHash, role: input.role })
      .where(eq(users.id, existing.id))
      .returning()
      .get();
    return { user, created: false };
  });
}

export function countUsers(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(users).get()?.n ?? 0;
}
