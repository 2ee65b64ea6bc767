import {
  NotificationBell,
  type NotificationCategoryOption,
  NotificationPanel,
  type NotificationPanelItem,
  useToast,
} from "@waybill/ui";
import { trpc } from "@waybill/ui/client";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { NotificationItem } from "../lib/api-types";
import { useRestartOnError } from "../live/restart-on-error";
import { useHeaderMenu } from "./use-header-menu";

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
  const { open, toggle, close, panelId, rootRef, buttonRef } = useHeaderMenu();
  const [category, setCategory] = useState<CategoryFilter>("all");
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
        onToggle={toggle}
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
          close();
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
