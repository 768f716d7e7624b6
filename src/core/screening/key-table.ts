/**
 * Blocking key (a pair of numbers, key-codes.ts) → listed word ids, as an open-addressing hash table over typed arrays: a few
 * flat arrays instead of millions of strings and small arrays (100,000 entries give about 2.3
 * million keys), so it builds in a fraction of the time, holds a fraction of the memory and
 * costs the garbage collector nothing. Keys that do not fit a code (key-codes.ts) are in `longKeys`.
 */
export interface KeyTable {
  readonly mask: number;
  /** The key in each slot, high 0 for an empty slot (a key's high part is at least 1). */
  readonly slotHigh: Float64Array;
  readonly slotLow: Float64Array;
  /** Slot s's word ids are wordIds[slotStart[s] .. slotStart[s + 1]], in increasing word id. */
  readonly slotStart: Int32Array;
  readonly wordIds: Int32Array;
  readonly longKeys: ReadonlyMap<string, Int32Array>;
  /** Distinct keys, codes and strings. */
  readonly size: number;
}

/** A key's slot, or -1 when no listed word has that key. */
export function slotOf(table: KeyTable, high: number, low: number): number {
  const { slotHigh, slotLow, mask } = table;
  for (let slot = slotHash(high, low) & mask; ; slot = (slot + 1) & mask) {
    const found = slotHigh[slot]!;
    if (found === high && slotLow[slot] === low) return slot;
    if (found === 0) return -1;
  }
}

function slotHash(high: number, low: number): number {
  return mix(mix(high) ^ low);
}

/** Mixes both 32-bit halves of an integer below 2^53 (x >>> 0 is x mod 2^32, exact for such integers). */
function mix(value: number): number {
  const bottom = value >>> 0;
  const top = (value / 4294967296) >>> 0;
  let h = Math.imul(bottom ^ Math.imul(top, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  return Math.imul(h, 0x85ebca6b) ^ (h >>> 13);
}

/**
 * Collects (key, word id) pairs in word id order, then lays them out in bounded slices
 * (name-index.ts builds in slices).
 */
export class KeyTableBuilder {
  private highs = new Float64Array(1 << 16);
  private lows = new Float64Array(1 << 16);
  private ids = new Int32Array(1 << 16);
  private pairs = 0;
  private readonly long = new Map<string, number[]>();

  add(high: number, low: number, wordId: number): void {
    if (this.pairs === this.ids.length) {
      this.highs = grown(this.highs, new Float64Array(this.ids.length * 2));
      this.lows = grown(this.lows, new Float64Array(this.ids.length * 2));
      this.ids = grown(this.ids, new Int32Array(this.ids.length * 2));
    }
    this.highs[this.pairs] = high;
    this.lows[this.pairs] = low;
    this.ids[this.pairs] = wordId;
    this.pairs += 1;
  }

  addLong(key: string, wordId: number): void {
    const list = this.long.get(key);
    if (list === undefined) this.long.set(key, [wordId]);
    else list.push(wordId);
  }

  /** Counting sort of the pairs into their slots, yielding every `pairsPerSlice` pairs: word ids stay in the order added. */
  *build(pairsPerSlice: number): Generator<void, KeyTable, void> {
    const capacity = tableCapacity(this.pairs);
    const mask = capacity - 1;
    const slotHigh = new Float64Array(capacity);
    const slotLow = new Float64Array(capacity);
    const slotStart = new Int32Array(capacity + 1);
    const pairSlot = new Int32Array(this.pairs);
    let distinct = 0;
    for (let p = 0; p < this.pairs; p += 1) {
      const high = this.highs[p]!;
      const low = this.lows[p]!;
      let slot = slotHash(high, low) & mask;
      while (slotHigh[slot] !== 0 && (slotHigh[slot] !== high || slotLow[slot] !== low)) slot = (slot + 1) & mask;
      if (slotHigh[slot] === 0) {
        slotHigh[slot] = high;
        slotLow[slot] = low;
        distinct += 1;
      }
      slotStart[slot + 1] = slotStart[slot + 1]! + 1;
      pairSlot[p] = slot;
      if ((p + 1) % pairsPerSlice === 0) yield;
    }
    for (let s = 0; s < capacity; s += 1) slotStart[s + 1] = slotStart[s + 1]! + slotStart[s]!;
    yield;
    const next = slotStart.slice(0, capacity);
    const wordIds = new Int32Array(this.pairs);
    for (let p = 0; p < this.pairs; p += 1) {
      const slot = pairSlot[p]!;
      wordIds[next[slot]!] = this.ids[p]!;
      next[slot] = next[slot]! + 1;
      if ((p + 1) % pairsPerSlice === 0) yield;
    }
    const longKeys = new Map<string, Int32Array>();
    for (const [key, list] of this.long) longKeys.set(key, Int32Array.from(list));
    return { mask, slotHigh, slotLow, slotStart, wordIds, longKeys, size: distinct + longKeys.size };
  }
}

/** A power of two at least 1.25 times the pairs (so at most 80 % full, far less in practice: keys repeat), at least 16. */
function tableCapacity(pairs: number): number {
  let capacity = 16;
  while (capacity < pairs * 1.25) capacity *= 2;
  return capacity;
}

function grown<T extends Float64Array | Int32Array>(from: T, to: T): T {
  to.set(from);
  return to;
}
