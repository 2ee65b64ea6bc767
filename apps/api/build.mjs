// Bundles the server and the operator CLI. Workspace packages (TypeScript source) are bundled in;
// third-party packages stay external and load from node_modules (better-sqlite3 is native).
import { build } from "esbuild";

await build({
  entryPoints: { index: "src/index.ts", cli: "src/cli.ts" },
  outdir: "dist/server",
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node22",
  sourcemap: true,
  logLevel: "warning",
  plugins: [
    {
      name: "external-node-modules",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith("@waybill/") ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
});
