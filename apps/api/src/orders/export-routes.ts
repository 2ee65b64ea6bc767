import { Hono } from "hono";
import { stream } from "hono/streaming";
import { z } from "zod";
import { identifyRequest } from "../auth/sessions";
import type { AppDeps } from "../deps";
import { adminOrderFiltersSchema, exportOrdersCsv } from "./admin-list";

/** Query-string form of the admin list's filters: `status=shipped,delivered&carrier=maystro&search=...`. */
const csvQuerySchema = adminOrderFiltersSchema.extend({
  status: z
    .string()
    .optional()
    .transform((value) => (value ? value.split(",").filter(Boolean) : undefined))
    .pipe(adminOrderFiltersSchema.shape.status),
});

/** Downloads that a browser opens as a link (so not tRPC), with the same session and role checks. */
export function createExportRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get("/orders.csv", (c) => {
    const identity = identifyRequest(deps.db, c.req.header("cookie"), deps.now());
    if (!identity) return c.json({ error: "Please sign in." }, 401);
    if (identity.user.role !== "admin")
      return c.json({ error: "This needs a shop admin account." }, 403);
    const parsed = csvQuerySchema.safeParse(c.req.query());
    if (!parsed.success) return c.json({ error: z.prettifyError(parsed.error) }, 400);
    const filters = parsed.data;
    const day = deps.now().toISOString().slice(0, 10);
    c.header("content-type", "text/csv; charset=utf-8");
    c.header("content-disposition", `attachment; filename="waybill-orders-${day}.csv"`);
    c.header("cache-control", "no-store");
    return stream(c, async (out) => {
      for (const chunk of exportOrdersCsv(deps.db, filters)) {
        if (out.aborted) break;
        await out.write(chunk);
      }
    });
  });
  return app;
}
