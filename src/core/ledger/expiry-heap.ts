import { assert } from '../assert.js';
import type { Id } from './types.js';

/**
 * Pending transfers ordered by the moment they expire (a binary min-heap). Entries are
 * checked when popped, so an entry whose transfer was posted, voided or rolled back is
 * simply dropped: no removal from the middle is ever needed.
 */
export interface ExpiryEntry {
  readonly expiresAt: number;
  readonly transferId: Id;
}

export class ExpiryHeap {
  private readonly entries: ExpiryEntry[] = [];

  get size(): number {
    return this.entries.length;
  }

  peek(): ExpiryEntry | undefined {
    return this.entries[0];
  }

  push(entry: ExpiryEntry): void {
    const entries = this.entries;
    entries.push(entry);
    let index = entries.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(entry, entries[parent]!)) break;
      entries[index] = entries[parent]!;
      index = parent;
    }
    entries[index] = entry;
  }

  pop(): ExpiryEntry | undefined {
    const entries = this.entries;
    const top = entries[0];
    const last = entries.pop();
    if (top === undefined || last === undefined || entries.length === 0) return top;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      if (left >= entries.length) break;
      const right = left + 1;
      const child = right < entries.length && before(entries[right]!, entries[left]!) ? right : left;
      if (!before(entries[child]!, last)) break;
      entries[index] = entries[child]!;
      index = child;
    }
    entries[index] = last;
    assert(entries.length >= 1, 'heap keeps its entries');
    return top;
  }

  /** In no particular order; for snapshots. */
  all(): readonly ExpiryEntry[] {
    return this.entries;
  }
}

/** Ties break on transfer id so that the order, and so replay, never depends on insertion history. */
function before(a: ExpiryEntry, b: ExpiryEntry): boolean {
  return a.expiresAt < b.expiresAt || (a.expiresAt === b.expiresAt && a.transferId < b.transferId);
}
