/**
 * The server side of bench/webhook-ingest.ts, in its own process: the real Waybill server on the seeded
 * database file (BENCH_ENV), and beside it a bare Hono endpoint that reads the body and answers 200, the
 * floor that the same process, runtime and HTTP stack can reach.
 */
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { loadEnv } from "../src/env";
import { silentLogger } from "../src/lib/logger";
import { startServer } from "../src/server";
import { serveParent } from "./lib/child";

await serveParent(async () => {
  const env = JSON.parse(process.env.BENCH_ENV ?? "{}") as Record<string, string>;
  const server = await startServer(loadEnv(env), {
    serveSpas: false,
    jobs: false,
    logger: silentLogger,
  });

  const bare = new Hono();
  bare.post("/hooks/:accountId/:token", async (c) => {
    await c.req.text();
    return c.json({ ok: true, verdict: "accepted", message: "ok" });
  });
  const bareServer = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: bare.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const barePort = (bareServer.address() as AddressInfo).port;

  return {
    ready: { url: server.url, bareUrl: `http://127.0.0.1:${barePort}` },
    handlers: {
      // Replies come once a delivery is stored; this waits until every stored one is applied too.
      idle: () => server.deps.webhooks.idle(),
      // CPU time is steadier than a rate on a machine shared with the load generator and other work.
      cpu: () => process.cpuUsage(),
      // When the last delivery was stored and when its batch was applied (epoch ms): autocannon only
      // notices that it is done on its next one-second tick, too coarse to time a run by.
      lastTimes: () =>
        server.deps.db.$client
          .prepare(
            "select max(received_at) as storedAt, max(processed_at) as appliedAt from webhook_deliveries",
          )
          .get(),
    },
    async onStop() {
      bareServer.closeAllConnections();
      bareServer.close();
      await server.close();
    },
  };
});
