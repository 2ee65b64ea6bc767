import { QueryClientProvider } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useSyncExternalStore } from "react";
import type { ConnectionState } from "../connection-indicator";
import type { ApiClients, Realtime } from "./api-clients";
import { trpc } from "./trpc";

const RealtimeContext = createContext<Realtime | null>(null);

export type ApiProviderProps = { clients: ApiClients; children: ReactNode };

/** The one provider for data: React Query, the tRPC hooks and the live connection. */
export function ApiProvider({ clients, children }: ApiProviderProps) {
  return (
    <trpc.Provider client={clients.trpcClient} queryClient={clients.queryClient}>
      <QueryClientProvider client={clients.queryClient}>
        <RealtimeContext.Provider value={clients.realtime}>{children}</RealtimeContext.Provider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}

export function useRealtime(): Realtime {
  const realtime = useContext(RealtimeContext);
  if (!realtime) throw new Error("useRealtime() must be called under <ApiProvider>.");
  return realtime;
}

/** Live / Reconnecting / Offline, re-rendering when the socket or the browser changes its mind. */
export function useConnectionState(): ConnectionState {
  const realtime = useRealtime();
  return useSyncExternalStore(realtime.subscribe, realtime.getState);
}
