import react from "@vitejs/plugin-react";
import { defineConfig, type UserConfig } from "vite";

const API_ORIGIN = "http://127.0.0.1:3000";

export type SpaConfigOptions = {
  /** The dev server's port: each SPA has its own, so both can run beside the api. */
  port: number;
  /** The path the api serves the build under (`/admin/`); asset URLs must say so. */
  base?: string;
};

/**
 * The Vite config both SPAs share: React, a dev server that proxies the api on 127.0.0.1:3000,
 * and the production build settings. Used from each app's `vite.config.ts`.
 */
export function defineSpaConfig({ port, base = "/" }: SpaConfigOptions): UserConfig {
  return defineConfig({
    base,
    plugins: [react()],
    server: {
      host: "127.0.0.1",
      port,
      // Same-origin in dev as in production, so the session cookie and the WebSocket just work.
      proxy: {
        // The api accepts WebSocket upgrades only from its own origin; the dev server (bound to
        // 127.0.0.1, session cookie SameSite=Lax) stands in for it.
        "/trpc": { target: API_ORIGIN, ws: true, rewriteWsOrigin: true },
        "/hooks": API_ORIGIN,
        "/healthz": API_ORIGIN,
      },
    },
    build: {
      target: "es2022",
      // Every browser that runs this bundle supports modulepreload; the polyfill is dead weight.
      modulePreload: { polyfill: false },
    },
  });
}
