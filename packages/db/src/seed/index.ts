export { type BulkSeedOptions, seedBulk } from "./bulk";
export {
  type BulkScan,
  type BulkShipmentState,
  type BulkShipmentsOptions,
  bulkTrackingNumber,
  seedBulkShipments,
} from "./bulk-shipments";
export { DEMO_PRODUCTS } from "./catalog";
export { DEMO_LOGINS, type DemoSeedResult, seedDemo } from "./demo";
