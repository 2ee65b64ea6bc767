import { skipToken } from "@tanstack/react-query";
import { useToast } from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
} from "react";
import { describeOrderEvent, type OrderEvent, readOrderEvent } from "../lib/order-events";
import { useRestartOnError } from "./restart-on-error";

type Listener = (event: OrderEvent, eventId: string) => void;

const ListenersContext = createContext<{ add: (listener: Listener) => () => void } | null>(null);

/** Ids already handled: a replay after a reconnect never toasts the same change twice. */
const SEEN_LIMIT = 500;

/**
 * The signed-in customer's order changes over `orders.onMine`, in one place: each new change refreshes
 * the orders list and the notification count, shows one toast, and reaches the pages that listen
 * (`useOrderEvents`). The socket resumes after a drop with the last event id, so nothing is missed.
 */
export function LiveOrderUpdates({ enabled, children }: { enabled: boolean; children: ReactNode }) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const listeners = useRef(new Set<Listener>());
  const seen = useRef(new Set<string>());
  // One toast per order on screen: a burst of scans replaces its own toast instead of stacking.
  const toastOfOrder = useRef(new Map<string, string>());

  const refreshLists = () => {
    void utils.orders.my.invalidate();
    // The engine writes a notification with most changes; the bell should not wait for its own push.
    void utils.notifications.unreadCount.invalidate();
    void utils.notifications.list.invalidate();
  };

  const subscription = trpc.orders.onMine.useSubscription(enabled ? {} : skipToken, {
    onData: ({ id, data }) => {
      if (seen.current.has(id)) return;
      seen.current.add(id);
      if (seen.current.size > SEEN_LIMIT) {
        const [oldest] = seen.current;
        if (oldest !== undefined) seen.current.delete(oldest);
      }
      const event = readOrderEvent(data);
      if (!event) return;
      refreshLists();
      for (const listener of listeners.current) listener(event, id);
      const notice = describeOrderEvent(event);
      if (!notice) return;
      const previous = toastOfOrder.current.get(event.orderId);
      if (previous) toast.dismiss(previous);
      toastOfOrder.current.set(event.orderId, toast.show(notice));
    },
  });

  useRestartOnError(subscription, refreshLists);

  const value = useMemo(
    () => ({
      add: (listener: Listener) => {
        listeners.current.add(listener);
        return () => {
          listeners.current.delete(listener);
        };
      },
    }),
    [],
  );

  return <ListenersContext.Provider value={value}>{children}</ListenersContext.Provider>;
}

/** Calls `listener` for each live change to the customer's orders while the component is mounted. */
export function useOrderEvents(listener: Listener): void {
  const context = useContext(ListenersContext);
  const latest = useRef(listener);
  latest.current = listener;
  const forward = useCallback<Listener>((event, id) => latest.current(event, id), []);
  useEffect(() => context?.add(forward), [context, forward]);
}
