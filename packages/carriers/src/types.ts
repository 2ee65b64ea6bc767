import type { CarrierError } from "./errors";
import type { CarrierId, ShipmentStatus } from "./statuses";

/** Minimal logger the package writes warnings to (unknown status codes, retries). Never given secrets. */
export type CarrierLogger = {
  warn(message: string, context?: Record<string, unknown>): void;
  info?(message: string, context?: Record<string, unknown>): void;
};

/** What the app hands `createCarrierAdapter`. Credentials are already decrypted and not yet validated. */
export type CarrierAccountConfig = {
  id: string;
  carrier: CarrierId;
  credentials: unknown;
  /** Secret the carrier must present on webhooks (Shiprocket `x-api-key`). */
  webhookSecret: string;
  /** Override of the carrier's production base URL: the sandbox, in tests and the demo. */
  baseUrl?: string;
  /** Per-account request budget (token bucket). */
  rateLimit?: { capacity: number; refillPerSecond: number };
  fetch?: typeof fetch;
  logger?: CarrierLogger;
  /** Injectable clock for token caches (ms since epoch). */
  now?: () => number;
};

/** One scan as the carrier reported it, normalized. `occurredAt` is the carrier's time as a UTC instant. */
export type TrackingScan = {
  occurredAt: Date;
  status: ShipmentStatus;
  substatus: string | null;
  rawCode: string;
  rawLabel: string | null;
  location: string | null;
  description: string | null;
  /**
   * Where `occurredAt` comes from. Absent means "carrier": the carrier's own event time. "received": the
   * carrier gave no time (Maystro's webhook), so it is when we received the scan, and a duplicate delivery
   * of the same event arrives with another time; dedupe those by `rawCode` against the latest status, not by time.
   */
  timeSource?: "carrier" | "received";
};

/** How we point at a shipment at the carrier. Any subset may be known. */
export type ShipmentRef = {
  trackingNumber?: string | null;
  carrierOrderId?: string | null;
  carrierShipmentId?: string | null;
  /** Our order number (Shiprocket `channel_order_id`, Maystro `external_order_id`). */
  orderNumber?: string | null;
};

/**
 * Everything a carrier told us about one shipment in one answer. Fields the carrier did not give are
 * null: never guessed. `scans` may be empty ("no data yet" is nothing new, not an error).
 */
export type CarrierUpdate = {
  carrier: CarrierId;
  ref: ShipmentRef;
  trackingNumber: string | null;
  courierName: string | null;
  trackingUrl: string | null;
  estimatedDelivery: Date | null;
  scans: TrackingScan[];
};

export type TrackResult =
  | { ref: ShipmentRef; ok: true; update: CarrierUpdate }
  | { ref: ShipmentRef; ok: false; error: CarrierError };

export type ConnectionVerdict =
  | { ok: true; message: string }
  | {
      ok: false;
      code: CarrierError["code"] | "TWO_FACTOR_REQUIRED" | "FORBIDDEN_IP" | "MISSING_PERMISSION";
      message: string;
    };

export type ShipmentAddress = {
  name: string;
  email: string;
  phone: string;
  line1: string;
  line2?: string | null;
  city: string;
  state: string;
  postalCode: string;
  country: string;
};

export type ShipmentItem = { name: string; sku: string; units: number; unitPrice: number };

export type CreateShipmentInput = {
  orderNumber: string;
  orderDate: Date;
  address: ShipmentAddress;
  items: ShipmentItem[];
  paymentMethod: "prepaid" | "cod";
  subTotal: number;
  /** Parcel: cm and kg. */
  parcel: { lengthCm: number; breadthCm: number; heightCm: number; weightKg: number };
  /** Carrier-specific choices (Shiprocket pickup location, Maystro wilaya/commune, Sequel247 store code). */
  options?: Record<string, string | number | boolean | null>;
};

/** Only the ids the carrier returned. The tracking number may come later. */
export type CreatedShipment = {
  carrierOrderId: string | null;
  carrierShipmentId: string | null;
  trackingNumber: string | null;
  courierName: string | null;
  trackingUrl: string | null;
  estimatedDelivery: Date | null;
};

export type WebhookParseResult =
  | { ok: true; kind: "updates"; updates: CarrierUpdate[] }
  /** A carrier's validation ping (Shiprocket sends an empty/test body when the URL is saved). */
  | { ok: true; kind: "ping" }
  | { ok: false; reason: "UNAUTHORIZED" | "MALFORMED"; message: string };

/** The contract every carrier adapter implements. Optional members are carrier capabilities. */
export interface CarrierAdapter {
  readonly carrier: CarrierId;
  testConnection(): Promise<ConnectionVerdict>;
  /** Track many shipments; batching per the carrier's limits is the adapter's job. Never throws per ref. */
  track(refs: ShipmentRef[]): Promise<TrackResult[]>;
  /**
   * Learn tracking numbers for orders we shipped that have none yet, by our order numbers
   * (Maystro: walk the store's orders; Shiprocket: order lookup). Missing orders are absent.
   */
  lookupByOrderNumbers?(
    orderNumbers: string[],
    options?: { maxPages?: number },
  ): Promise<Map<string, CarrierUpdate & { created: CreatedShipment }>>;
  createShipment?(input: CreateShipmentInput): Promise<CreatedShipment>;
  cancelShipment?(ref: ShipmentRef, reason?: string): Promise<void>;
  parseWebhook(headers: Record<string, string | undefined>, rawBody: string): WebhookParseResult;
  registerWebhook?(url: string): Promise<{ id: string }>;
  listWebhooks?(): Promise<Array<{ id: string; url: string }>>;
  deleteWebhook?(id: string): Promise<void>;
}
