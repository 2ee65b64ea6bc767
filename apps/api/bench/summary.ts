/**
 * Writes bench/results/SUMMARY.md from the JSON every bench left in bench/results/ (the last step of
 * `pnpm bench`), with the design targets, hit or miss, and the findings kept in bench/FINDINGS.md.
 * A bench that has not written its file is listed as missing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { RESULTS_DIR, readBenchResults } from "./lib/results";

type Json = Record<string, unknown>;
type Row = { figure: string; value: string; target: string; verdict: "hit" | "miss" | "" };

const results = readBenchResults();
const sections: string[] = [];
const missing: string[] = [];

const get = (object: unknown, path: string): unknown =>
  path.split(".").reduce<unknown>((value, key) => (value as Json | undefined)?.[key], object);
const num = (object: unknown, path: string): number | undefined => {
  const value = get(object, path);
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
};
const fmt = (value: number | undefined, unit = "", digits = 1): string =>
  value === undefined
    ? "n/a"
    : `${value.toLocaleString("en-US", { maximumFractionDigits: digits })}${unit}`;
const atMost = (value: number | undefined, limit: number): Row["verdict"] =>
  value === undefined ? "" : value <= limit ? "hit" : "miss";
const atLeast = (value: number | undefined, limit: number): Row["verdict"] =>
  value === undefined ? "" : value >= limit ? "hit" : "miss";

function table(rows: Row[]): string {
  const lines = ["| figure | measured | target | |", "| --- | ---: | ---: | --- |"];
  for (const row of rows) {
    const mark = row.verdict === "hit" ? "✅ hit" : row.verdict === "miss" ? "❌ miss" : "";
    lines.push(`| ${row.figure} | ${row.value} | ${row.target} | ${mark} |`);
  }
  return lines.join("\n");
}

function section(name: string, title: string, render: (result: Json) => string): void {
  const result = results.get(name);
  if (!result) {
    missing.push(name);
    return;
  }
  sections.push(
    `## ${title}\n\n_Recorded ${String(result.recordedAt ?? "?")}._\n\n${render(result)}`,
  );
}

section("webhook-ingest", "Webhook ingest (`apps/api/bench/webhook-ingest.ts`)", (r) => {
  const applied = num(r, "applied.deliveriesPerSecond");
  const p99 = num(r, "waybill.p99Ms");
  return [
    table([
      {
        figure: "deliveries per second, stored and applied",
        value: fmt(applied, "/s", 0),
        target: "≥ 5,000/s (aim 10,000)",
        verdict: atLeast(applied, 5_000),
      },
      {
        figure: "deliveries stored and answered per second (2xx once stored)",
        value: fmt(
          num(r, "applied.storedPerSecond") ?? num(r, "waybill.requestsPerSecond"),
          "/s",
          0,
        ),
        target: "",
        verdict: "",
      },
      {
        figure: "server CPU time per delivery (one thread: HTTP, store, apply)",
        value: fmt(num(r, "applied.serverCpuMicrosPerDelivery"), " µs", 0),
        target: "",
        verdict: "",
      },
      {
        figure: "p50 latency",
        value: fmt(num(r, "waybill.p50Ms"), " ms"),
        target: "",
        verdict: "",
      },
      {
        figure: "p99 latency",
        value: fmt(p99, " ms"),
        target: "≤ 50 ms",
        verdict: atMost(p99, 50),
      },
      {
        figure: "bare Hono endpoint, same process",
        value: fmt(num(r, "bare.requestsPerSecond"), "/s", 0),
        target: "",
        verdict: "",
      },
      {
        figure: "ratio of the applied rate to the bare endpoint",
        value: fmt(num(r, "ratioToBare"), "", 3),
        target: "",
        verdict: "",
      },
    ]),
    "",
    `Setup: ${fmt(num(r, "setup.shipments"), "", 0)} seeded Shiprocket shipments, ${fmt(num(r, "setup.deliveries"), "", 0)} sandbox-made deliveries ` +
      `(${fmt((num(r, "setup.duplicateRate") ?? 0) * 100, "%", 0)} duplicated, reordered within ${fmt(num(r, "setup.reorderWindow"), "", 0)}), ` +
      `${fmt(num(r, "setup.connections"), "", 0)} connections. Stored afterwards: ${fmt(num(r, "stored.storedScans"), "", 0)} scans of ` +
      `${fmt(num(r, "stored.expectedScans"), "", 0)} carried (${get(r, "stored.consistent") ? "consistent" : "MISMATCH"}), verdicts ${JSON.stringify(get(r, "stored.verdicts"))}.`,
    ...runsLine(r),
  ].join("\n");
});

/** Every run of a bench that records its median run, in the order they ran. */
function runsLine(r: Record<string, unknown>): string[] {
  const runs = get(r, "runs");
  if (!Array.isArray(runs) || runs.length < 2) return [];
  const rates = runs.map(
    (run) =>
      `${fmt(num(run, "appliedPerSecond"), "/s", 0)} (${fmt(num(run, "serverCpuMicrosPerDelivery"), " µs", 0)}, ratio ${fmt(num(run, "ratioToBare"), "", 3)})`,
  );
  return [
    "",
    `The figures above are the median of ${runs.length} runs, each on a fresh copy of the seeded database: ${rates.join(", ")}.`,
  ];
}

section("subscribers", "Live push (`apps/api/bench/subscribers.ts`)", (r) => {
  const perSubscriber = num(r, "idle.bytesPerSubscriber");
  return table([
    {
      figure: `heap per idle subscriber (${fmt(num(r, "idle.subscribers"), "", 0)} subscribers)`,
      value: fmt(perSubscriber === undefined ? undefined : perSubscriber / 1024, " KB"),
      target: "≤ 16 KB (aim 10 KB)",
      verdict: atMost(perSubscriber, 16 * 1024),
    },
    ...(["latency", "latencyAtScale"] as const).flatMap((key): Row[] => {
      const p99 = num(r, `${key}.medianP99Ms`);
      const size = `${fmt(num(r, `${key}.subscribers`), "", 0)} subscribers at ${fmt(num(r, `${key}.changesPerSecond`), "/s", 0)}`;
      return [
        {
          figure: `change → frame p50, ${size}`,
          value: fmt(num(r, `${key}.medianP50Ms`), " ms"),
          target: "",
          verdict: "",
        },
        {
          figure: `change → frame p99, ${size}`,
          value: fmt(p99, " ms"),
          target: "≤ 100 ms (aim 20 ms)",
          verdict: atMost(p99, 100),
        },
        {
          figure: `change → frame p99.9, ${size}`,
          value: fmt(num(r, `${key}.medianP999Ms`), " ms"),
          target: "",
          verdict: "",
        },
      ];
    }),
    {
      figure: "change → frame p99 through the tracking engine",
      value: fmt(num(r, "engineLatency.medianP99Ms"), " ms"),
      target: "",
      verdict: "",
    },
  ]);
});

section("sync-throughput", "Sync throughput (`apps/api/bench/sync-throughput.ts`)", (r) => {
  const passes = (get(r, "passes") as Json[] | undefined) ?? [];
  return table(
    passes.map((pass) => {
      const latency = num(pass, "latencyMs") ?? 0;
      const rate = num(pass, "shipmentsPerSecond");
      return {
        figure: `${fmt(num(pass, "checked"), "", 0)} due shipments, carrier latency ${latency} ms (${fmt(num(pass, "seconds"), " s")}, ${fmt(num(pass, "carrierCalls"), "", 0)} calls, ${fmt(num(pass, "newScans"), "", 0)} new scans)`,
        value: fmt(rate, "/s", 0),
        target: latency === 0 ? "≥ 2,000/s (aim 4,000)" : "",
        verdict: latency === 0 ? atLeast(rate, 2_000) : "",
      };
    }),
  );
});

section("queries", "Queries at scale (`apps/api/bench/queries.ts`)", (r) => {
  const rows = Object.entries((get(r, "results") as Record<string, Json> | undefined) ?? {}).map(
    ([name, figures]) => {
      const p99 = num(figures, "p99Ms");
      const limit = name.startsWith("orders.my")
        ? 20
        : name.startsWith("admin.orders.list")
          ? 200
          : undefined;
      return {
        figure: `${name}: p50 ${fmt(num(figures, "p50Ms"), " ms", 2)}, p99`,
        value: fmt(p99, " ms", 2),
        target: limit === undefined ? "" : `≤ ${limit} ms (aim ${limit === 20 ? 5 : 50} ms)`,
        verdict: limit === undefined ? ("" as const) : atMost(p99, limit),
      };
    },
  );
  return `${table(rows)}\n\nData: ${fmt(num(r, "setup.orders"), "", 0)} orders, ${fmt(num(r, "setup.shipments"), "", 0)} shipments, ${fmt(num(r, "setup.trackingEvents"), "", 0)} tracking events, ${fmt(num(r, "setup.users"), "", 0)} users; ${fmt(num(r, "setup.callsPerQuery"), "", 0)} calls per query through the tRPC router in process.`;
});

section(
  "admin-orders-list",
  "Admin orders list at 200,000 orders (`apps/api/bench/admin-orders-list.ts`)",
  (r) => {
    const cases = (get(r, "cases") as Json[] | undefined) ?? [];
    const limit = num(r, "targetP99Ms") ?? 200;
    return table(
      cases.map((c) => {
        const p99 = num(c, "p99Ms");
        return {
          figure: `${String(c.name)}: p50 ${fmt(num(c, "p50Ms"), " ms", 2)}, p99`,
          value: fmt(p99, " ms", 2),
          target: `≤ ${limit} ms`,
          verdict: atMost(p99, limit),
        };
      }),
    );
  },
);

const bundleNames = [...results.keys()].filter((name) => name.includes("bundle")).sort();
for (const name of bundleNames) {
  const storefront = name.includes("storefront");
  section(name, `${storefront ? "Storefront" : "Admin"} bundle size (\`${name}\`)`, (r) => {
    const js = num(r, "js.gzipBytes");
    return table([
      {
        figure: "JavaScript, gzip",
        value: fmt(js === undefined ? undefined : js / 1024, " KB"),
        target: storefront ? "≤ 250 KB (aim 120 KB)" : "",
        verdict: storefront ? atMost(js, 250 * 1024) : "",
      },
      {
        figure: "JavaScript, raw",
        value: fmt((num(r, "js.bytes") ?? 0) / 1024, " KB"),
        target: "",
        verdict: "",
      },
      {
        figure: "CSS, gzip",
        value: fmt((num(r, "css.gzipBytes") ?? 0) / 1024, " KB"),
        target: "",
        verdict: "",
      },
    ]);
  });
}

const known = new Set([
  "webhook-ingest",
  "subscribers",
  "sync-throughput",
  "queries",
  "admin-orders-list",
  ...bundleNames,
]);
for (const [name, result] of results) {
  if (known.has(name)) continue;
  sections.push(
    `## ${name}\n\n_Recorded ${String(result.recordedAt ?? "?")}._\n\n${renderOther(result)}`,
  );
}
const names = [...results.keys()];
const expectedElsewhere: Array<[string, (name: string) => boolean]> = [
  ["admin-orders-list", (name) => name === "admin-orders-list"],
  ["storefront bundle size", (name) => name.includes("storefront") && name.includes("bundle")],
  ["admin bundle size", (name) => name.includes("admin") && name.includes("bundle")],
];
for (const [label, matches] of expectedElsewhere) if (!names.some(matches)) missing.push(label);

/** Any other bench: its numeric figures as they are. */
function renderOther(result: Json): string {
  const rows: Row[] = [];
  const walk = (value: unknown, path: string) => {
    if (path === "machine") return;
    if (typeof value === "number") {
      rows.push({ figure: path, value: fmt(value, "", 2), target: "", verdict: "" });
    } else if (value && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) walk(inner, path ? `${path}.${key}` : key);
    }
  };
  walk(result, "");
  return rows.length > 0 ? table(rows.slice(0, 40)) : "(no figures)";
}

const machine = [...results.values()].find((r) => r.machine)?.machine as Json | undefined;
const findingsFile = fileURLToPath(new URL("./FINDINGS.md", import.meta.url));
let findings = "";
try {
  findings = readFileSync(findingsFile, "utf8").trim();
} catch {
  findings = "(apps/api/bench/FINDINGS.md is missing)";
}

const document = [
  "# Benchmark results",
  "",
  "Generated by `pnpm bench` (last step: `apps/api/bench/summary.ts`) from the JSON files beside this one.",
  "Design goals, not test assertions; each bench runs on loopback and stops by itself. How to run one bench:",
  "`cd apps/api && node --import tsx bench/<name>.ts` (see `apps/api/bench/README.md`).",
  "",
  machine
    ? `Machine: ${String(machine.cpus)} CPUs (${String(machine.cpuModel ?? "?")}), ${String(machine.memoryGiB ?? "?")} GiB, Node ${String(machine.node)}.`
    : "",
  "",
  ...sections.flatMap((s) => [s, ""]),
  missing.length > 0 ? `## Missing\n\nNo result file yet for: ${missing.join(", ")}.\n` : "",
  "## Findings and fixes",
  "",
  findings,
  "",
].join("\n");

writeFileSync(join(RESULTS_DIR, "SUMMARY.md"), document.replace(/\n{3,}/g, "\n\n"));
process.stdout.write(
  `bench summary: ${join(RESULTS_DIR, "SUMMARY.md")} (${results.size} results${missing.length ? `, missing ${missing.join(", ")}` : ""})\n`,
);
