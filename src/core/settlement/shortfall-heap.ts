import { assert } from '../assert.js';

/** One participant's shortfall at the time it was pushed; stale entries are skipped by the caller. */
export interface ShortfallEntry {
  readonly shortfall: bigint;
  readonly index: number;
}

/** Max-heap by shortfall, ties to the lowest participant index so that results are deterministic. */
export type ShortfallHeap = ShortfallEntry[];

function above(a: ShortfallEntry, b: ShortfallEntry): boolean {
  return a.shortfall > b.shortfall || (a.shortfall === b.shortfall && a.index < b.index);
}

export function heapPush(heap: ShortfallHeap, entry: ShortfallEntry): void {
  heap.push(entry);
  let child = heap.length - 1;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!above(heap[child]!, heap[parent]!)) break;
    [heap[child], heap[parent]] = [heap[parent]!, heap[child]!];
    child = parent;
  }
}

export function heapPop(heap: ShortfallHeap): ShortfallEntry | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (top === undefined || last === undefined || heap.length === 0) return top;
  heap[0] = last;
  let parent = 0;
  while (true) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let best = parent;
    if (left < heap.length && above(heap[left]!, heap[best]!)) best = left;
    if (right < heap.length && above(heap[right]!, heap[best]!)) best = right;
    if (best === parent) break;
    [heap[best], heap[parent]] = [heap[parent]!, heap[best]!];
    parent = best;
  }
  const newTop = heap[0];
  assert(newTop === undefined || heap[1] === undefined || !above(heap[1], newTop), 'heap top is the largest shortfall');
  return top;
}
