import { QueryClient } from "@tanstack/react-query";
import { createWSClient, httpBatchLink, splitLink, type TRPCClient, wsLink } from "@trpc/client";
import type { ConnectionState } from "../connection-indicator";
import { toConnectionState } from "./connection-state";
import { type AppRouter, trpc } from "./trpc";

/** The live-update connection as the UI needs it. */
export type Realtime = {
  getState: () => ConnectionState;
  subscribe: (onChange: () => void) => () => void;
  /**
   * Drops the socket so the client reconnects and re-sends its subscriptions. Call it after
   * sign-in and sign-out: the server reads the session cookie only on the WebSocket upgrade.
   */
  reconnect: () => void;
};

/** Everything the provider hands to the component tree. Created once per page load. */
export type ApiClients = {
  queryClient: QueryClient;
  trpcClient: TRPCClient<AppRouter>;
  realtime: Realtime;
};

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // A 4xx will not get better by asking again; network blips might.
        retry: (failureCount, error) => failureCount < 2 && !hasClientErrorStatus(error),
      },
    },
  });
}

function hasClientErrorStatus(error: unknown): boolean {
  if (typeof error !== "object" || error === null || !("data" in error)) return false;
  const data: unknown = error.data;
  if (typeof data !== "object" || data === null || !("httpStatus" in data)) return false;
  return typeof data.httpStatus === "number" && data.httpStatus >= 400 && data.httpStatus < 500;
}

/**
 * Builds the query client, the tRPC client (subscriptions over one WebSocket, everything else
 * as batched HTTP on the same origin, so the session cookie rides along) and the realtime handle.
 */
export function createApiClients(location: Pick<Location, "protocol" | "host">): ApiClients {
  const wsClient = createWSClient({
    url: `${location.protocol === "https:" ? "wss:" : "ws:"}//${location.host}/trpc`,
    // Pings find a half-open socket (laptop lid, mobile network switch) within seconds.
    keepAlive: { enabled: true, intervalMs: 10_000, pongTimeoutMs: 3_000 },
    retryDelayMs: (attempt) => Math.min(500 * 2 ** attempt, 15_000),
  });

  const trpcClient = trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: "/trpc" }),
      }),
    ],
  });

  const realtime: Realtime = {
    getState: () => toConnectionState(wsClient.connectionState.get().state, navigator.onLine),
    subscribe: (onChange) => {
      const subscription = wsClient.connectionState.subscribe({ next: onChange });
      window.addEventListener("online", onChange);
      window.addEventListener("offline", onChange);
      return () => {
        subscription.unsubscribe();
        window.removeEventListener("online", onChange);
        window.removeEventListener("offline", onChange);
      };
    },
    reconnect: () => {
      const connection = wsClient.connection;
      // A socket still connecting will send the new cookie anyway.
      if (connection?.state === "open") connection.ws.close();
    },
  };

  return { queryClient: createQueryClient(), trpcClient, realtime };
}
