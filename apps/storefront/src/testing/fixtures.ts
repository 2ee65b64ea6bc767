import type { OrderDetail, ShipmentDetail, TimelineEvent } from "../lib/api-types";

/**
 * api answers for component tests, shaped as they arrive in the browser: dates as ISO strings (tRPC runs
 * without a transformer), hence the casts to the router's `Date`-typed outputs.
 */

export const ADA = {
  id: "u_1",
  email: "ada@example.com",
  name: "Ada Lovelace",
  phone: "+91 98765 43210",
  role: "customer" as const,
};

const MINUTE = 60_000;

export function isoAgo(ms: number): string {
  return new Date(Date.now() - ms).toISOString();
}

export function isoIn(ms: number): string {
  return new Date(Date.now() + ms).toISOString();
}

type ScanInput = {
  id: string;
  status: TimelineEvent["status"];
  minutesAgo: number;
  location?: string | null;
  description?: string | null;
  rawLabel?: string;
};

export function scan(input: ScanInput): TimelineEvent {
  return {
    id: input.id,
    occurredAt: isoAgo(input.minutesAgo * MINUTE),
    status: input.status,
    substatus: null,
    rawCode: input.id,
    rawLabel: input.rawLabel ?? input.status.toUpperCase(),
    location: input.location ?? null,
    description: input.description ?? null,
    source: "webhook",
  } as unknown as TimelineEvent;
}

export function shipment(overrides: Partial<ShipmentDetail> = {}): ShipmentDetail {
  const timeline = overrides.timeline ?? [];
  const latest = timeline[0];
  return {
    id: "s_1",
    carrier: "shiprocket",
    status: "pending",
    substatus: null,
    trackingNumber: null,
    courierName: null,
    trackingUrl: null,
    estimatedDeliveryAt: null,
    deliveredAt: null,
    lastEventAt: latest?.occurredAt ?? null,
    latestEvent: latest
      ? {
          occurredAt: latest.occurredAt,
          status: latest.status,
          label: latest.description ?? latest.rawLabel,
          location: latest.location,
        }
      : null,
    accountId: "acc_1",
    accountName: "Shiprocket",
    carrierOrderId: "481250001",
    carrierShipmentId: "478900001",
    rawStatus: null,
    rawStatusLabel: null,
    createdAt: isoAgo(3 * 60 * MINUTE),
    freshness: {
      lastCheckedAt: isoAgo(3 * MINUTE),
      lastCheckSource: "webhook",
      nextCheckAt: isoIn(40 * MINUTE),
      manualCheckAllowedAt: null,
    },
    timeline,
    ...overrides,
  } as unknown as ShipmentDetail;
}

export function order(overrides: Partial<OrderDetail> = {}): OrderDetail {
  return {
    id: "o_1",
    number: "WB-2026-000123",
    status: "confirmed",
    currency: "INR",
    subtotalCents: 129_900,
    shippingCents: 0,
    totalCents: 129_900,
    paymentMethod: "prepaid",
    contactEmail: ADA.email,
    contactPhone: "9876543210",
    emailOptOut: false,
    address: {
      name: "Ada Lovelace",
      line1: "14 Residency Road",
      line2: null,
      city: "Bengaluru",
      state: "Karnataka",
      postalCode: "560025",
      country: "India",
    },
    items: [
      {
        id: "i_1",
        sku: "DIYA-BRASS-4",
        name: "Brass diya set of 4",
        unitPriceCents: 129_900,
        quantity: 1,
      },
    ],
    shipments: [],
    createdAt: isoAgo(26 * 60 * MINUTE),
    updatedAt: isoAgo(3 * MINUTE),
    ...overrides,
  } as unknown as OrderDetail;
}

/** The signed-in basics every page under the shell asks for. */
export function sessionHandlers() {
  return {
    "auth.me": () => ({ user: ADA }),
    "auth.onSession": () => ({ user: ADA }),
    "notifications.unreadCount": () => ({ count: 0 }),
    // Subscriptions that never push: the fake keeps them open, like a quiet server.
    "orders.onMine": () => new Promise(() => {}),
    "notifications.onNew": () => new Promise(() => {}),
  };
}
