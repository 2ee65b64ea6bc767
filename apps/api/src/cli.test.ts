import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, createDb, getUserByEmail } from "@waybill/db";
import { afterAll, describe, expect, it } from "vitest";

const dataDir = mkdtempSync(join(tmpdir(), "waybill-cli-"));
const databasePath = join(dataDir, "waybill.db");
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function waybill(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    env: { ...process.env, DATABASE_URL: `file:${databasePath}`, APP_SECRET: "x".repeat(32) },
    encoding: "utf8",
    timeout: 60_000,
  });
}

function roleOf(email: string) {
  const db = createDb(databasePath);
  try {
    return getUserByEmail(db, email)?.role;
  } finally {
    closeDb(db);
  }
}

describe("pnpm waybill (operator CLI)", () => {
  it("migrates, seeds the demo shop once, and creates then promotes admins", () => {
    expect(waybill("db:migrate").stdout).toContain("Migrations applied");
    expect(waybill("db:seed").stdout).toContain("Demo shop seeded.");
    expect(waybill("db:seed").stdout).toContain("demo seed skipped");

    const created = waybill(
      "admin:create",
      "--email",
      "owner@shop.example",
      "--password",
      "a long passphrase",
    );
    expect(created.status).toBe(0);
    expect(created.stdout).toContain("Admin owner@shop.example created.");
    expect(roleOf("owner@shop.example")).toBe("admin");

    expect(roleOf("asha@waybill.test")).toBe("customer");
    const promoted = waybill(
      "admin:create",
      "--email",
      "asha@waybill.test",
      "--password",
      "another passphrase",
    );
    expect(promoted.stdout).toContain("is now an admin");
    expect(roleOf("asha@waybill.test")).toBe("admin");
  });

  it("refuses bad input with a clear message and the usage", () => {
    const short = waybill("admin:create", "--email", "owner@shop.example", "--password", "short");
    expect(short.status).toBe(1);
    expect(short.stderr).toContain("--password must have at least 10 characters");
    expect(short.stderr).toContain("Usage: pnpm waybill");
    const unknown = waybill("db:explode");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Unknown command "db:explode"');
  });
});
