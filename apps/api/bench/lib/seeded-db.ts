import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CarrierId } from "@waybill/carriers/statuses";
import { closeDb, createDb, type Db, migrateDb } from "@waybill/db";
import { createCarrierAccount } from "../../src/carrier-accounts/accounts";
import type { CarrierAccountRow } from "../../src/carrier-accounts/adapters";
import { SANDBOX_CREDENTIALS } from "../../src/demo/carriers";
import { createSecretBox, type SecretBox } from "../../src/lib/crypto";
import { workspacePaths } from "../../src/paths";

/** The bench servers' APP_SECRET: the parent seals account secrets with it, the server opens them. */
export const BENCH_APP_SECRET = "bench-secret-bench-secret-bench-secret-01";

export type BenchDatabase = {
  dir: string;
  path: string;
  db: Db;
  secrets: SecretBox;
  /** A sandbox-credentialed account of `carrier` whose API is `baseUrl`. */
  addAccount(carrier: CarrierId, baseUrl: string): CarrierAccountRow;
  /** Closes the connection (a server child opens the file itself). */
  close(): void;
  /** Closes and deletes the folder. */
  remove(): void;
};

/** A fresh database file in a temporary folder, migrated as the server would. */
export function createBenchDatabase(prefix: string): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), `waybill-bench-${prefix}-`));
  const path = join(dir, "waybill.db");
  const db = createDb(path);
  migrateDb(db, workspacePaths().migrations);
  const secrets = createSecretBox(BENCH_APP_SECRET);
  return {
    dir,
    path,
    db,
    secrets,
    addAccount(carrier, baseUrl) {
      return createCarrierAccount(
        { db, secrets, now: () => new Date() },
        {
          carrier,
          name: `${carrier} bench`,
          credentials: SANDBOX_CREDENTIALS[carrier],
          baseUrl,
        },
      );
    },
    close() {
      closeDb(db);
    },
    remove() {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The env a server child needs to open the same file (no sandboxes, quiet logs). */
export function serverEnvFor(database: Pick<BenchDatabase, "path">): Record<string, string> {
  return {
    PORT: "0",
    DATABASE_URL: `file:${database.path}`,
    APP_SECRET: BENCH_APP_SECRET,
    LOG_LEVEL: "error",
    CARRIER_SANDBOX: "off",
  };
}
