import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Hono } from "hono";

export type CapturedDelivery = { body: string; headers: Record<string, string> };

/**
 * A loopback endpoint that keeps what a sandbox's webhook outbox POSTs to it, so a scenario can replay the
 * carrier's real payloads in any order, duplicated, with any concurrency, or across a restart.
 */
export async function startCapture(): Promise<{
  url: string;
  deliveries: CapturedDelivery[];
  close(): Promise<void>;
}> {
  const deliveries: CapturedDelivery[] = [];
  const app = new Hono();
  app.post("/capture", async (c) => {
    deliveries.push({ body: await c.req.text(), headers: c.req.header() });
    return c.body(null, 204);
  });
  const server = await new Promise<Server>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () =>
      resolve(s as Server),
    ) as Server;
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/capture`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * The storm a carrier's retries and parallel workers make of an ordered stream: `duplicateShare` of the
 * deliveries sent twice, and `reorderShare` of them moved up to `distance` places away.
 */
export function stormOf<T>(
  ordered: readonly T[],
  options: { duplicateShare: number; reorderShare: number; distance: number; random: () => number },
): { deliveries: T[]; duplicated: number; moved: number } {
  const list = [...ordered];
  let duplicated = 0;
  for (let i = ordered.length - 1; i >= 0; i--) {
    if (options.random() < options.duplicateShare) {
      const at = Math.min(list.length, i + 1 + Math.floor(options.random() * options.distance));
      list.splice(at, 0, ordered[i] as T);
      duplicated += 1;
    }
  }
  let moved = 0;
  const toMove = Math.round(list.length * options.reorderShare);
  for (let k = 0; k < toMove; k++) {
    const from = Math.floor(options.random() * list.length);
    const offset = Math.floor((options.random() * 2 - 1) * options.distance);
    const to = Math.max(0, Math.min(list.length - 1, from + offset));
    if (to === from) continue;
    const [item] = list.splice(from, 1);
    list.splice(to, 0, item as T);
    moved += 1;
  }
  return { deliveries: list, duplicated, moved };
}
