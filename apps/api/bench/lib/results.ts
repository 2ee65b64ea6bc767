import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
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

/**
 * Writes bench/results/<name>.json with the time and machine it was measured on. A run at a size other than
 * the bench's default (`scaledDown`, set from its environment overrides) goes to the OS temp folder instead,
 * so a quick look never replaces the recorded figures.
 */
export function writeBenchResult(
  name: string,
  body: Record<string, unknown>,
  options: { scaledDown?: boolean } = {},
): string {
  const dir = options.scaledDown ? join(tmpdir(), "waybill-bench-results") : RESULTS_DIR;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.json`);
  const record = {
    bench: name,
    recordedAt: new Date().toISOString(),
    machine: machineInfo(),
    ...body,
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  if (options.scaledDown) note(`scaled-down run: figures written to ${file}, not to bench/results`);
  return file;
}

/** Whether any of these environment variables changes a bench's size from its default. */
export function scaledDownBy(...variables: string[]): boolean {
  return variables.some((name) => process.env[name] !== undefined && process.env[name] !== "");
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
