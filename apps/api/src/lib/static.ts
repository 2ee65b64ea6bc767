import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import type { Context } from "hono";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webp": "image/webp",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
  ".map": "application/json; charset=utf-8",
};

/** Vite puts content-hashed files under assets/: they never change, so browsers may keep them. */
const IMMUTABLE = "public, max-age=31536000, immutable";

async function readIfFile(path: string): Promise<Buffer | null> {
  try {
    if (!(await stat(path)).isFile()) return null;
    return await readFile(path);
  } catch {
    return null;
  }
}

/**
 * Serves a built SPA mounted at `basePath`: real files as they are, any other GET that wants HTML
 * gets index.html (client-side routes), never cached so a new deploy is picked up at once.
 */
export function createSpaHandler(options: { root: string; basePath: string }) {
  const root = normalize(options.root);
  return async (c: Context) => {
    const relative = decodeURIComponent(c.req.path.slice(options.basePath.length)).replace(
      /^\/+/,
      "",
    );
    const target = normalize(join(root, relative));
    if (target !== root && !target.startsWith(root + sep)) return c.notFound();

    const file = relative === "" ? null : await readIfFile(target);
    if (file) {
      const type = CONTENT_TYPES[extname(target)] ?? "application/octet-stream";
      const cache = relative.startsWith("assets/") ? IMMUTABLE : "no-cache";
      return c.body(new Uint8Array(file), 200, { "content-type": type, "cache-control": cache });
    }
    // A missing asset is a 404, not the app shell: a stale hashed file must fail visibly.
    if (extname(relative) !== "" && extname(relative) !== ".html") return c.notFound();
    const index = await readIfFile(join(root, "index.html"));
    if (!index) {
      return c.text(
        `This app is not built yet: run "pnpm build" (missing ${join(root, "index.html")}).`,
        503,
      );
    }
    return c.body(new Uint8Array(index), 200, {
      "content-type": CONTENT_TYPES[".html"] ?? "text/html",
      "cache-control": "no-cache",
    });
  };
}
