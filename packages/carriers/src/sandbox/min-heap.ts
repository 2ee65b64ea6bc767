/**
 * A binary min-heap over an array: `push` and `pop` cost O(log n), `peek` O(1). `before(a, b)` is true when
 * `a` must come out first; it must be a strict total order for a deterministic pop order.
 */
export type MinHeap<T> = {
  readonly size: number;
  push(item: T): void;
  peek(): T | undefined;
  pop(): T | undefined;
};

export function createMinHeap<T>(before: (a: T, b: T) => boolean): MinHeap<T> {
  const items: T[] = [];

  function swap(i: number, j: number) {
    const item = items[i] as T;
    items[i] = items[j] as T;
    items[j] = item;
  }

  function siftUp(index: number) {
    let i = index;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(items[i] as T, items[parent] as T)) return;
      swap(i, parent);
      i = parent;
    }
  }

  function siftDown(index: number) {
    let i = index;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let first = i;
      if (left < items.length && before(items[left] as T, items[first] as T)) first = left;
      if (right < items.length && before(items[right] as T, items[first] as T)) first = right;
      if (first === i) return;
      swap(i, first);
      i = first;
    }
  }

  return {
    get size() {
      return items.length;
    },
    push(item) {
      items.push(item);
      siftUp(items.length - 1);
    },
    peek: () => items[0],
    pop() {
      const top = items[0];
      const last = items.pop();
      if (items.length > 0 && last !== undefined) {
        items[0] = last;
        siftDown(0);
      }
      return top;
    },
  };
}
