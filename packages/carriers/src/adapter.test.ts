import { describe, expect, it } from "vitest";
import { createCarrierAdapter, credentialsSchemaFor } from "./adapter";
import { CARRIERS, type CarrierId } from "./statuses";

const VALID_CREDENTIALS: Record<CarrierId, unknown> = {
  shiprocket: { email: "api-user@shop.example", password: "correct horse" },
  sequel247: { token: "5a9d0c3e7b1f4a2d8c6e0b9f3a7d1c5e" },
  maystro: { apiToken: "0123456789abcdef0123456789abcdef01234567", storeId: 42 },
};

describe("createCarrierAdapter", () => {
  it.each(CARRIERS)("builds the %s adapter for a %s account", (carrier) => {
    const adapter = createCarrierAdapter({
      id: `acc_${carrier}`,
      carrier,
      credentials: VALID_CREDENTIALS[carrier],
      webhookSecret: "hook-secret",
      baseUrl: "http://127.0.0.1:9",
    });
    expect(adapter.carrier).toBe(carrier);
    expect(typeof adapter.track).toBe("function");
    expect(typeof adapter.parseWebhook).toBe("function");
  });

  it.each(CARRIERS)(
    "builds the %s adapter over malformed credentials and lets testConnection and track answer AUTH_FAILED",
    async (carrier) => {
      const requests: string[] = [];
      const adapter = createCarrierAdapter({
        id: `acc_${carrier}`,
        carrier,
        credentials: { nothing: "useful" },
        webhookSecret: "hook-secret",
        baseUrl: "http://127.0.0.1:9",
        fetch: async (input) => {
          requests.push(String(input));
          throw new Error("no request should leave with malformed credentials");
        },
      });
      expect(await adapter.testConnection()).toMatchObject({ ok: false, code: "AUTH_FAILED" });
      const [result] = await adapter.track([
        { trackingNumber: "0581094993", carrierOrderId: "ord_1" },
      ]);
      expect(result).toMatchObject({ ok: false, error: { code: "AUTH_FAILED" } });
      expect(requests).toEqual([]);
    },
  );
});

describe("credentialsSchemaFor", () => {
  it.each(CARRIERS)("accepts valid %s credentials and rejects an empty object", (carrier) => {
    const schema = credentialsSchemaFor(carrier);
    expect(schema.safeParse(VALID_CREDENTIALS[carrier]).success).toBe(true);
    expect(schema.safeParse({}).success).toBe(false);
  });

  it("does not accept one carrier's credentials for another", () => {
    expect(credentialsSchemaFor("sequel247").safeParse(VALID_CREDENTIALS.shiprocket).success).toBe(
      false,
    );
    expect(credentialsSchemaFor("shiprocket").safeParse(VALID_CREDENTIALS.maystro).success).toBe(
      false,
    );
  });
});
