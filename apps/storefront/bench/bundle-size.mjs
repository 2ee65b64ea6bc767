/**
 * The storefront's download weight, run by `pnpm bench` after `vite build`: every JS and CSS file of
 * dist/assets, raw and gzip (level 9, what a static server would send), against the JS budget.
 * Prints, never asserts. Writes bench/results/bundle-storefront.json at the repository root, in the
 * same shape as the admin's admin-bundle-size.json.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ASSETS = fileURLToPath(new URL("../dist/assets/", import.meta.url));
const RESULTS = fileURLToPath(new URL("../../../bench/results/", import.meta.url));
/** Issue 6: the customer's phone downloads all of this before the first page shows. */
const JS_BUDGET_GZIP_BYTES = 250 * 1024;

let names;
try {
  names = readdirSync(ASSETS).filter((name) => /\.(js|css)$/.test(name));
} catch {
  console.error(
    "apps/storefront/dist/assets is missing: run `pnpm build` in apps/storefront first.",
  );
  process.exit(1);
}

const files = names.sort().map((name) => {
  const bytes = readFileSync(join(ASSETS, name));
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
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

for (const file of files) {
  console.log(
    `${file.name.padEnd(32)} ${kb(file.bytes).padStart(10)}  gzip ${kb(file.gzipBytes).padStart(9)}`,
  );
}
const js = total("js");
const css = total("css");
const withinBudget = js.gzipBytes <= JS_BUDGET_GZIP_BYTES;
console.log(
  `\nstorefront JS ${kb(js.bytes)} (gzip ${kb(js.gzipBytes)}), CSS ${kb(css.bytes)} (gzip ${kb(css.gzipBytes)})`,
);
console.log(
  `JS budget ${kb(JS_BUDGET_GZIP_BYTES)} gzip: ${withinBudget ? "within" : "OVER"} (${((100 * js.gzipBytes) / JS_BUDGET_GZIP_BYTES).toFixed(0)}%)`,
);

mkdirSync(RESULTS, { recursive: true });
const file = join(RESULTS, "bundle-storefront.json");
writeFileSync(
  file,
  `${JSON.stringify(
    {
      bench: "bundle-storefront",
      recordedAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      js,
      css,
      budget: { jsGzipBytes: JS_BUDGET_GZIP_BYTES, withinBudget },
      files,
    },
    null,
    2,
  )}\n`,
);
console.error(`  wrote ${file}`);
