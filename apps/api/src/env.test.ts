import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { EnvError, loadEnv } from "./env";

describe("loadEnv", () => {
  it("applies the documented defaults", () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-env-"));
    const env = loadEnv({ DATABASE_URL: `file:${join(dir, "w.db")}`, APP_SECRET: "x".repeat(32) });
    expect(env.PORT).toBe(3000);
    expect(env.PUBLIC_URL).toBe("http://localhost:3000");
    expect(env.CARRIER_SANDBOX).toBe("auto");
    rmSync(dir, { recursive: true });
  });

  it.each([
    ["PORT", "abc"],
    ["PORT", "70000"],
    ["DATABASE_URL", "postgres://x"],
    ["PUBLIC_URL", "not a url"],
    ["CARRIER_SANDBOX", "maybe"],
    ["APP_SECRET", "short"],
    ["SMTP_URL", "http://mail.example.test"],
    ["MAIL_FROM", "not an address"],
  ])("names %s in a one-line error for %j", (name, value) => {
    let error: unknown;
    try {
      loadEnv({ [name]: value, APP_SECRET: name === "APP_SECRET" ? value : "x".repeat(32) });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EnvError);
    expect((error as Error).message).toMatch(new RegExp(`^Invalid ${name}: `));
    expect((error as Error).message).not.toContain("\n");
  });

  it("never echoes a bad SMTP_URL or APP_SECRET: they carry credentials", () => {
    const attempt = (source: Record<string, string>) => {
      try {
        loadEnv({ APP_SECRET: "x".repeat(32), ...source });
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    };
    expect(attempt({ SMTP_URL: "https://user:hunter2-secret@mail.example" })).not.toContain(
      "hunter2",
    );
    expect(attempt({ APP_SECRET: "hunter2-secret" })).not.toContain("hunter2");
  });

  it("takes SMTP settings and defaults MAIL_FROM to no-reply at the public host", () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-env-"));
    const base = { DATABASE_URL: `file:${join(dir, "w.db")}`, APP_SECRET: "x".repeat(32) };
    const plain = loadEnv({ ...base, PUBLIC_URL: "https://track.shop.example" });
    expect(plain.SMTP_URL).toBeUndefined();
    expect(plain.MAIL_FROM).toBe("Waybill <no-reply@track.shop.example>");
    const smtp = loadEnv({
      ...base,
      SMTP_URL: "smtps://user:pass@mail.example:465",
      MAIL_FROM: "Shop <orders@shop.example>",
    });
    expect(smtp.SMTP_URL).toBe("smtps://user:pass@mail.example:465");
    expect(smtp.MAIL_FROM).toBe("Shop <orders@shop.example>");
    rmSync(dir, { recursive: true });
  });

  it("generates APP_SECRET into the data dir once and reuses it", () => {
    const dir = mkdtempSync(join(tmpdir(), "waybill-env-"));
    const source = { DATABASE_URL: `file:${join(dir, "db", "w.db")}` };
    const first = loadEnv(source);
    const file = join(dir, "db", "app-secret");
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, "utf8").trim()).toBe(first.APP_SECRET);
    expect(loadEnv(source).APP_SECRET).toBe(first.APP_SECRET);
    rmSync(dir, { recursive: true });
  });
});

describe("server start", () => {
  it("stops with one line naming PORT when PORT is bad", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/index.ts"], {
      env: { ...process.env, PORT: "not-a-port" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Invalid PORT: /);
  });
});
