import type { OrderStatus, ShipmentStatus, TrackingSource } from "@waybill/carriers/statuses";
import { type Db, schema } from "@waybill/db";
import { eq } from "drizzle-orm";
import { DomainError } from "../lib/errors";
import type { EventBus } from "./bus";
import { admitSubscription, type LiveConnection } from "./connections";
import { streamEvents, streamTicks } from "./stream";
import type { LiveEvent } from "./subscription";

/**
 * The domain side of every live subscription: authorization, limits, scope, and what the client receives.
 * Each function throws its refusal before any stream starts (NOT_FOUND, TOO_MANY_REQUESTS), then returns
 * an async generator of `tracked(eventId, data)` that the tRPC router hands over as it is.
 */

export type LiveDeps = { db: Db; bus: EventBus };
export type Viewer = { id: string; role: "customer" | "admin" };
export type LiveRequest = {
  connection: LiveConnection | null;
  lastEventId: number | null;
  signal: AbortSignal | undefined;
};

/**
 * An event on topic "order" as clients receive it. `type` says which writer: "shipment.updated" (the
 * tracking engine: status, substatus, orderStatus, trackingNumber, courierName, newEvents, milestones,
 * source), "order.placed", admin status changes and shipping; `at` is the commit time.
 */
export type OrderLiveEvent = {
  type: string;
  orderId: string;
  orderNumber?: string;
  shipmentId?: string;
  status?: ShipmentStatus;
  orderStatus?: OrderStatus;
  source?: TrackingSource;
  at: string;
  [field: string]: unknown;
};

export type NotificationLiveEvent = {
  notificationId: string;
  orderId: string | null;
  category: string;
  title: string;
  body: string;
  createdAt: string;
};

export type SyncProgressEvent = {
  type: string;
  runId?: string;
  accountId?: string;
  state?: string;
  due?: number;
  checked?: number;
  changed?: number;
  failed?: number;
  at: string;
  [field: string]: unknown;
};

export type AdminEventFilter = {
  orderId?: string;
  types?: string[];
  statuses?: ShipmentStatus[];
  orderStatuses?: OrderStatus[];
  sources?: TrackingSource[];
};

/** The dashboard refetches at most this often however busy the engine is (≤ 4 pushes/s). */
export const STATS_MIN_INTERVAL_MS = 250;

function toOrderEvent(event: LiveEvent): OrderLiveEvent {
  return {
    ...event.payload,
    type: String(event.payload.type ?? "order.changed"),
    orderId: event.orderId ?? String(event.payload.orderId ?? ""),
    at: event.createdAt.toISOString(),
  };
}

function orderOwner(db: Db, orderId: string): string | null {
  return (
    db
      .select({ userId: schema.orders.userId })
      .from(schema.orders)
      .where(eq(schema.orders.id, orderId))
      .get()?.userId ?? null
  );
}

/** `orders.onUpdate`: one order's changes, for its owner or an admin; anyone else is told it does not exist. */
export function streamOrderUpdates(
  deps: LiveDeps,
  viewer: Viewer,
  request: LiveRequest & { orderId: string },
) {
  const owner = orderOwner(deps.db, request.orderId);
  if (owner === null || (viewer.role !== "admin" && owner !== viewer.id)) {
    throw new DomainError("NOT_FOUND", "Order not found.");
  }
  const { connection, release } = admitSubscription(request.connection);
  return streamEvents({
    ...deps,
    ...request,
    connection,
    scope: { topic: "order", orderId: request.orderId },
    select: toOrderEvent,
    onEnd: release,
  });
}

/** `orders.onMine`: every change to the viewer's own orders. */
export function streamMyOrderUpdates(deps: LiveDeps, viewer: Viewer, request: LiveRequest) {
  const { connection, release } = admitSubscription(request.connection);
  return streamEvents({
    ...deps,
    ...request,
    connection,
    scope: { topic: "order", userId: viewer.id },
    select: toOrderEvent,
    onEnd: release,
  });
}

/** `notifications.onNew`: the viewer's new notifications (admins' notices included). */
export function streamMyNotifications(deps: LiveDeps, viewer: Viewer, request: LiveRequest) {
  const { connection, release } = admitSubscription(request.connection);
  return streamEvents({
    ...deps,
    ...request,
    connection,
    scope: { topic: "notification", userId: viewer.id },
    select: (event): NotificationLiveEvent => ({
      notificationId: String(event.payload.notificationId),
      orderId: event.orderId,
      category: String(event.payload.category),
      title: String(event.payload.title),
      body: String(event.payload.body),
      createdAt: String(event.payload.createdAt ?? event.createdAt.toISOString()),
    }),
    onEnd: release,
  });
}

function matchesFilter(event: OrderLiveEvent, filter: AdminEventFilter): boolean {
  const has = <V>(list: readonly V[] | undefined, value: unknown) =>
    list === undefined || list.length === 0 || list.includes(value as V);
  return (
    has(filter.types, event.type) &&
    has(filter.statuses, event.status) &&
    has(filter.orderStatuses, event.orderStatus) &&
    has(filter.sources, event.source)
  );
}

/** `admin.onEvents`: every order event (admins only; the router checks the role). */
export function streamAdminOrderEvents(
  deps: LiveDeps,
  request: LiveRequest & { filter?: AdminEventFilter },
) {
  const { connection, release } = admitSubscription(request.connection);
  const filter = request.filter ?? {};
  return streamEvents({
    ...deps,
    ...request,
    connection,
    scope: filter.orderId ? { topic: "order", orderId: filter.orderId } : { topic: "order" },
    select: (event) => {
      const data = toOrderEvent(event);
      return matchesFilter(data, filter) ? data : null;
    },
    onEnd: release,
  });
}

/** `admin.sync.onProgress`: sync runs' progress rows (topic "sync"). */
export function streamSyncProgress(deps: LiveDeps, request: LiveRequest) {
  const { connection, release } = admitSubscription(request.connection);
  return streamEvents({
    ...deps,
    ...request,
    connection,
    scope: { topic: "sync" },
    select: (event): SyncProgressEvent => ({
      ...event.payload,
      type: String(event.payload.type ?? "sync.progress"),
      at: event.createdAt.toISOString(),
    }),
    onEnd: release,
  });
}

/** `admin.stats.onChange`: a coalesced tick when orders change; the admin app refetches the overview. */
export function streamStatsTicks(deps: LiveDeps, request: LiveRequest) {
  const { connection, release } = admitSubscription(request.connection);
  return streamTicks({
    ...deps,
    ...request,
    connection,
    topic: "order",
    minIntervalMs: STATS_MIN_INTERVAL_MS,
    onEnd: release,
  });
}
