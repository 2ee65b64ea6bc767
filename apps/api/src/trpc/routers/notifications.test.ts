import { createId } from "@waybill/db";
import { describe, expect, it } from "vitest";
import { insertNotification, type NotificationCategory } from "../../notifications/notify";
import { callerFor, createTestUser } from "../../testing/caller";
import { createTestDeps } from "../../testing/deps";

function seedNotifications(
  deps: ReturnType<typeof createTestDeps>,
  userId: string,
  categories: NotificationCategory[],
) {
  const start = Date.UTC(2026, 10, 1);
  return deps.db.transaction((tx) =>
    categories.map((category, i) => {
      const dedupeKey = `test:${createId()}`;
      insertNotification(tx, {
        userId,
        orderId: null,
        category,
        title: `Notice ${i}`,
        body: `Body ${i}`,
        dedupeKey,
        now: new Date(start + i * 60_000),
      });
      return `Notice ${i}`;
    }),
  );
}

describe("notifications router", () => {
  it("lists newest first, page by page, and filters by category", async () => {
    const deps = createTestDeps();
    const user = createTestUser(deps);
    const titles = seedNotifications(deps, user.id, [
      "order_update",
      "delivery",
      "delivery",
      "order_update",
      "delivery",
    ]);
    const caller = callerFor(deps, user);

    const first = await caller.notifications.list({ limit: 2 });
    const second = await caller.notifications.list({ limit: 2, cursor: first.nextCursor });
    const third = await caller.notifications.list({ limit: 2, cursor: second.nextCursor });
    const pages = [first, second, third].flatMap((page) => page.items.map((item) => item.title));
    expect(pages).toEqual([...titles].reverse());
    expect(third.nextCursor).toBeNull();

    const deliveries = await caller.notifications.list({ limit: 10, category: "delivery" });
    expect(deliveries.items.map((item) => item.title)).toEqual([
      "Notice 4",
      "Notice 2",
      "Notice 1",
    ]);
    await expect(caller.notifications.list({ limit: 2, cursor: "nonsense" })).rejects.toMatchObject(
      {
        code: "BAD_REQUEST",
      },
    );
  });

  it("counts unread, marks some or all read, and never touches another user's", async () => {
    const deps = createTestDeps();
    const me = createTestUser(deps);
    const other = createTestUser(deps);
    seedNotifications(deps, me.id, ["delivery", "delivery", "account"]);
    seedNotifications(deps, other.id, ["delivery"]);
    const mine = callerFor(deps, me);
    const theirs = callerFor(deps, other);
    const [theirOnly] = (await theirs.notifications.list({ limit: 10 })).items;
    const { items } = await mine.notifications.list({ limit: 10 });

    expect(await mine.notifications.unreadCount()).toEqual({ count: 3 });
    const marked = await mine.notifications.markRead({
      ids: [items[0]?.id as string, theirOnly?.id as string],
    });
    expect(marked).toEqual({ updated: 1 });
    expect(await mine.notifications.unreadCount()).toEqual({ count: 2 });
    expect(await theirs.notifications.unreadCount()).toEqual({ count: 1 });

    expect(await mine.notifications.markAllRead()).toEqual({ updated: 2 });
    expect(await mine.notifications.unreadCount()).toEqual({ count: 0 });
    expect(await theirs.notifications.unreadCount()).toEqual({ count: 1 });
    const readAt = (await mine.notifications.list({ limit: 10 })).items.map((i) => i.readAt);
    expect(readAt.every((value) => value instanceof Date)).toBe(true);
  });

  it("needs a session, and serves onNew over the WebSocket only", async () => {
    const deps = createTestDeps();
    await expect(callerFor(deps, null).notifications.unreadCount()).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const caller = callerFor(deps, createTestUser(deps));
    await expect(caller.notifications.onNew()).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
