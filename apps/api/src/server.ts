import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { closeDb, createDb, type Db, migrateDb } from "@waybill/db";
import { DEMO_LOGINS, seedDemo } from "@waybill/db/seed";
import { createApp } from "./app";
import { createAdapterRegistry } from "./carrier-accounts/adapters";
import { type AppDeps, createRequestLimits, SESSION_TTL_MS } from "./deps";
import type { Env } from "./env";
import { startJobs } from "./jobs/index";
import { createSecretBox, hashPassword } from "./lib/crypto";
import { createLogger, type Logger } from "./lib/logger";
import { createEventBus } from "./live/bus";
import { workspacePaths } from "./paths";
import { SANDBOX_MOUNT, sandboxesWanted, startSandboxes } from "./sandboxes";
import { attachWebSocket } from "./ws";

export type StartOptions = {
  /** Seed the demo shop when the database is empty (the `pnpm start` experience). */
  demo?: boolean;
  /** Serve the built SPAs (default true). */
  serveSpas?: boolean;
  logger?: Logger;
  /** Run the cron jobs (default true; tests drive jobs directly). */
  jobs?: boolean;
};

export type RunningServer = {
  url: string;
  /** Base URL of the carrier sandboxes when they run (`${url}/sandbox`). */
  sandboxUrl: string | null;
  port: number;
  deps: AppDeps;
  demoSeeded: boolean;
  close(): Promise<void>;
};

export async function seedDemoIfEmpty(db: Db, now: Date): Promise<boolean> {
  const [adminPasswordHash, customerPasswordHash] = await Promise.all([
    hashPassword(DEMO_LOGINS.admin.password),
    hashPassword(DEMO_LOGINS.customer.password),
  ]);
  return seedDemo(db, { adminPasswordHash, customerPasswordHash, now }).seeded;
}

/** env → db + migrations → app → HTTP + WebSocket on one port → jobs. */
export async function startServer(env: Env, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(env.LOG_LEVEL);
  const paths = workspacePaths();
  const db = createDb(env.databasePath);
  migrateDb(db, paths.migrations);
  const demoSeeded = options.demo ? await seedDemoIfEmpty(db, new Date()) : false;
  const sandboxes = sandboxesWanted(env.CARRIER_SANDBOX, db) ? startSandboxes(logger) : null;

  const secrets = createSecretBox(env.APP_SECRET);
  const deps: AppDeps = {
    db,
    logger,
    secrets,
    publicUrl: env.PUBLIC_URL,
    allowedOrigins: [],
    now: () => new Date(),
    sessionTtlMs: SESSION_TTL_MS,
    limits: createRequestLimits(),
    bus: createEventBus(),
    adapters: createAdapterRegistry({ secrets, logger }),
    sandboxApp: sandboxes?.app,
    staticDirs:
      options.serveSpas === false
        ? undefined
        : { storefront: paths.storefront, admin: paths.admin },
  };
  const app = createApp(deps);

  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () =>
      resolve(s as Server),
    ) as Server;
    s.once("error", reject);
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${env.HOST === "0.0.0.0" || env.HOST === "::" ? "localhost" : env.HOST}:${port}`;
  deps.allowedOrigins.push(
    ...new Set([
      new URL(env.PUBLIC_URL).origin,
      `http://localhost:${port}`,
      `http://127.0.0.1:${port}`,
    ]),
  );
  const ws = attachWebSocket(server, deps);
  const jobs = options.jobs === false ? { stop() {} } : startJobs(deps);

  let closing: Promise<void> | undefined;
  return {
    url,
    sandboxUrl: sandboxes ? `${url}${SANDBOX_MOUNT}` : null,
    port,
    deps,
    demoSeeded,
    close() {
      closing ??= (async () => {
        jobs.stop();
        sandboxes?.stop();
        await ws.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        });
        closeDb(db);
      })();
      return closing;
    },
  };
}
