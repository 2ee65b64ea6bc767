import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** `bench/results/` at the repository root: one JSON file per bench, and SUMMARY.md. */
export const RESULTS_DIR = fileURLToPath(new URL("../../../../bench/results/", import.meta.url));

export function machineInfo() {
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  };
}

/** Writes bench/results/<name>.json with the time and machine it was measured on. */
export function writeBenchResult(name: string, body: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${name}.json`);
  const record = {
    bench: name,
    recordedAt: new Date().toISOString(),
    machine: machineInfo(),
    ...body,
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  return file;
}

/** Every result file, by bench name; a file that does not parse is skipped. */
export function readBenchResults(): Map<string, Record<string, unknown>> {
  const results = new Map<string, Record<string, unknown>>();
  let names: string[] = [];
  try {
    names = readdirSync(RESULTS_DIR).filter((name) => name.endsWith(".json"));
  } catch {
    return results;
  }
  for (const name of names.sort()) {
    try {
      results.set(
        name.slice(0, -".json".length),
        JSON.parse(readFileSync(join(RESULTS_DIR, name), "utf8")),
      );
    } catch {
      // A half-written file from an interrupted run: the summary says the bench is missing.
    }
  }
  return results;
}

/** One progress line on stderr, so stdout keeps only the figures. */
export function note(message: string): void {
  process.stderr.write(`  ${message}\n`);
}
