import { setTimeout as sleep } from "node:timers/promises";
import { type TrackedEnvelope, tracked } from "@trpc/server";
import type { Db } from "@waybill/db";
import type { EventBus } from "./bus";
import { type LiveConnection, MAX_BUFFERED_BYTES } from "./connections";
import { latestEventId, readEventsAfter, toLiveEvent } from "./event-log";
import type { LiveScope } from "./registry";
import type { LiveEvent } from "./subscription";

/** Backlog rows read per query while a reconnecting client catches up. */
const REPLAY_PAGE = 200;
const DRAIN_POLL_MS = 20;
/** A socket that does not drain for this long is dead weight: drop it, the client resumes later. */
const MAX_DRAIN_WAIT_MS = 30_000;

export type StreamOptions<T> = {
  db: Db;
  bus: EventBus;
  connection: LiveConnection;
  scope: LiveScope;
  /** The last id the client saw; null = live only. */
  lastEventId: number | null;
  signal: AbortSignal | undefined;
  /** What the client receives for an event; null skips it (a filter). */
  select: (event: LiveEvent) => T | null;
  /** Runs once when the stream ends, however it ends. */
  onEnd?: () => void;
};

/**
 * Replays what the client missed, then streams live, as `tracked(eventId, data)`. The subscription is
 * registered before the backlog is read, so a row committed in between is in the backlog, the queue or
 * both, never in neither; ids at or below the last one yielded are skipped, so never twice.
 */
export async function* streamEvents<T>(
  options: StreamOptions<T>,
): AsyncGenerator<TrackedEnvelope<T>, void, unknown> {
  const { db, connection, scope, signal, select } = options;
  const subscription = options.bus.subscribe(scope, {
    signal,
    onOverflow: () => connection.dropSlowConsumer(),
  });
  try {
    let last = options.lastEventId ?? 0;
    if (options.lastEventId !== null) {
      for (;;) {
        const rows = readEventsAfter(db, { afterId: last, limit: REPLAY_PAGE, scope });
        for (const row of rows) {
          last = row.id;
          const data = select(toLiveEvent(row));
          if (data === null) continue;
          if (!(await writable(connection, signal))) return;
          yield tracked(String(row.id), data);
        }
        if (rows.length < REPLAY_PAGE) break;
      }
    }
    for (;;) {
      const batch = await subscription.take();
      if (batch === null) return;
      for (const event of batch) {
        if (event.id <= last) continue;
        last = event.id;
        const data = select(event);
        if (data === null) continue;
        if (!(await writable(connection, signal))) return;
        yield tracked(String(event.id), data);
      }
    }
  } finally {
    subscription.close();
    options.onEnd?.();
  }
}

export type Tick = { eventId: number; at: string };

/**
 * "Something changed" at most once per `minIntervalMs`, carrying the newest event id: for views that
 * refetch an aggregate (the admin dashboard) rather than apply each event.
 */
export async function* streamTicks(
  options: Omit<StreamOptions<Tick>, "select" | "scope"> & {
    topic: LiveScope["topic"];
    minIntervalMs: number;
  },
): AsyncGenerator<TrackedEnvelope<Tick>, void, unknown> {
  const { db, connection, signal, topic } = options;
  const subscription = options.bus.subscribe(
    { topic },
    { signal, onOverflow: () => connection.dropSlowConsumer(), latestOnly: true },
  );
  const tick = (id: number, at: Date) => tracked(String(id), { eventId: id, at: at.toISOString() });
  try {
    let last = options.lastEventId ?? 0;
    let lastPushAt = Number.NEGATIVE_INFINITY;
    if (options.lastEventId !== null) {
      const newest = latestEventId(db, topic);
      if (newest > last) {
        last = newest;
        lastPushAt = performance.now();
        yield tick(newest, new Date());
      }
    }
    for (;;) {
      const batch = await subscription.take();
      if (batch === null) return;
      let newest = batch.at(-1);
      if (!newest || newest.id <= last) continue;
      const wait = lastPushAt + options.minIntervalMs - performance.now();
      if (wait > 0) {
        try {
          await sleep(wait, undefined, { signal });
        } catch {
          return;
        }
        newest = subscription.drain()?.at(-1) ?? newest;
      }
      last = newest.id;
      lastPushAt = performance.now();
      yield tick(newest.id, newest.createdAt);
    }
  } finally {
    subscription.close();
    options.onEnd?.();
  }
}

/** Waits while the socket has too much unsent data; false when the stream should end instead. */
async function writable(
  connection: LiveConnection,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  if (signal?.aborted) return false;
  if (connection.bufferedAmount() <= MAX_BUFFERED_BYTES) return true;
  const deadline = performance.now() + MAX_DRAIN_WAIT_MS;
  while (connection.bufferedAmount() > MAX_BUFFERED_BYTES) {
    if (performance.now() > deadline) {
      connection.dropSlowConsumer();
      return false;
    }
    try {
      await sleep(DRAIN_POLL_MS, undefined, { signal });
    } catch {
      return false;
    }
  }
  return !signal?.aborted;
}
