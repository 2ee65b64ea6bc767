/**
 * Runs `work` over `items` with at most `limit` in flight, in order of `items`. `shouldStart` is asked before each
 * item: once it says no, the remaining items are not started (those in flight finish).
 */
export async function forEachWithConcurrency<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
  shouldStart: () => boolean = () => true,
): Promise<void> {
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length && shouldStart()) {
      const item = items[next++] as T;
      await work(item);
    }
  }
  const workers = Math.max(1, Math.min(limit, items.length));
  await Promise.all(Array.from({ length: workers }, worker));
}
