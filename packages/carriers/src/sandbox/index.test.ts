import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { createCarrierAdapter } from "../adapter";
import { CARRIERS, type CarrierId } from "../statuses";
import {
  createAllSandboxes,
  createSandboxesApp,
  MAYSTRO_SANDBOX_TOKEN,
  SANDBOX_EPOCH_MS,
  SEQUEL247_SANDBOX_TOKEN,
  SHIPROCKET_SANDBOX_CREDENTIALS,
} from "./index";

const DAY = 24 * 3_600_000;
const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function listen(app: ReturnType<typeof createSandboxesApp>): Promise<string> {
  const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server) server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const CREDENTIALS: Record<CarrierId, unknown> = {
  shiprocket: SHIPROCKET_SANDBOX_CREDENTIALS,
  sequel247: { token: SEQUEL247_SANDBOX_TOKEN },
  maystro: { apiToken: MAYSTRO_SANDBOX_TOKEN },
};

describe("createAllSandboxes", () => {
  it("runs the three carriers on one clock and advances them together", async () => {
    const all = createAllSandboxes({ seed: 7 });
    expect(all.clock.now()).toBe(SANDBOX_EPOCH_MS);
    for (const carrier of CARRIERS) {
      expect(all[carrier].carrier).toBe(carrier);
      expect(all[carrier].control.clock).toBe(all.clock);
      all[carrier].control.createShipment({ scenario: "delivered" });
    }
    await all.advance(20 * DAY);
    expect(all.clock.now()).toBe(SANDBOX_EPOCH_MS + 20 * DAY);
    const truth = all.groundTruth();
    for (const carrier of CARRIERS) {
      expect(truth[carrier].map((shipment) => shipment.status)).toEqual(["delivered"]);
    }
  });

  it("keeps faults separate per carrier", () => {
    const all = createAllSandboxes();
    all.shiprocket.control.faults.set({ errorRate: 1 });
    expect(all.maystro.control.faults.config.errorRate).toBe(0);
    expect(all.sequel247.control.faults.config.errorRate).toBe(0);
  });
});

describe("createSandboxesApp", () => {
  it("serves each carrier under its prefix and the shared control routes", async () => {
    const all = createAllSandboxes();
    const app = createSandboxesApp(all);
    const index = (await (await app.request("/")).json()) as {
      carriers: Array<{ basePath: string }>;
    };
    expect(index.carriers.map((c) => c.basePath)).toEqual([
      "/shiprocket",
      "/sequel247",
      "/maystro",
    ]);

    const created = await app.request("/maystro/__sandbox/shipments", {
      method: "POST",
      body: JSON.stringify({ scenario: "rto", orderNumber: "WB-2026-000042" }),
    });
    expect(created.status).toBe(201);

    const advanced = await app.request("/__sandbox/advance", {
      method: "POST",
      body: JSON.stringify({ ms: 30 * DAY }),
    });
    expect(advanced.status).toBe(200);
    const truth = (await (await app.request("/__sandbox/truth")).json()) as {
      carriers: Record<CarrierId, Array<{ orderNumber: string | null; status: string }>>;
    };
    expect(truth.carriers.maystro).toEqual([
      expect.objectContaining({ orderNumber: "WB-2026-000042", status: "returned" }),
    ]);
    expect((await app.request("/__sandbox/advance", { method: "POST", body: "{}" })).status).toBe(
      400,
    );
  });

  it.each(CARRIERS)(
    "lets the real %s adapter connect and track a delivered shipment over HTTP",
    async (carrier) => {
      const all = createAllSandboxes({ seed: 11 });
      const base = await listen(createSandboxesApp(all));
      const shipment = all[carrier].control.createShipment({
        scenario: "delivered",
        orderNumber: `WB-2026-${carrier.length}00001`,
      });
      await all.advance(20 * DAY);
      const truth = all[carrier].control.groundTruth()[0];
      expect(truth?.status).toBe("delivered");

      const adapter = createCarrierAdapter({
        id: `acc_${carrier}`,
        carrier,
        credentials: CREDENTIALS[carrier],
        webhookSecret: "hook-secret",
        baseUrl: `${base}/${carrier}`,
        now: () => all.clock.now(),
      });
      expect(await adapter.testConnection()).toMatchObject({ ok: true });

      const [result] = await adapter.track([
        {
          trackingNumber: truth?.trackingNumber ?? shipment.trackingNumber,
          carrierOrderId: truth?.carrierOrderId ?? null,
          orderNumber: truth?.orderNumber ?? null,
        },
      ]);
      expect(result?.ok).toBe(true);
      if (!result?.ok) return;
      const statuses = result.update.scans.map((scan) => scan.status);
      expect(statuses).toContain("delivered");
    },
  );
});
