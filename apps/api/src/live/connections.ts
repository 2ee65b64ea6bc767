import { DomainError } from "../lib/errors";

export const MAX_SUBSCRIPTIONS_PER_CONNECTION = 50;
export const MAX_CONNECTIONS_PER_USER = 20;
/**
 * Bytes a socket may have queued towards a client before we stop writing to it. A subscriber that stays
 * behind this long enough for its event queue to overflow is dropped.
 */
export const MAX_BUFFERED_BYTES = 1024 * 1024;

/**
 * Close code for a client that could not keep up. Any close makes the tRPC WebSocket client reconnect
 * and resubscribe with each subscription's last event id, so it resumes from `events` with no gap; the
 * code (in the 4000-4999 application range) only tells logs and the SPAs why.
 */
export const SLOW_CONSUMER_CLOSE_CODE = 4008;

/** What we need from a `ws` socket. */
export type LiveSocket = {
  readonly bufferedAmount: number;
  close(code: number, reason: string): void;
  once(event: "close", listener: () => void): unknown;
};

/** One WebSocket connection as the subscriptions see it (in the tRPC context as `ctx.live`). */
export type LiveConnection = {
  readonly userId: string | null;
  /** False when the user already had the maximum number of connections open when this one arrived. */
  readonly admitted: boolean;
  readonly limits: ConnectionLimits;
  /** Subscriptions running on this connection. */
  subscriptions: number;
  bufferedAmount(): number;
  /** Closes the socket with SLOW_CONSUMER_CLOSE_CODE; the client reconnects and resumes. */
  dropSlowConsumer(): void;
};

export type ConnectionLimits = {
  subscriptionsPerConnection: number;
  connectionsPerUser: number;
};

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  subscriptionsPerConnection: MAX_SUBSCRIPTIONS_PER_CONNECTION,
  connectionsPerUser: MAX_CONNECTIONS_PER_USER,
};

/** Counts each user's open connections (one tracker per WebSocket server). */
export function createConnectionTracker(limits: ConnectionLimits = DEFAULT_CONNECTION_LIMITS) {
  const openPerUser = new Map<string, number>();

  return {
    open(userId: string | null, socket: LiveSocket): LiveConnection {
      let admitted = true;
      if (userId !== null) {
        const open = (openPerUser.get(userId) ?? 0) + 1;
        openPerUser.set(userId, open);
        admitted = open <= limits.connectionsPerUser;
        socket.once("close", () => {
          const left = (openPerUser.get(userId) ?? 1) - 1;
          if (left <= 0) openPerUser.delete(userId);
          else openPerUser.set(userId, left);
        });
      }
      let dropped = false;
      return {
        userId,
        admitted,
        limits,
        subscriptions: 0,
        bufferedAmount: () => socket.bufferedAmount,
        dropSlowConsumer() {
          if (dropped) return;
          dropped = true;
          socket.close(SLOW_CONSUMER_CLOSE_CODE, "Too slow: reconnect and resume");
        },
      };
    },
    connectionsOf(userId: string): number {
      return openPerUser.get(userId) ?? 0;
    },
  };
}

export type ConnectionTracker = ReturnType<typeof createConnectionTracker>;

/**
 * Takes one subscription slot on the connection, or refuses with a clear error. Live updates are served
 * over the WebSocket only: that is where the limits, keep-alive and reconnect notices live.
 */
export function admitSubscription(connection: LiveConnection | null): {
  connection: LiveConnection;
  release: () => void;
} {
  if (!connection) {
    throw new DomainError("INVALID", "Live updates are served over the WebSocket at /trpc.");
  }
  const { limits } = connection;
  if (!connection.admitted) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `Too many live connections for this account (at most ${limits.connectionsPerUser}). Close other tabs and reload.`,
    );
  }
  if (connection.subscriptions >= limits.subscriptionsPerConnection) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `Too many live subscriptions on one connection (at most ${limits.subscriptionsPerConnection}).`,
    );
  }
  connection.subscriptions++;
  let released = false;
  return {
    connection,
    release() {
      if (released) return;
      released = true;
      connection.subscriptions--;
    },
  };
}
