/** Shiprocket: adapter, status tables, schemas and the sandbox (carriers.md §1, §4.1–4.2). */
export {
  createShiprocketAdapter,
  SHIPROCKET_TRACK_BATCH_SIZE,
  type ShiprocketAdapter,
  type ShiprocketAdapterOptions,
  type ShiprocketCreatedShipment,
} from "./adapter";
export {
  SHIPROCKET_BASE_URL,
  SHIPROCKET_TOKEN_REFRESH_AFTER_MS,
  SHIPROCKET_TOKEN_TTL_MS,
} from "./client";
export {
  createShiprocketSandbox,
  SHIPROCKET_SANDBOX_CREDENTIALS,
  type ShiprocketSandbox,
  type ShiprocketSandboxOptions,
  type ShiprocketSandboxSettings,
} from "./sandbox";
export { type ShiprocketCredentials, shiprocketCredentialsSchema } from "./schemas";
export {
  mapShiprocketOrderStatus,
  mapShiprocketShipmentStatus,
  SHIPROCKET_ORDER_STATUS_LABELS,
  SHIPROCKET_ORDER_STATUS_MAP,
  SHIPROCKET_SHIPMENT_STATUS_LABELS,
  SHIPROCKET_SHIPMENT_STATUS_MAP,
} from "./status-map";
