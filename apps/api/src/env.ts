import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { z } from "zod";

/**
 * The only file that reads `process.env`. Every variable is listed in the README's configuration
 * table and in `.env.example`: keep the three in lockstep.
 */
const envSchema = z.object({
  PORT: z.coerce
    .number({ error: "expected a number" })
    .int("expected an integer")
    .min(0, "expected 0-65535")
    .max(65_535, "expected 0-65535")
    .default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^(file:.+|:memory:)$/, 'expected "file:<path>" or ":memory:"')
    .default("file:./data/waybill.db"),
  APP_SECRET: z.string().min(32, "expected at least 32 characters").optional(),
  PUBLIC_URL: z
    .url({ error: "expected an absolute URL such as https://track.example.com" })
    .optional(),
  CARRIER_SANDBOX: z.enum(["auto", "on", "off"]).default("auto"),
  SMTP_URL: z
    .url({
      protocol: /^smtps?$/,
      error: "expected smtp://user:password@host:587 or smtps://user:password@host:465",
    })
    .optional(),
  MAIL_FROM: z
    .string()
    .trim()
    .regex(
      /^(?:[^<>]*<[^<>@\s]+@[^<>@\s]+>|[^<>@\s]+@[^<>@\s]+)$/,
      'expected an address such as "Shop <orders@shop.example>"',
    )
    .optional(),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

type RawEnv = z.infer<typeof envSchema>;

/** Values never echoed in an error line: they carry credentials. */
const SECRET_VARIABLES = new Set(["APP_SECRET", "SMTP_URL"]);

export type Env = Omit<RawEnv, "APP_SECRET" | "PUBLIC_URL" | "DATABASE_URL" | "MAIL_FROM"> & {
  /** File path of the SQLite database, or ":memory:". */
  databasePath: string;
  /** Folder beside the database where generated files (the app secret) live. */
  dataDir: string;
  APP_SECRET: string;
  PUBLIC_URL: string;
  /** Sender of customer e-mails; defaults to no-reply at PUBLIC_URL's host. */
  MAIL_FROM: string;
};

/** A configuration problem, reported as exactly one line naming the variable. */
export class EnvError extends Error {
  override readonly name = "EnvError";
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const cleaned = Object.fromEntries(
    Object.entries(source).map(([key, value]) => [key, value === "" ? undefined : value]),
  );
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? "environment");
    const got = SECRET_VARIABLES.has(name) ? undefined : cleaned[name];
    throw new EnvError(
      `Invalid ${name}: ${issue?.message ?? "invalid value"}${got === undefined ? "" : ` (got "${got}")`}`,
    );
  }
  const env = parsed.data;
  const databasePath =
    env.DATABASE_URL === ":memory:" ? ":memory:" : resolve(env.DATABASE_URL.slice("file:".length));
  const dataDir = databasePath === ":memory:" ? resolve("data") : dirname(databasePath);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/+$/, "");
  return {
    ...env,
    databasePath,
    dataDir,
    APP_SECRET: env.APP_SECRET ?? loadOrCreateAppSecret(dataDir),
    PUBLIC_URL: publicUrl,
    MAIL_FROM: env.MAIL_FROM ?? `Waybill <no-reply@${new URL(publicUrl).hostname}>`,
  };
}

/** First start without APP_SECRET: generate one and keep it, so sessions and credentials survive restarts. */
function loadOrCreateAppSecret(dataDir: string): string {
  const file = join(dataDir, "app-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}
