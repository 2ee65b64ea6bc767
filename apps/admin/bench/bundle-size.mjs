/**
 * The admin app's download weight, run by `pnpm bench` after `vite build`: every JS and CSS file of
 * dist/assets, raw and gzip (level 9, what a static server would send). Prints, never asserts.
 * Writes bench/results/admin-bundle-size.json at the repository root.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const ASSETS = fileURLToPath(new URL("../dist/assets/", import.meta.url));
const RESULTS = fileURLToPath(new URL("../../../bench/results/", import.meta.url));

let names;
try {
  names = readdirSync(ASSETS).filter((name) => /\.(js|css)$/.test(name));
} catch {
  console.error("apps/admin/dist/assets is missing: run `pnpm build` in apps/admin first.");
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
    bytes: of.reduce((s, f) => s + f.bytes, 0),
    gzipBytes: of.reduce((s, f) => s + f.gzipBytes, 0),
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
console.log(
  `\nadmin JS ${kb(js.bytes)} (gzip ${kb(js.gzipBytes)}), CSS ${kb(css.bytes)} (gzip ${kb(css.gzipBytes)})`,
);

mkdirSync(RESULTS, { recursive: true });
const file = join(RESULTS, "admin-bundle-size.json");
writeFileSync(
  file,
  `${JSON.stringify(
    {
      bench: "admin-bundle-size",
      recordedAt: new Date().toISOString(),
      machine: {
        cpus: cpus().length,
        cpuModel: cpus()[0]?.model ?? "unknown",
        memoryGiB: Math.round(totalmem() / 2 ** 30),
        node: process.version,
      },
      js,
      css,
      files,
    },
    null,
    2,
  )}\n`,
);
console.error(`  wrote ${file}`);
