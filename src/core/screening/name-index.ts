import { listedBicKey } from './bic.js';
import { listedNames } from './listed-names.js';
import { isGenericWord } from './normalise.js';
import { blockingKeys, isVowelless } from './token-keys.js';
import { characterMask } from './jaro-winkler.js';
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
  readonly wordGeneric: Uint8Array;
  /** 1 for a listed word written without vowels (token-keys.ts isVowelless), so matching need not test it again. */
  readonly wordVowelless: Uint8Array;
  /** Each listed word's characterMask and length: a cheap bound that skips most Jaro–Winkler computations. */
  readonly wordMask: Int32Array;
  readonly wordLength: Int32Array;
  /**
   * Word id → the names it can make a candidate: names containing it as a distinctive word, or
   * all-generic names containing it; a name once per position the word holds in it, so counting
   * postings counts agreeing positions.
   */
  readonly wordNames: readonly Int32Array[];
  /** 1 for a name with generic words among distinctive ones: its generic positions are posted nowhere. */
  readonly namePartlyPosted: Uint8Array;
  /** Blocking key → word ids. */
  readonly keyWords: ReadonlyMap<string, Int32Array>;
  /** Listed BICs covering a whole institution, by BIC8; listed branch BICs, by BIC11. */
  readonly bicInstitutions: ReadonlyMap<string, readonly BicListing[]>;
  readonly bicBranches: ReadonlyMap<string, readonly BicListing[]>;
}

interface Builder {
  readonly wordIds: Map<string, number>;
  readonly words: string[];
  readonly postings: number[][];
  readonly nameEntry: number[];
  readonly nameSource: number[];
  readonly nameJoined: number[];
  readonly nameWordStart: number[];
  readonly nameWords: number[];
  readonly namePartlyPosted: number[];
}

/** Builds the index of the given lists (usually `activeLists(set)`). Pure: the lists are not changed. */
export function buildScreeningIndex(lists: readonly { readonly version: string; readonly list: WatchList }[]): ScreeningIndex {
  const builder: Builder = { wordIds: new Map(), words: [], postings: [], nameEntry: [], nameSource: [], nameJoined: [], nameWordStart: [0], nameWords: [], namePartlyPosted: [] };
  const entries: IndexedEntry[] = [];
  for (const { version, list } of lists) {
    for (const entry of list.entries) {
      const entryIndex = entries.length;
      entries.push({ version, entry });
      for (const name of listedNames(entry)) addName(builder, entryIndex, name.source, name.joined, name.words);
    }
  }
  const wordGeneric = Uint8Array.from(builder.words, (word) => (isGenericWord(word) ? 1 : 0));
  return {
    entries,
    nameEntry: Int32Array.from(builder.nameEntry),
    nameSource: Int32Array.from(builder.nameSource),
    nameJoined: Uint8Array.from(builder.nameJoined),
    nameWordStart: Int32Array.from(builder.nameWordStart),
    nameWords: Int32Array.from(builder.nameWords),
    namePartlyPosted: Uint8Array.from(builder.namePartlyPosted),
    words: builder.words,
    wordGeneric,
    wordVowelless: Uint8Array.from(builder.words, (word) => (isVowelless(word) ? 1 : 0)),
    wordMask: Int32Array.from(builder.words, characterMask),
    wordLength: Int32Array.from(builder.words, (word) => word.length),
    wordNames: builder.postings.map((names) => Int32Array.from(names)),
    keyWords: keyIndex(builder.words),
    ...bicIndex(entries),
  };
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
    if (allGeneric || !isGenericWord(word)) builder.postings[wordId]?.push(nameId);
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
  builder.postings.push([]);
  return wordId;
}

function keyIndex(words: readonly string[]): Map<string, Int32Array> {
  const lists = new Map<string, number[]>();
  words.forEach((word, wordId) => {
    for (const key of blockingKeys(word)) {
      const list = lists.get(key);
      if (list === undefined) lists.set(key, [wordId]);
      else list.push(wordId);
    }
  });
  const keys = new Map<string, Int32Array>();
  for (const [key, list] of lists) keys.set(key, Int32Array.from(list));
  return keys;
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
