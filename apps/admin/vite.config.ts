import { defineSpaConfig } from "@waybill/ui/vite";
import { mergeConfig } from "vite";

// The api serves this build under /admin. The CSV export is a plain link to the api, so the dev
// server proxies it like the tRPC calls.
export default mergeConfig(defineSpaConfig({ port: 5174, base: "/admin/" }), {
  server: { proxy: { "/exports": "http://127.0.0.1:3000" } },
});
