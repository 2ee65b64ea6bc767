/**
 * @waybill/carriers: talks to Shiprocket, Sequel247 and Maystro Delivery behind one `CarrierAdapter` contract,
 * and turns their vocabularies into one status model. Sandboxes (simulators) live at `@waybill/carriers/sandbox`.
 */
export {
  CREDENTIALS_SCHEMAS,
  type CredentialsSchemaFor,
  createCarrierAdapter,
  credentialsSchemaFor,
} from "./adapter";
export { CARRIER_ERROR_CODES, CarrierError, type CarrierErrorCode, isCarrierError } from "./errors";
// `createHttpClient` stays internal: only the adapters talk HTTP. Its types describe the tuning knobs.
export type {
  HttpAttemptInfo,
  HttpClient,
  HttpClientOptions,
  HttpRequest,
  HttpResponse,
} from "./http";
// Each carrier's own factory and richer adapter type, for the code that needs more than the contract
// (Shiprocket's AWB retry, Sequel247's serviceability check, Maystro's order listing).
export {
  createMaystroAdapter,
  MAYSTRO_DEFAULT_MAX_PAGES,
  type MaystroAdapter,
  type MaystroAdapterOptions,
  type MaystroLookupResult,
} from "./maystro/adapter";
export { type MaystroCredentials, maystroCredentialsSchema } from "./maystro/schemas";
export {
  createSequel247Adapter,
  SEQUEL247_TRACK_BATCH_SIZE,
  type Sequel247Adapter,
  type Sequel247AdapterOptions,
  type Sequel247Serviceability,
} from "./sequel247/adapter";
export {
  type Docket,
  docketSchema,
  isValidDocket,
  type Sequel247Credentials,
  sequel247CredentialsSchema,
} from "./sequel247/schemas";
export {
  createShiprocketAdapter,
  SHIPROCKET_TRACK_BATCH_SIZE,
  type ShiprocketAdapter,
  type ShiprocketAdapterOptions,
  type ShiprocketCreatedShipment,
} from "./shiprocket/adapter";
export { type ShiprocketCredentials, shiprocketCredentialsSchema } from "./shiprocket/schemas";
export {
  deriveOrderStatus,
  foldStatus,
  isTerminal,
  mapRawStatus,
  ORDER_STATUS_BY_SHIPMENT_STATUS,
  STATUS_RANK,
  type StatusMapping,
  shouldAdvance,
  statusRank,
  TERMINAL_EXCEPTION_SUBSTATUSES,
  UNKNOWN_STATUS,
} from "./status-model";
export {
  CARRIERS,
  type CarrierId,
  ORDER_STATUSES,
  type OrderStatus,
  SHIPMENT_STATUSES,
  type ShipmentStatus,
  TRACKING_SOURCES,
  type TrackingSource,
} from "./statuses";
export { type CarrierTimeZone, parseCarrierTime } from "./time";
export type {
  CarrierAccountConfig,
  CarrierAdapter,
  CarrierLogger,
  CarrierUpdate,
  ConnectionVerdict,
  CreatedShipment,
  CreateShipmentInput,
  ShipmentAddress,
  ShipmentItem,
  ShipmentRef,
  TrackingScan,
  TrackResult,
  WebhookParseResult,
} from "./types";
