import { createUser, type PublicUser, toPublicUser } from "@waybill/db";
import type { AppDeps } from "../deps";
import { createCallerFactory } from "../trpc/init";
import { appRouter } from "../trpc/routers/_app";

const createCaller = createCallerFactory(appRouter);

let users = 0;

/** A user of the given role, straight into the database (no password flow needed here). */
export function createTestUser(deps: AppDeps, role: "customer" | "admin" = "customer"): PublicUser {
  users += 1;
  const user = createUser(deps.db, {
    email: `${role}-${users}-${Date.now()}@example.test`,
    name: `${role === "admin" ? "Admin" : "Customer"} ${users}`,
    passwordHash: "not-a-real-hash",
    role,
  });
  return toPublicUser(user);
}

/** The router as this user would reach it over HTTP, minus the transport. */
export function callerFor(deps: AppDeps, user: PublicUser | null) {
  return createCaller({
    deps,
    user,
    sessionTokenHash: null,
    clientIp: "127.0.0.1",
    transport: "http",
    setCookie: () => {},
  });
}
