import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { closeDb, createDb, type Db, migrateDb, startCheckpointer } from "@waybill/db";
import { DEMO_LOGINS, seedDemo } from "@waybill/db/seed";
import { createApp } from "./app";
import { createAdapterRegistry } from "./carrier-accounts/adapters";
import { DEMO_HISTORY_MS, prepareSandboxCarriers } from "./demo/carriers";
import { type AppDeps, createRequestLimits, SESSION_TTL_MS } from "./deps";
import type { Env } from "./env";
import { startJobs } from "./jobs/index";
import { createSecretBox, hashPassword } from "./lib/crypto";
import { createLogger, type Logger } from "./lib/logger";
import { createEventBus } from "./live/bus";
import { workspacePaths } from "./paths";
import { SANDBOX_MOUNT, sandboxesWanted, startSandboxes } from "./sandboxes";
import { markInterruptedRuns } from "./sync/runs";
import { createSyncService } from "./sync/service";
import { createWebhookApplier } from "./webhooks/applier";
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
  // Runs a previous process left unfinished (its lease lapsed) are recorded as interrupted.
  markInterruptedRuns(db, new Date());
  const demoSeeded = options.demo ? await seedDemoIfEmpty(db, new Date()) : false;
  const sandboxes = sandboxesWanted(env.CARRIER_SANDBOX, db)
    ? startSandboxes(logger, { behindMs: demoSeeded ? DEMO_HISTORY_MS : 0 })
    : null;

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
    bus: createEventBus({ db, logger }),
    adapters: createAdapterRegistry({ secrets, logger }),
    sync: createSyncService(() => deps),
    webhooks: createWebhookApplier(() => deps),
    mail: env.SMTP_URL ? { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM } : undefined,
    sandboxApp: sandboxes?.app,
    staticDirs:
      options.serveSpas === false
        ? undefined
        : { storefront: paths.storefront, admin: paths.admin },
  };
  // Deliveries a previous process answered but never applied (it died in between) are applied now.
  deps.webhooks.recover();
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
  if (sandboxes) {
    await prepareSandboxCarriers(deps, {
      runner: sandboxes,
      sandboxUrl: `${url}${SANDBOX_MOUNT}`,
      hookBaseUrl: url,
      demo: options.demo ?? false,
      firstStart: demoSeeded,
    });
  }
  const jobs = options.jobs === false ? { stop() {} } : startJobs(deps);
  const checkpointer =
    env.databasePath === ":memory:"
      ? null
      : startCheckpointer(env.databasePath, {
          onError: (message) => logger.error("background checkpoint failed", { error: message }),
        });

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
        deps.webhooks.stop();
        await deps.sync.stop();
        sandboxes?.stop();
        await ws.close();
        deps.bus.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections?.();
        });
        await checkpointer?.stop();
        closeDb(db);
      })();
      return closing;
    },
  };
}
