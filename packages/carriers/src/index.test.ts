import { describe, expect, expectTypeOf, it } from "vitest";
import * as carriers from "./index";
import {
  type CarrierAccountConfig,
  type CarrierAdapter,
  CREDENTIALS_SCHEMAS,
  createMaystroAdapter,
  createSequel247Adapter,
  createShiprocketAdapter,
  docketSchema,
  isValidDocket,
  type MaystroAdapter,
  maystroCredentialsSchema,
  type Sequel247Adapter,
  type ShiprocketAdapter,
  type ShiprocketCreatedShipment,
  sequel247CredentialsSchema,
  shiprocketCredentialsSchema,
} from "./index";
import * as sandboxEntry from "./sandbox/index";
import {
  createMaystroSandbox,
  createSequel247Sandbox,
  createShiprocketSandbox,
  MAYSTRO_SANDBOX_TOKEN,
  type Sandbox,
  SEQUEL247_SANDBOX_TOKEN,
  SHIPROCKET_SANDBOX_CREDENTIALS,
} from "./sandbox/index";

/** Routes the adapter's requests straight into the sandbox app: no socket needed. */
function accountOn(sandbox: Sandbox, credentials: unknown): CarrierAccountConfig {
  return {
    id: `acc_${sandbox.carrier}`,
    carrier: sandbox.carrier,
    credentials,
    webhookSecret: "hook-secret",
    baseUrl: "http://sandbox.test",
    fetch: async (input, init) => sandbox.app.fetch(new Request(input, init)),
    now: () => sandbox.control.clock.now(),
  };
}

describe("@waybill/carriers public surface", () => {
  it("exports each carrier's factory and richer adapter type without deep imports", () => {
    expectTypeOf(createShiprocketAdapter).returns.toEqualTypeOf<ShiprocketAdapter>();
    expectTypeOf(createSequel247Adapter).returns.toEqualTypeOf<Sequel247Adapter>();
    expectTypeOf(createMaystroAdapter).returns.toEqualTypeOf<MaystroAdapter>();
    expectTypeOf<ReturnType<ShiprocketAdapter["createShipment"]>>().toEqualTypeOf<
      Promise<ShiprocketCreatedShipment>
    >();
    expectTypeOf<ShiprocketAdapter>().toExtend<CarrierAdapter>();
    expectTypeOf<Sequel247Adapter>().toExtend<CarrierAdapter>();
    expectTypeOf<MaystroAdapter>().toExtend<CarrierAdapter>();
    expect(carriers).toMatchObject({
      createShiprocketAdapter: expect.any(Function),
      createSequel247Adapter: expect.any(Function),
      createMaystroAdapter: expect.any(Function),
    });
  });

  it("exports each carrier's credentials schema, the same ones CREDENTIALS_SCHEMAS holds", () => {
    expect(CREDENTIALS_SCHEMAS).toEqual({
      shiprocket: shiprocketCredentialsSchema,
      sequel247: sequel247CredentialsSchema,
      maystro: maystroCredentialsSchema,
    });
  });

  it("exports Sequel247's docket schema and guard", () => {
    expect(docketSchema.safeParse("0581094993").success).toBe(true);
    expect(docketSchema.safeParse("58109499").success).toBe(false);
    expect(isValidDocket("0581094993")).toBe(true);
    expect(isValidDocket("05810949931")).toBe(false);
    expect(isValidDocket(581094993)).toBe(false);
  });

  it("keeps the HTTP client internal", () => {
    expect(carriers).not.toHaveProperty("createHttpClient");
    expect(carriers).not.toHaveProperty("parseCarrierResponse");
    expect(sandboxEntry).not.toHaveProperty("createHttpClient");
  });
});

describe("@waybill/carriers/sandbox public surface", () => {
  it("exports each sandbox's demo credentials, which its sandbox accepts", async () => {
    const shiprocket = createShiprocketAdapter(
      accountOn(createShiprocketSandbox(), SHIPROCKET_SANDBOX_CREDENTIALS),
    );
    const sequel247 = createSequel247Adapter(
      accountOn(createSequel247Sandbox(), { token: SEQUEL247_SANDBOX_TOKEN }),
    );
    const maystro = createMaystroAdapter(
      accountOn(createMaystroSandbox(), { apiToken: MAYSTRO_SANDBOX_TOKEN }),
    );
    for (const adapter of [shiprocket, sequel247, maystro]) {
      expect(await adapter.testConnection()).toMatchObject({ ok: true });
    }
  });

  it("keeps the demo Shiprocket user frozen, since every sandbox defaults to it", () => {
    expect(Object.isFrozen(SHIPROCKET_SANDBOX_CREDENTIALS)).toBe(true);
  });
});
