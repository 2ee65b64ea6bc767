import { describe, expect, it } from "vitest";
import { mulberry32 } from "./kit";
import { createMinHeap } from "./min-heap";

type Item = { key: number; id: number };
const byKeyThenId = (a: Item, b: Item) => a.key < b.key || (a.key === b.key && a.id < b.id);

describe("createMinHeap", () => {
  it("pops nothing when empty", () => {
    const heap = createMinHeap(byKeyThenId);
    expect(heap.size).toBe(0);
    expect(heap.peek()).toBeUndefined();
    expect(heap.pop()).toBeUndefined();
  });

  it("pops in the comparator's order, ties included, with pushes interleaved", () => {
    const random = mulberry32(42);
    const heap = createMinHeap(byKeyThenId);
    const reference: Item[] = [];
    const popped: Item[] = [];
    const expected: Item[] = [];
    let id = 0;
    for (let round = 0; round < 2_000; round++) {
      // Few distinct keys, so ties are common and only the id can order them.
      const item = { key: Math.floor(random() * 20), id: id++ };
      heap.push(item);
      reference.push(item);
      if (random() < 0.4) {
        reference.sort((a, b) => a.key - b.key || a.id - b.id);
        expected.push(reference.shift() as Item);
        expect(heap.peek()).toBe(expected.at(-1));
        popped.push(heap.pop() as Item);
      }
    }
    reference.sort((a, b) => a.key - b.key || a.id - b.id);
    expected.push(...reference);
    while (heap.size > 0) popped.push(heap.pop() as Item);
    expect(popped).toEqual(expected);
  });
});
