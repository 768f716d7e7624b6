import { listedBicKey } from './bic.js';
import { listedNames } from './listed-names.js';
import { isGenericWord } from './normalise.js';
import { isVowelless } from './token-keys.js';
import { characterMask } from './jaro-winkler.js';
import { collectBlockingKeys, keyBuffer } from './key-codes.js';
import { KeyTableBuilder, type KeyTable } from './key-table.js';
import type { WatchList, WatchListEntry } from './types.js';

/** An entry with the list version it came from, as a hit names it. */
export interface IndexedEntry {
  readonly version: string;
  readonly entry: WatchListEntry;
}

export interface BicListing {
  readonly entryIndex: number;
  readonly listedBic: string;
}

/**
 * Everything screening needs, built once per change of the active lists. Names are stored in flat
 * arrays (name i's words are nameWords[nameWordStart[i] .. nameWordStart[i+1]]) because 100,000
 * entries give about half a million name forms, and an object per form would double the memory.
 */
export interface ScreeningIndex {
  readonly entries: readonly IndexedEntry[];
  readonly nameEntry: Int32Array;
  readonly nameSource: Int32Array;
  readonly nameJoined: Uint8Array;
  readonly nameWordStart: Int32Array;
  readonly nameWords: Int32Array;
  /** Distinct listed words, with whether each is generic. */
  readonly words: readonly string[];
  /** Listed word → its id (numbers agree only with an equal word: one lookup). */
  readonly wordIds: ReadonlyMap<string, number>;
  readonly wordGeneric: Uint8Array;
  /** 1 for a listed word written without vowels (token-keys.ts isVowelless), so matching need not test it again. */
  readonly wordVowelless: Uint8Array;
  /** Each listed word's characterMask and length: a cheap bound that skips most Jaro–Winkler computations. */
  readonly wordMask: Int32Array;
  readonly wordLength: Int32Array;
  /**
   * Word id w → the names it can make a candidate, wordNames[wordNameStart[w] .. wordNameStart[w + 1]]:
   * names containing it as a distinctive word, or all-generic names containing it; a name once per
   * position the word holds in it, so counting postings counts agreeing positions.
   */
  readonly wordNameStart: Int32Array;
  readonly wordNames: Int32Array;
  /** 1 for a name with generic words among distinctive ones: its generic positions are posted nowhere. */
  readonly namePartlyPosted: Uint8Array;
  /** Agreeing posted positions that make a name a candidate: 1 if partly posted, else min(2, its length) (match-words.ts). */
  readonly nameNeed: Uint8Array;
  /** Blocking key → word ids. */
  readonly keys: KeyTable;
  /** Listed BICs covering a whole institution, by BIC8; listed branch BICs, by BIC11. */
  readonly bicInstitutions: ReadonlyMap<string, readonly BicListing[]>;
  readonly bicBranches: ReadonlyMap<string, readonly BicListing[]>;
}

/** The lists an index is built from, each with its version (`activeLists(set)`). */
export type IndexedLists = readonly { readonly version: string; readonly list: WatchList }[];

/**
 * An index being built in bounded slices, so the node's shell can build one ahead without stopping
 * its event loop for seconds (src/node/screening-index-builder.ts). However it is sliced, the
 * result is the one buildScreeningIndex gives: the slices only divide the same loops.
 */
export interface IndexBuild {
  readonly lists: IndexedLists;
  /** Does one slice of the work (tens of milliseconds); true once the index is complete. */
  step(): boolean;
  readonly done: boolean;
  /** Completes the build at once (whatever slices remain) and returns the index. */
  finish(): ScreeningIndex;
}

/** How much one slice does: about the same work each way (tens of milliseconds on the bench machine by default). */
export interface IndexSlices {
  readonly entriesPerSlice: number;
  readonly wordsPerSlice: number;
}

export const indexSlicesDefault: IndexSlices = { entriesPerSlice: 1_000, wordsPerSlice: 8_000 };

interface Builder {
  readonly wordIds: Map<string, number>;
  readonly words: string[];
  /** (word id, name id) pairs in name order: laid out per word once every name is in. */
  readonly postingWords: number[];
  readonly postingNames: number[];
  readonly nameEntry: number[];
  readonly nameSource: number[];
  readonly nameJoined: number[];
  readonly nameWordStart: number[];
  readonly nameWords: number[];
  readonly namePartlyPosted: number[];
}

/** Builds the index of the given lists (usually `activeLists(set)`). Pure: the lists are not changed. */
export function buildScreeningIndex(lists: IndexedLists): ScreeningIndex {
  return startIndexBuild(lists).finish();
}

export function startIndexBuild(lists: IndexedLists, sizes: IndexSlices = indexSlicesDefault): IndexBuild {
  const slices = buildSlices(lists, sizes);
  let index: ScreeningIndex | null = null;
  const step = (): boolean => {
    if (index !== null) return true;
    const next = slices.next();
    if (next.done === true) index = next.value;
    return index !== null;
  };
  return {
    lists,
    step,
    get done() {
      return index !== null;
    },
    finish() {
      while (!step());
      if (index === null) throw new Error('index build ended without an index');
      return index;
    },
  };
}

function* buildSlices(lists: IndexedLists, { entriesPerSlice, wordsPerSlice }: IndexSlices): Generator<void, ScreeningIndex, void> {
  const builder: Builder = { wordIds: new Map(), words: [], postingWords: [], postingNames: [], nameEntry: [], nameSource: [], nameJoined: [], nameWordStart: [0], nameWords: [], namePartlyPosted: [] };
  const entries: IndexedEntry[] = [];
  for (const { version, list } of lists) {
    for (const entry of list.entries) {
      const entryIndex = entries.length;
      entries.push({ version, entry });
      for (const name of listedNames(entry)) addName(builder, entryIndex, name.source, name.joined, name.words);
      if (entries.length % entriesPerSlice === 0) yield;
    }
  }
  const { words } = builder;
  const wordGeneric = new Uint8Array(words.length);
  const wordVowelless = new Uint8Array(words.length);
  const wordMask = new Int32Array(words.length);
  const wordLength = new Int32Array(words.length);
  const keys = new KeyTableBuilder();
  const buffer = keyBuffer();
  for (let wordId = 0; wordId < words.length; wordId += 1) {
    const word = words[wordId]!;
    wordGeneric[wordId] = isGenericWord(word) ? 1 : 0;
    wordVowelless[wordId] = isVowelless(word) ? 1 : 0;
    wordMask[wordId] = characterMask(word);
    wordLength[wordId] = word.length;
    collectBlockingKeys(word, buffer);
    for (let k = 0; k < buffer.count; k += 1) keys.add(buffer.high[k]!, buffer.low[k]!, wordId);
    for (const key of buffer.strings) keys.addLong(key, wordId);
    if ((wordId + 1) % wordsPerSlice === 0) yield;
  }
  yield;
  const keyTable = yield* keys.build(wordsPerSlice * 8);
  yield;
  const { starts: wordNameStart, values: wordNames } = groupBy(words.length, builder.postingWords, builder.postingNames);
  yield;
  return {
    entries,
    nameEntry: Int32Array.from(builder.nameEntry),
    nameSource: Int32Array.from(builder.nameSource),
    nameJoined: Uint8Array.from(builder.nameJoined),
    nameWordStart: Int32Array.from(builder.nameWordStart),
    nameWords: Int32Array.from(builder.nameWords),
    namePartlyPosted: Uint8Array.from(builder.namePartlyPosted),
    nameNeed: Uint8Array.from(builder.namePartlyPosted, (partly, nameId) => (partly === 1 ? 1 : Math.min(2, builder.nameWordStart[nameId + 1]! - builder.nameWordStart[nameId]!))),
    words,
    wordIds: builder.wordIds,
    wordGeneric,
    wordVowelless,
    wordMask,
    wordLength,
    wordNameStart,
    wordNames,
    keys: keyTable,
    ...bicIndex(entries),
  };
}

/** Counting sort of (group, value) pairs: group g's values, in the order given, are values[starts[g] .. starts[g + 1]]. */
function groupBy(groups: number, groupOf: readonly number[], valueOf: readonly number[]): { starts: Int32Array; values: Int32Array } {
  const starts = new Int32Array(groups + 1);
  for (const group of groupOf) starts[group + 1] = starts[group + 1]! + 1;
  for (let g = 0; g < groups; g += 1) starts[g + 1] = starts[g + 1]! + starts[g]!;
  const next = starts.slice(0, groups);
  const values = new Int32Array(groupOf.length);
  for (let i = 0; i < groupOf.length; i += 1) {
    const group = groupOf[i]!;
    values[next[group]!] = valueOf[i]!;
    next[group] = next[group]! + 1;
  }
  return { starts, values };
}

function addName(builder: Builder, entryIndex: number, source: number, joined: boolean, words: readonly string[]): void {
  const nameId = builder.nameEntry.length;
  builder.nameEntry.push(entryIndex);
  builder.nameSource.push(source);
  builder.nameJoined.push(joined ? 1 : 0);
  const allGeneric = words.every(isGenericWord);
  let partlyPosted = 0;
  for (const word of words) {
    const wordId = wordIdOf(builder, word);
    builder.nameWords.push(wordId);
    if (allGeneric || !isGenericWord(word)) {
      builder.postingWords.push(wordId);
      builder.postingNames.push(nameId);
    }
    else partlyPosted = 1;
  }
  builder.namePartlyPosted.push(partlyPosted);
  builder.nameWordStart.push(builder.nameWords.length);
}

function wordIdOf(builder: Builder, word: string): number {
  const known = builder.wordIds.get(word);
  if (known !== undefined) return known;
  const wordId = builder.words.length;
  builder.wordIds.set(word, wordId);
  builder.words.push(word);
  return wordId;
}

function bicIndex(entries: readonly IndexedEntry[]): Pick<ScreeningIndex, 'bicInstitutions' | 'bicBranches'> {
  const bicInstitutions = new Map<string, BicListing[]>();
  const bicBranches = new Map<string, BicListing[]>();
  entries.forEach(({ entry }, entryIndex) => {
    for (const listedBic of entry.bics) {
      const { key, wholeInstitution } = listedBicKey(listedBic);
      const map = wholeInstitution ? bicInstitutions : bicBranches;
      const listings = map.get(key);
      if (listings === undefined) map.set(key, [{ entryIndex, listedBic }]);
      else listings.push({ entryIndex, listedBic });
    }
  });
  return { bicInstitutions, bicBranches };
}
