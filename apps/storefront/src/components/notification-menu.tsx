import {
  NotificationBell,
  type NotificationCategoryOption,
  NotificationPanel,
  type NotificationPanelItem,
  useToast,
} from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useEffect, useId, useRef, useState } from "react";
import { useLocation, useNavigate } from "react-router";
import type { NotificationItem } from "../lib/api-types";
import { useRestartOnError } from "../live/restart-on-error";

type Category = NotificationItem["category"];

const CATEGORIES = [
  { id: "all", label: "All" },
  { id: "order_update", label: "Order updates" },
  { id: "delivery", label: "Delivery" },
  { id: "account", label: "Account" },
] as const satisfies readonly NotificationCategoryOption[];

const EMPTY: Record<(typeof CATEGORIES)[number]["id"], string> = {
  all: "No notifications yet. We'll tell you here when your orders move.",
  order_update: "No order updates yet.",
  delivery: "No delivery news yet.",
  account: "No account notices.",
};

type CategoryFilter = (typeof CATEGORIES)[number]["id"];

/**
 * The header's bell and its panel: unread count, the list by category, mark read, and a click that
 * opens the order. New notifications arrive over `notifications.onNew`.
 */
export function NotificationMenu() {
  const [open, setOpen] = useState(false);
  const [category, setCategory] = useState<CategoryFilter>("all");
  const panelId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const location = useLocation();
  const navigate = useNavigate();
  const toast = useToast();
  const utils = trpc.useUtils();

  const unread = trpc.notifications.unreadCount.useQuery(undefined, { staleTime: 10_000 });
  const list = trpc.notifications.list.useInfiniteQuery(
    { limit: 15, ...(category === "all" ? {} : { category: category as Category }) },
    { enabled: open, getNextPageParam: (page) => page.nextCursor ?? undefined },
  );

  const refresh = () => {
    void utils.notifications.unreadCount.invalidate();
    void utils.notifications.list.invalidate();
  };
  const markRead = trpc.notifications.markRead.useMutation({ onSettled: refresh });
  const markAllRead = trpc.notifications.markAllRead.useMutation({ onSettled: refresh });

  const newNotifications = trpc.notifications.onNew.useSubscription(
    {},
    {
      onData: ({ data }) => {
        refresh();
        // Order news is toasted from the order event itself; only notices without an order toast here.
        if (data.orderId === null) toast.show({ title: data.title, description: data.body });
      },
    },
  );

  useRestartOnError(newNotifications, refresh);

  useEffect(() => setOpen(false), [location.key]);

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointerDown);
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("pointerdown", onPointerDown);
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open]);

  const notifications = list.data?.pages.flatMap((page) => page.items) ?? [];
  const byId = new Map(notifications.map((item) => [item.id, item]));
  const items: NotificationPanelItem[] = notifications.map((item) => ({
    id: item.id,
    title: item.title,
    body: item.body,
    createdAt: item.createdAt,
    unread: item.readAt === null,
  }));

  return (
    <div className="wb-menu" ref={rootRef}>
      <NotificationBell
        ref={buttonRef}
        unread={unread.data?.count ?? 0}
        expanded={open}
        controls={panelId}
        onToggle={() => setOpen((value) => !value)}
      />
      <NotificationPanel
        id={panelId}
        hidden={!open}
        categories={CATEGORIES}
        category={category}
        onCategoryChange={(id) => setCategory(id as CategoryFilter)}
        items={items}
        status={list.isError ? "error" : list.data ? "ready" : "loading"}
        onRetry={() => void list.refetch()}
        unread={unread.data?.count ?? 0}
        empty={EMPTY[category]}
        onOpen={(item) => {
          const notification = byId.get(item.id);
          if (item.unread) markRead.mutate({ ids: [item.id] });
          setOpen(false);
          if (notification?.orderId) void navigate(`/orders/${notification.orderId}`);
        }}
        onMarkRead={(item) => markRead.mutate({ ids: [item.id] })}
        onMarkAllRead={() => markAllRead.mutate()}
        markingAllRead={markAllRead.isPending}
        hasMore={list.hasNextPage}
        loadingMore={list.isFetchingNextPage}
        onLoadMore={() => void list.fetchNextPage()}
      />
    </div>
  );
}
