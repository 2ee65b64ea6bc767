import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The workspace root, found by walking up from this module: the same answer from `src/` under tsx
 * and from the bundled `dist/server/`.
 */
export function findWorkspaceRoot(from: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No pnpm-workspace.yaml above ${from}`);
    dir = parent;
  }
  return dir;
}

export function workspacePaths(root: string = findWorkspaceRoot()) {
  return {
    migrations: join(root, "packages/db/drizzle"),
    storefront: join(root, "apps/storefront/dist"),
    admin: join(root, "apps/admin/dist"),
  };
}
