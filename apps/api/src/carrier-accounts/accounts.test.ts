import { CarrierError } from "@waybill/carriers";
import { CARRIERS } from "@waybill/carriers/statuses";
import { schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DomainError } from "../lib/errors";
import { createTestDeps } from "../testing/deps";
import { createSandboxAccount, type SandboxServer, startSandboxServer } from "../testing/sandboxes";
import {
  createCarrierAccount,
  setCarrierAccountActive,
  shiprocketUrlProblem,
  toPublicCarrierAccount,
  updateCarrierAccount,
} from "./accounts";
import {
  BREAKER_THRESHOLD,
  breakerStateOf,
  recordCarrierFailure,
  recordCarrierSuccess,
} from "./health";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => sandbox.close());

describe("carrier accounts", () => {
  it.each(CARRIERS)("connects to the %s sandbox with sealed credentials", async (carrier) => {
    const deps = createTestDeps();
    const account = createSandboxAccount(deps, carrier, sandbox.url);
    expect(account.credentialsEncrypted).not.toContain("sandbox");
    expect(account.id).not.toMatch(/sr|kr/);
    const verdict = await deps.adapters.forAccount(account).testConnection();
    expect(verdict.ok).toBe(true);
  });

  it("refuses credentials that do not fit the carrier, naming the field", () => {
    const deps = createTestDeps();
    expect(() =>
      createCarrierAccount(deps, { carrier: "sequel247", name: "x", credentials: { token: "no" } }),
    ).toThrow(DomainError);
  });

  it("never shows credentials back and warns about a webhook URL Shiprocket refuses", () => {
    const deps = createTestDeps({ publicUrl: "https://track.kartrocket-shop.example" });
    const account = createSandboxAccount(deps, "shiprocket", sandbox.url);
    const secret = deps.adapters.webhookSecretOf(account);
    const view = toPublicCarrierAccount(account, {
      publicUrl: deps.publicUrl,
      webhookSecret: secret,
      now: new Date(),
    });
    expect(JSON.stringify(view)).not.toContain("sandbox-password");
    expect(view.webhook.url).toBe(`${deps.publicUrl}/hooks/${account.id}/${secret}`);
    expect(view.webhook.problem).toContain('"kartrocket"');
    expect(shiprocketUrlProblem("https://track.example.com/hooks/abc/def")).toBeNull();
  });

  it("keeps the stored credentials when an update omits them, and rotates the webhook secret on request", () => {
    const deps = createTestDeps();
    const account = createSandboxAccount(deps, "maystro", sandbox.url);
    const updated = updateCarrierAccount(deps, {
      id: account.id,
      name: "Renamed",
      rotateWebhookSecret: true,
    });
    expect(updated.credentialsEncrypted).toBe(account.credentialsEncrypted);
    expect(updated.webhookSecretEncrypted).not.toBe(account.webhookSecretEncrypted);
    expect(updated.name).toBe("Renamed");
  });
});

describe("account health", () => {
  const row = (deps: ReturnType<typeof createTestDeps>, id: string) =>
    deps.db.select().from(schema.carrierAccounts).where(eq(schema.carrierAccounts.id, id)).get()!;

  it("opens the breaker after repeated failures and closes it on the next success", () => {
    const deps = createTestDeps();
    const account = createSandboxAccount(deps, "sequel247", sandbox.url);
    const now = new Date("2026-11-22T10:00:00Z");
    const failure = new CarrierError("UNAVAILABLE", "Sequel247 answered 503");
    for (let i = 1; i < BREAKER_THRESHOLD; i++) {
      expect(recordCarrierFailure(deps.db, account.id, failure, now).breaker).toBe("unchanged");
    }
    const opened = recordCarrierFailure(deps.db, account.id, failure, now);
    expect(opened.breaker).toBe("opened");
    expect(breakerStateOf(row(deps, account.id), now)).toBe("open");
    expect(breakerStateOf(row(deps, account.id), opened.reopenAt!)).toBe("half_open");
    recordCarrierSuccess(deps.db, account.id, opened.reopenAt!);
    const healed = row(deps, account.id);
    expect(breakerStateOf(healed, opened.reopenAt!)).toBe("closed");
    expect(healed.lastUsedAt).toEqual(opened.reopenAt);
    expect(healed.errorCount).toBe(BREAKER_THRESHOLD);
    expect(healed.lastError).toContain("503");
  });

  it("disables the account with a clear reason when the carrier refuses the credentials", () => {
    const deps = createTestDeps();
    const account = createSandboxAccount(deps, "maystro", sandbox.url);
    const outcome = recordCarrierFailure(
      deps.db,
      account.id,
      new CarrierError("AUTH_FAILED", "Invalid token."),
      new Date(),
    );
    expect(outcome.breaker).toBe("disabled");
    expect(row(deps, account.id).disabledReason).toMatch(/refused the credentials/);
    const enabled = setCarrierAccountActive(deps.db, {
      id: account.id,
      active: true,
      now: new Date(),
    });
    expect(breakerStateOf(enabled, new Date())).toBe("closed");
  });
});
