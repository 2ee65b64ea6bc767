import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SANDBOX_CREDENTIALS } from "../../demo/carriers";
import { callerFor, createTestUser } from "../../testing/caller";
import { createTestDeps } from "../../testing/deps";
import { type SandboxServer, startSandboxServer } from "../../testing/sandboxes";

let sandbox: SandboxServer;
beforeAll(async () => {
  sandbox = await startSandboxServer();
});
afterAll(() => sandbox.close());

const codeOf = (error: unknown) => (error as { code?: string }).code;

describe("admin.carriers", () => {
  it("creates an account whose credentials never come back, tests it, and toggles it", async () => {
    const deps = createTestDeps();
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const created = await admin.admin.carriers.create({
      carrier: "shiprocket",
      name: "Main Shiprocket",
      credentials: SANDBOX_CREDENTIALS.shiprocket,
      baseUrl: `${sandbox.url}/shiprocket`,
    });
    expect(JSON.stringify(await admin.admin.carriers.list())).not.toContain("sandbox-password");
    expect(created.id).not.toMatch(/sr|kr/);
    expect(created.webhook.url).toContain(`/hooks/${created.id}/`);
    expect(created.webhook.secret).not.toMatch(/sr|kr/);
    expect(created.health.breaker).toBe("closed");

    expect(await admin.admin.carriers.test({ id: created.id })).toMatchObject({ ok: true });
    const off = await admin.admin.carriers.setActive({ id: created.id, active: false });
    expect(off.health.breaker).toBe("disabled");
    const edited = await admin.admin.carriers.update({
      id: created.id,
      syncSchedule: "*/15 * * * *",
    });
    expect(edited.syncSchedule).toBe("*/15 * * * *");
    await expect(
      admin.admin.carriers.update({ id: created.id, syncSchedule: "every tuesday" }),
    ).rejects.toSatisfy((e) => codeOf(e) === "BAD_REQUEST");
  });

  it("reports a carrier's refusal of wrong credentials without pausing the account", async () => {
    const deps = createTestDeps();
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const account = await admin.admin.carriers.create({
      carrier: "sequel247",
      name: "Wrong token",
      credentials: { token: "0".repeat(32) },
      baseUrl: `${sandbox.url}/sequel247`,
    });
    const verdict = await admin.admin.carriers.test({ id: account.id });
    expect(verdict).toMatchObject({ ok: false, code: "AUTH_FAILED" });
    expect((await admin.admin.carriers.byId({ id: account.id })).health.breaker).toBe("closed");
  });

  it("registers the Maystro webhook through its API once, and explains the panel for the others", async () => {
    const deps = createTestDeps();
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    const maystro = await admin.admin.carriers.create({
      carrier: "maystro",
      name: "Maystro",
      credentials: SANDBOX_CREDENTIALS.maystro,
      baseUrl: `${sandbox.url}/maystro`,
    });
    const first = await admin.admin.carriers.registerWebhook({ id: maystro.id });
    const again = await admin.admin.carriers.registerWebhook({ id: maystro.id });
    expect(first).toMatchObject({ created: true, url: maystro.webhook.url });
    expect(again).toMatchObject({ created: false, id: first.id });
    const sequel = await admin.admin.carriers.create({
      carrier: "sequel247",
      name: "Sequel",
      credentials: SANDBOX_CREDENTIALS.sequel247,
      baseUrl: `${sandbox.url}/sequel247`,
    });
    await expect(admin.admin.carriers.registerWebhook({ id: sequel.id })).rejects.toSatisfy(
      (e) => codeOf(e) === "BAD_REQUEST",
    );
  });

  it("refuses credentials that do not fit the carrier with BAD_REQUEST", async () => {
    const deps = createTestDeps();
    const admin = callerFor(deps, createTestUser(deps, "admin"));
    await expect(
      admin.admin.carriers.create({
        carrier: "shiprocket",
        name: "x",
        credentials: { email: "not-an-email" },
      }),
    ).rejects.toSatisfy((e) => codeOf(e) === "BAD_REQUEST");
  });
});
