import { blockingKeys, consonantSkeleton, deletionSkeletonMin } from './token-keys.js';

/**
 * The blocking keys of a word (token-keys.ts) as numbers, so the index needs no string per key: a
 * skeleton is made of 15 consonants and 10 digits, so its first 11 symbols are a base-26 number
 * with digits 1–25 (`high`, exact below 2^53) and the next 11 another (`low`, 0 when there are
 * none). No digit is 0, so each sequence of up to 22 symbols has its own pair. Longer keys and the
 * marked keys of vowel-only words stay strings. Two words share a blocking key exactly when they
 * share a pair or a string key (property test).
 */
export interface KeyBuffer {
  high: Float64Array;
  low: Float64Array;
  count: number;
  readonly strings: string[];
  symbols: Uint8Array;
}

const symbolsPerPart = 11;
const base = 26;
const symbolOf = new Uint8Array(128);
[...'bdfghjklmnprstv0123456789'].forEach((c, i) => (symbolOf[c.charCodeAt(0)] = i + 1));

export function keyBuffer(): KeyBuffer {
  return { high: new Float64Array(32), low: new Float64Array(32), count: 0, strings: [], symbols: new Uint8Array(32) };
}

/** Fills `out` with the word's keys: the same set as blockingKeys(word), each once. */
export function collectBlockingKeys(word: string, out: KeyBuffer): void {
  out.count = 0;
  out.strings.length = 0;
  if (out.symbols.length < word.length * 2) out.symbols = new Uint8Array(word.length * 2 + 8);
  const length = skeletonSymbols(word, out.symbols);
  if (length <= 0) {
    // A vowel-only word ("~" marks its key) or a character outside the alphabet: rare, kept as strings.
    out.strings.push(...blockingKeys(word));
    return;
  }
  if (out.high.length < length + 1) {
    out.high = new Float64Array((length + 1) * 2);
    out.low = new Float64Array(out.high.length);
  }
  const symbols = out.symbols;
  const skeleton = length > 2 * symbolsPerPart ? consonantSkeleton(word) : '';
  if (length <= 2 * symbolsPerPart) addPair(out, symbols, length, -1);
  else out.strings.push(skeleton);
  if (length < deletionSkeletonMin) return;
  for (let skipped = 0; skipped < length; skipped += 1) {
    if (length - 1 <= 2 * symbolsPerPart) addPair(out, symbols, length, skipped);
    else {
      const key = skeleton.slice(0, skipped) + skeleton.slice(skipped + 1);
      if (!out.strings.includes(key)) out.strings.push(key);
    }
  }
}

/**
 * consonantSkeleton(word) written as symbols into `out` (room for twice the word's length: x is
 * two), without building a string; its length, 0 for an empty skeleton, -1 for a character outside
 * a–z and 0–9. Property-tested against consonantSkeleton.
 */
export function skeletonSymbols(word: string, out: Uint8Array): number {
  let length = 0;
  let previous = 0;
  for (let i = 0; i < word.length; i += 1) {
    const letter = word.charCodeAt(i);
    let sound = letter < 128 ? soundOf[letter]! : unknown;
    if (sound === unknown) return -1;
    if (letter === h && previous !== 0 && vowelCodes[previous] !== 1) sound = previous === p ? symbolOf[f]! : silent;
    if (letter === h && previous === p) length -= 1;
    previous = letter;
    if (sound === silent) continue;
    if (sound === ks) {
      if (length >= 2 && out[length - 2] === symbolOf[k] && out[length - 1] === symbolOf[s]) continue;
      out[length] = symbolOf[k]!;
      out[length + 1] = symbolOf[s]!;
      length += 2;
    } else if (length === 0 || out[length - 1] !== sound) {
      out[length] = sound;
      length += 1;
    }
  }
  return length;
}

const [h, p, f, k, s] = [...'hpfks'].map((c) => c.charCodeAt(0)) as [number, number, number, number, number];
/** Sound of a letter as a symbol: vowels silent, c/q → k, w → v, z → s, x → the pair ks. */
const silent = 0;
const ks = 254;
const unknown = 255;
const vowelCodes = new Uint8Array(128);
for (const c of 'aeiouy') vowelCodes[c.charCodeAt(0)] = 1;
const soundOf = new Uint8Array(128).fill(unknown);
for (const c of 'aeiouy') soundOf[c.charCodeAt(0)] = silent;
for (const c of 'bdfghjklmnprstv0123456789') soundOf[c.charCodeAt(0)] = symbolOf[c.charCodeAt(0)]!;
for (const [from, to] of [['c', 'k'], ['q', 'k'], ['w', 'v'], ['z', 's']] as const) soundOf[from.charCodeAt(0)] = symbolOf[to.charCodeAt(0)]!;
soundOf['x'.charCodeAt(0)] = ks;

/** Adds the key of the symbols without position `skipped` (-1: none), unless already there (deleting either of two equal neighbours gives one key). */
function addPair(out: KeyBuffer, symbols: Uint8Array, length: number, skipped: number): void {
  let high = 0;
  let low = 0;
  let taken = 0;
  for (let i = 0; i < length; i += 1) {
    if (i === skipped) continue;
    if (taken < symbolsPerPart) high = high * base + symbols[i]!;
    else low = low * base + symbols[i]!;
    taken += 1;
  }
  for (let i = 0; i < out.count; i += 1) if (out.high[i] === high && out.low[i] === low) return;
  out.high[out.count] = high;
  out.low[out.count] = low;
  out.count += 1;
}
