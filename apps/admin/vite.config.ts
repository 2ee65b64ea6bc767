import { defineSpaConfig } from "@waybill/ui/vite";

// The api serves this build under /admin.
export default defineSpaConfig({ port: 5174, base: "/admin/" });
