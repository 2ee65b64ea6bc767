import { defineSpaConfig } from "@waybill/ui/vite";

export default defineSpaConfig({ port: 5173 });
