export { type BulkSeedOptions, seedBulk } from "./bulk";
export { DEMO_PRODUCTS } from "./catalog";
export { DEMO_LOGINS, type DemoSeedResult, seedDemo } from "./demo";
export {
  type BulkScan,
  type BulkShipmentState,
  type BulkShipmentsOptions,
  bulkTrackingNumber,
  seedBulkShipments,
} from "./bulk-shipments";
