/**
 * An SPA's download weight after `vite build`: every JS and CSS file of its dist/assets, raw and gzip
 * (level 9, what a static server would send), optionally against a JS budget. Prints, never asserts, and
 * writes bench/results/<bench>.json at the repository root. Each SPA's `pnpm bench` calls it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const RESULTS = fileURLToPath(new URL("../../../bench/results/", import.meta.url));
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/**
 * @param {{ app: string; appDir: URL; bench: string; jsBudgetGzipBytes?: number }} options
 *   `app` names it in the output, `appDir` is the SPA's folder, `bench` the result's name.
 */
export function reportBundleSize({ app, appDir, bench, jsBudgetGzipBytes }) {
  const assets = fileURLToPath(new URL("dist/assets/", appDir));
  let names;
  try {
    names = readdirSync(assets).filter((name) => /\.(js|css)$/.test(name));
  } catch {
    console.error(`${assets} is missing: run \`pnpm build\` for the ${app} first.`);
    process.exit(1);
  }

  const files = names.sort().map((name) => {
    const bytes = readFileSync(join(assets, name));
    return {
      name,
      kind: name.endsWith(".js") ? "js" : "css",
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
    };
  });
  const total = (kind) => {
    const of = files.filter((file) => file.kind === kind);
    return {
      bytes: of.reduce((sum, file) => sum + file.bytes, 0),
      gzipBytes: of.reduce((sum, file) => sum + file.gzipBytes, 0),
    };
  };

  for (const file of files) {
    console.log(
      `${file.name.padEnd(32)} ${kb(file.bytes).padStart(10)}  gzip ${kb(file.gzipBytes).padStart(9)}`,
    );
  }
  const js = total("js");
  const css = total("css");
  console.log(
    `\n${app} JS ${kb(js.bytes)} (gzip ${kb(js.gzipBytes)}), CSS ${kb(css.bytes)} (gzip ${kb(css.gzipBytes)})`,
  );
  let budget;
  if (jsBudgetGzipBytes !== undefined) {
    const withinBudget = js.gzipBytes <= jsBudgetGzipBytes;
    budget = { jsGzipBytes: jsBudgetGzipBytes, withinBudget };
    console.log(
      `JS budget ${kb(jsBudgetGzipBytes)} gzip: ${withinBudget ? "within" : "OVER"} (${((100 * js.gzipBytes) / jsBudgetGzipBytes).toFixed(0)}%)`,
    );
  }

  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${bench}.json`);
  const result = {
    bench,
    recordedAt: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? "unknown",
      memoryGiB: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    js,
    css,
    ...(budget ? { budget } : {}),
    files,
  };
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  console.error(`  wrote ${file}`);
}
