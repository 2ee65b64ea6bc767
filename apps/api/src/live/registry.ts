import type { LiveEvent, LiveSubscription } from "./subscription";

/** The topics written to `events`: "order" (engine, orders), "notification" (notify.ts), "sync" (sync runs). */
export type EventTopic = "order" | "notification" | "sync";

/** What one subscription listens to: a topic, narrowed to one order or one user, or all of it (admins). */
export type LiveScope =
  | { topic: EventTopic; orderId: string }
  | { topic: EventTopic; userId: string }
  | { topic: EventTopic };

export function scopeKey(scope: LiveScope): string {
  if ("orderId" in scope) return `${scope.topic}|o|${scope.orderId}`;
  if ("userId" in scope) return `${scope.topic}|u|${scope.userId}`;
  return `${scope.topic}|*`;
}

/**
 * Subscriptions keyed by scope. An event is offered to at most three keys (its order, its user, its whole
 * topic), so fan-out costs three map lookups per row whatever the number of subscribers.
 */
export class SubscriptionRegistry {
  private readonly byKey = new Map<string, Set<LiveSubscription>>();
  private count = 0;

  get size(): number {
    return this.count;
  }

  add(subscription: LiveSubscription): void {
    let set = this.byKey.get(subscription.key);
    if (!set) {
      set = new Set();
      this.byKey.set(subscription.key, set);
    }
    set.add(subscription);
    this.count++;
  }

  remove(subscription: LiveSubscription): void {
    const set = this.byKey.get(subscription.key);
    if (!set?.delete(subscription)) return;
    this.count--;
    if (set.size === 0) this.byKey.delete(subscription.key);
  }

  /** Whether anyone listens to an event with these fields: rows nobody wants are never parsed. */
  wants(row: Pick<LiveEvent, "topic" | "orderId" | "userId">): boolean {
    return (
      this.byKey.has(`${row.topic}|*`) ||
      (row.orderId !== null && this.byKey.has(`${row.topic}|o|${row.orderId}`)) ||
      (row.userId !== null && this.byKey.has(`${row.topic}|u|${row.userId}`))
    );
  }

  fanOut(event: LiveEvent): void {
    this.deliverTo(`${event.topic}|*`, event);
    if (event.orderId !== null) this.deliverTo(`${event.topic}|o|${event.orderId}`, event);
    if (event.userId !== null) this.deliverTo(`${event.topic}|u|${event.userId}`, event);
  }

  closeAll(): void {
    for (const set of [...this.byKey.values()])
      for (const subscription of [...set]) subscription.close();
  }

  private deliverTo(key: string, event: LiveEvent): void {
    const set = this.byKey.get(key);
    if (!set) return;
    // An overflow removes that subscription from the set mid-loop, which Set iteration allows.
    for (const subscription of set) subscription.deliver(event);
  }
}
