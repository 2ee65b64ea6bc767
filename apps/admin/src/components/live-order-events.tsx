import { trpc } from "@waybill/ui/client";
import { createContext, type ReactNode, useContext, useEffect, useRef } from "react";
import { type OrderEvent, toOrderEvent } from "../lib/live-event";

type Listener = (event: OrderEvent) => void;
type Hub = { listen: (listener: Listener) => () => void };

const HubContext = createContext<Hub | null>(null);

/**
 * One `admin.onEvents` subscription for the whole admin frame, fanned out to the pages that
 * listen (orders table, order page), instead of one socket subscription per component.
 */
export function LiveOrderEventsProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>());
  const hub = useRef<Hub>({
    listen(listener) {
      listeners.current.add(listener);
      return () => listeners.current.delete(listener);
    },
  });

  trpc.admin.onEvents.useSubscription(undefined, {
    onData: (item) => {
      const event = toOrderEvent(item);
      for (const listener of listeners.current) listener(event);
    },
  });

  return <HubContext.Provider value={hub.current}>{children}</HubContext.Provider>;
}

/** Calls `listener` for every order event committed while the component is mounted. */
export function useOrderEvents(listener: Listener): void {
  const hub = useContext(HubContext);
  const latest = useRef(listener);
  latest.current = listener;
  useEffect(() => {
    if (!hub) return;
    return hub.listen((event) => latest.current(event));
  }, [hub]);
}
