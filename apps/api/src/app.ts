import { getConnInfo } from "@hono/node-server/conninfo";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { pingDb } from "@waybill/db";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppDeps } from "./deps";
import { createSpaHandler } from "./lib/static";
import { createExportRoutes } from "./orders/export-routes";
import { SANDBOX_MOUNT } from "./sandboxes";
import { createContext } from "./trpc/context";
import { appRouter } from "./trpc/routers/_app";
import { createWebhookRoutes } from "./webhooks/routes";

function clientIpOf(c: Parameters<typeof getConnInfo>[0]): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    // app.request() in tests has no socket.
    return "unknown";
  }
}

const SECURITY_HEADERS = [
  ["x-content-type-options", "nosniff"],
  ["referrer-policy", "same-origin"],
  ["x-frame-options", "DENY"],
] as const;

/** The whole HTTP surface. Never listens: `index.ts` serves it, tests call `app.request()`. */
export function createApp(deps: AppDeps) {
  const app = new Hono();

  app.use("*", async (c, next) => {
    await next();
    // Set on the response's own headers: `c.header()` after `next()` copies the whole response each time,
    // a third of a webhook reply's HTTP cost.
    const { headers } = c.res;
    for (const [name, value] of SECURITY_HEADERS) headers.set(name, value);
  });

  app.get("/healthz", (c) => {
    const database = pingDb(deps.db) ? "ok" : "unavailable";
    return c.json(
      { status: database === "ok" ? "ok" : "degraded", database },
      database === "ok" ? 200 : 503,
    );
  });

  app.use("/trpc/*", bodyLimit({ maxSize: 1024 * 1024 }));
  app.all("/trpc/*", (c) =>
    fetchRequestHandler({
      endpoint: "/trpc",
      req: c.req.raw,
      router: appRouter,
      createContext: ({ req, resHeaders }) =>
        createContext({
          deps,
          cookieHeader: req.headers.get("cookie"),
          clientIp: clientIpOf(c),
          transport: "http",
          setCookie: (cookie) => resHeaders.append("set-cookie", cookie),
        }),
    }),
  );

  app.route("/hooks", createWebhookRoutes(deps));
  app.route("/exports", createExportRoutes(deps));
  if (deps.sandboxApp) app.route(SANDBOX_MOUNT, deps.sandboxApp);

  if (deps.staticDirs) {
    const admin = createSpaHandler({ root: deps.staticDirs.admin, basePath: "/admin" });
    const storefront = createSpaHandler({ root: deps.staticDirs.storefront, basePath: "" });
    app.get("/admin", (c) => c.redirect("/admin/", 301));
    app.get("/admin/*", admin);
    app.get("*", storefront);
  }

  return app;
}

export type App = ReturnType<typeof createApp>;
