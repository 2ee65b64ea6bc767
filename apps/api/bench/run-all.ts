/**
 * `pnpm bench` in apps/api: every api bench in turn, each in its own process (so one's heap and event loop
 * never colour another's figures). A bench that fails is reported and the others still run; the exit code
 * says whether all passed. A bench file that does not exist yet is skipped with a line saying so.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BENCHES: Array<{ file: string; nodeArgs?: string[] }> = [
  { file: "webhook-ingest.ts" },
  { file: "sync-throughput.ts" },
  { file: "queries.ts" },
  { file: "admin-orders-list.ts" },
  { file: "subscribers.ts", nodeArgs: ["--expose-gc"] },
];

const only = process.argv.slice(2);
const failed: string[] = [];
for (const bench of BENCHES) {
  if (only.length > 0 && !only.some((name) => bench.file.startsWith(name))) continue;
  const path = fileURLToPath(new URL(`./${bench.file}`, import.meta.url));
  if (!existsSync(path)) {
    process.stdout.write(`bench ${bench.file}: not present, skipped\n`);
    continue;
  }
  process.stdout.write(`\nbench ${bench.file}\n`);
  const started = performance.now();
  const run = spawnSync(process.execPath, [...(bench.nodeArgs ?? []), "--import", "tsx", path], {
    stdio: "inherit",
  });
  const seconds = Math.round((performance.now() - started) / 1000);
  if (run.status !== 0) failed.push(bench.file);
  process.stdout.write(
    `bench ${bench.file}: ${run.status === 0 ? "done" : "FAILED"} in ${seconds} s\n`,
  );
}
if (failed.length > 0) {
  process.stdout.write(`\nfailed benches: ${failed.join(", ")}\n`);
  process.exitCode = 1;
}
