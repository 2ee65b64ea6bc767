import { createCarrierAdapter } from "@waybill/carriers";
import { SEQUEL247_SANDBOX_TOKEN } from "@waybill/carriers/sandbox";
import { createId, createTestDb, schema } from "@waybill/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxesWanted } from "./sandboxes";
import { startTestServer, type TestServer } from "./testing/server";

describe("sandboxesWanted", () => {
  it("runs them in auto mode only while no real carrier account exists", () => {
    const db = createTestDb();
    expect(sandboxesWanted("auto", db)).toBe(true);
    const account = {
      carrier: "sequel247" as const,
      name: "x",
      credentialsEncrypted: "-",
      webhookSecretEncrypted: "-",
    };
    db.insert(schema.carrierAccounts)
      .values({ ...account, id: createId(), baseUrl: "http://127.0.0.1/sandbox/sequel247" })
      .run();
    expect(sandboxesWanted("auto", db)).toBe(true);
    db.insert(schema.carrierAccounts)
      .values({ ...account, id: createId(), baseUrl: null })
      .run();
    expect(sandboxesWanted("auto", db)).toBe(false);
    expect(sandboxesWanted("on", db)).toBe(true);
    expect(sandboxesWanted("off", createTestDb())).toBe(false);
  });
});

describe("carrier sandboxes on the app's port", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ env: { CARRIER_SANDBOX: "on" } });
  });
  afterAll(() => server.close());

  it("serve a carrier's real API that an adapter can track against over HTTP", async () => {
    expect(server.sandboxUrl).toBe(`${server.url}/sandbox`);
    const docket = "4810000001";
    const created = await fetch(`${server.sandboxUrl}/sequel247/__sandbox/shipments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ scenario: "delivered", trackingNumber: docket }),
    });
    expect(created.status).toBeLessThan(300);

    const adapter = createCarrierAdapter({
      id: "demo",
      carrier: "sequel247",
      credentials: { token: SEQUEL247_SANDBOX_TOKEN },
      webhookSecret: "unused",
      baseUrl: `${server.sandboxUrl}/sequel247`,
    });
    expect((await adapter.testConnection()).ok).toBe(true);
    const [result] = await adapter.track([{ trackingNumber: docket }]);
    expect(result?.ok).toBe(true);
  });

  it("are absent when switched off", async () => {
    const off = await startTestServer({ env: { CARRIER_SANDBOX: "off" } });
    expect(off.sandboxUrl).toBeNull();
    expect((await fetch(`${off.url}/sandbox/__sandbox/truth`)).status).toBe(404);
    await off.close();
  });
});
