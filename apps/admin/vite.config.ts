import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const API_ORIGIN = "http://127.0.0.1:3000";

export default defineConfig({
  // The api serves this build under /admin; asset URLs must say so.
  base: "/admin/",
  plugins: [react()],
  server: {
    host: "127.0.0.1",
    port: 5174,
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
