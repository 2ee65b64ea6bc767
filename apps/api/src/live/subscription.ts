/** One committed row of the `events` log, as the tailer hands it to subscribers (payload parsed once, shared). */
export type LiveEvent = {
  id: number;
  topic: string;
  orderId: string | null;
  userId: string | null;
  createdAt: Date;
  payload: Readonly<Record<string, unknown>>;
};

/**
 * Events a subscriber may hold before it counts as too slow. Bounded so a stalled client costs at most this
 * many references, never unbounded memory: the overflow drops the client, which resumes from `events`.
 */
export const SUBSCRIPTION_QUEUE_LIMIT = 256;

export type SubscriptionOptions = {
  /** Called once when the queue overflows (the connection is dropped so the client resumes). */
  onOverflow: () => void;
  /** Keep only the newest event: for consumers that only need "something changed" (stats ticks). */
  latestOnly?: boolean;
  /** Called once when the subscription ends for any reason (the registry forgets it). */
  onClose: (subscription: LiveSubscription) => void;
};

/**
 * A subscriber's mailbox between the tailer (push) and its async generator (pull). Deliberately small: no
 * queue until the first event, one pending resolver, so an idle subscriber is a few hundred bytes.
 */
export class LiveSubscription {
  readonly key: string;
  overflowed = false;
  private queue: LiveEvent[] | null = null;
  private waiting: ((events: LiveEvent[] | null) => void) | null = null;
  private closed = false;
  private readonly options: SubscriptionOptions;

  constructor(key: string, options: SubscriptionOptions) {
    this.key = key;
    this.options = options;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  deliver(event: LiveEvent): void {
    if (this.closed) return;
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve([event]);
      return;
    }
    if (this.options.latestOnly) {
      this.queue = [event];
      return;
    }
    this.queue ??= [];
    if (this.queue.length >= SUBSCRIPTION_QUEUE_LIMIT) {
      this.overflowed = true;
      this.close();
      this.options.onOverflow();
      return;
    }
    this.queue.push(event);
  }

  /** Everything queued right now, without waiting. */
  drain(): LiveEvent[] | null {
    const events = this.queue;
    this.queue = null;
    return events && events.length > 0 ? events : null;
  }

  /** Everything queued, or waits for the next delivery; null once closed (aborted, overflowed). */
  take(): Promise<LiveEvent[] | null> {
    if (this.queue && this.queue.length > 0) {
      const events = this.queue;
      this.queue = null;
      return Promise.resolve(events);
    }
    if (this.closed) return Promise.resolve(null);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.queue = null;
    const resolve = this.waiting;
    this.waiting = null;
    resolve?.(null);
    this.options.onClose(this);
  }
}
