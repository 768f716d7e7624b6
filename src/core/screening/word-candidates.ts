import type { ScreeningIndex } from './name-index.js';
import { isVowelless } from './token-keys.js';
import { collectBlockingKeys, keyBuffer, type KeyBuffer } from './key-codes.js';
import { slotOf } from './key-table.js';
import { isNumber, tokenScore } from './token-score.js';
import { characterBit, commonPrefix, jaroWinklerBound } from './jaro-winkler.js';

/** Room for rounding in the bound's comparison: a word is skipped only when clearly below the threshold. */
const boundSlack = 1e-9;

/** The listed words one payment word agrees with (in the order found) and how well (> 0). Plain arrays: lighter than typed ones for a few numbers, and the memo keeps 200,000 of them. */
export interface Agreements {
  readonly wordIds: readonly number[];
  readonly scores: readonly number[];
}

/**
 * Per-index working memory. Screening is single-threaded and never re-entered, so one scratch per
 * index serves every call; nothing in it changes an answer, only how fast it comes.
 */
export interface Scratch {
  /** Per name: its need, and the agreeing positions counted in the current epoch up to that need (nameMarkOf: one array, one cache miss per posting). */
  readonly nameMark: Int32Array;
  readonly nameNeed: Uint8Array;
  /** Per listed word: the epoch in which it was last found agreeing with a word of the text matched. */
  readonly wordStamp: Int32Array;
  epoch: number;
  /** Listed words scored for the payment word being looked up (its own epoch: lookups happen inside a name's epoch). */
  readonly scoreStamp: Int32Array;
  scoreEpoch: number;
  /** The looked-up word's characterBit per position. */
  queryBits: Int32Array;
  readonly keys: KeyBuffer;
  readonly foundIds: number[];
  readonly foundScores: number[];
  /**
   * Payment words seen recently, with their agreements: payment traffic repeats names, and this is
   * most of the work. Two generations: when the young one is full it becomes the old one (the
   * previous old one is dropped), and a word found in the old one moves back to the young one. So
   * the words in steady use stay, memory stays bounded, and a full memo never empties at once.
   */
  agreements: Map<string, Agreements>;
  agreementsOld: Map<string, Agreements>;
  /** Words per generation: half of agreementsCachedMax (a field, so a test can make it small). */
  agreementsGenerationMax: number;
  tokenThreshold: number;
}

/** Payment words remembered with their agreements, both generations together (see Scratch.agreements). */
export const agreementsCachedMax = 500_000;

const scratches = new WeakMap<ScreeningIndex, Scratch>();

export function scratchOf(index: ScreeningIndex): Scratch {
  let scratch = scratches.get(index);
  if (scratch === undefined) {
    const words = index.words.length;
    scratch = {
      nameMark: Int32Array.from(index.nameNeed, (need) => nameMarkOf(0, need, 0)), nameNeed: index.nameNeed, wordStamp: new Int32Array(words), epoch: 0, scoreStamp: new Int32Array(words), scoreEpoch: 0,
      queryBits: new Int32Array(64), keys: keyBuffer(), foundIds: [], foundScores: [], agreements: new Map(), agreementsOld: new Map(), agreementsGenerationMax: agreementsCachedMax / 2, tokenThreshold: Number.NaN,
    };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** The listed words a payment word agrees with: those sharing a blocking key and scoring at least the token threshold. */
export function agreementsOf(index: ScreeningIndex, scratch: Scratch, word: string, tokenThreshold: number): Agreements {
  if (scratch.tokenThreshold !== tokenThreshold) {
    scratch.agreements.clear();
    scratch.agreementsOld.clear();
    scratch.tokenThreshold = tokenThreshold;
  }
  // Numbers agree only when equal (token-score.ts), and equal words share every key: one lookup.
  if (isNumber(word)) {
    const wordId = index.wordIds.get(word);
    return wordId === undefined ? noAgreements : { wordIds: [wordId], scores: [1] };
  }
  const cached = scratch.agreements.get(word);
  if (cached !== undefined) return cached;
  const old = scratch.agreementsOld.get(word);
  if (old !== undefined) {
    remember(scratch, word, old);
    return old;
  }
  scratch.foundIds.length = 0;
  scratch.foundScores.length = 0;
  const lookup: Lookup = { word, vowelless: isVowelless(word), stamp: nextScoreEpoch(scratch), tokenThreshold };
  const bits = scratch.queryBits.length >= word.length ? scratch.queryBits : (scratch.queryBits = new Int32Array(word.length * 2));
  for (let i = 0; i < word.length; i += 1) bits[i] = characterBit(word.charCodeAt(i));
  const { keys } = index;
  const buffer = scratch.keys;
  collectBlockingKeys(word, buffer);
  for (let k = 0; k < buffer.count; k += 1) {
    const slot = slotOf(keys, buffer.high[k]!, buffer.low[k]!);
    if (slot < 0) continue;
    const end = keys.slotStart[slot + 1]!;
    for (let i = keys.slotStart[slot]!; i < end; i += 1) consider(index, scratch, lookup, keys.wordIds[i]!);
  }
  for (const key of buffer.strings) {
    const wordIds = keys.longKeys.get(key);
    if (wordIds !== undefined) for (const wordId of wordIds) consider(index, scratch, lookup, wordId);
  }
  const { foundIds, foundScores } = scratch;
  const found: Agreements = foundIds.length === 0 ? noAgreements : { wordIds: foundIds.slice(), scores: foundScores.slice() };
  remember(scratch, word, found);
  return found;
}

function remember(scratch: Scratch, word: string, agreements: Agreements): void {
  if (scratch.agreements.size >= scratch.agreementsGenerationMax) {
    scratch.agreementsOld = scratch.agreements;
    scratch.agreements = new Map();
  }
  scratch.agreements.set(word, agreements);
}

interface Lookup {
  readonly word: string;
  readonly vowelless: boolean;
  /** A listed word under several of the word's keys is scored once: stamped with this lookup's epoch. */
  readonly stamp: number;
  readonly tokenThreshold: number;
}

/** Scores one listed word met under a key of the looked-up word (its characterBits are in scratch.queryBits). */
function consider(index: ScreeningIndex, scratch: Scratch, lookup: Lookup, wordId: number): void {
  const { scoreStamp, queryBits } = scratch;
  if (scoreStamp[wordId] === lookup.stamp) return;
  scoreStamp[wordId] = lookup.stamp;
  const { word, vowelless, tokenThreshold } = lookup;
  const listedVowelless = index.wordVowelless[wordId] === 1;
  const listed = index.words[wordId]!;
  // Skipped only when even a perfect alignment of the shared characters stays below the
  // threshold; the vowel-less rule can agree without Jaro–Winkler, so those words are scored.
  if (!vowelless && !listedVowelless) {
    const mask = index.wordMask[wordId]!;
    const listedLength = index.wordLength[wordId]!;
    let shared = 0;
    for (let i = 0; i < word.length; i += 1) if ((mask & queryBits[i]!) !== 0) shared += 1;
    const matchesMax = Math.min(shared, listedLength);
    if (jaroWinklerBound(matchesMax, word.length, listedLength) < tokenThreshold - boundSlack) return;
    // Then with the prefix the words really share: most words met differ in their first letters.
    if (jaroWinklerBound(matchesMax, word.length, listedLength, commonPrefix(word, listed)) < tokenThreshold - boundSlack) return;
  }
  const score = tokenScore(word, listed, tokenThreshold, vowelless, listedVowelless);
  if (score > 0) {
    scratch.foundIds.push(wordId);
    scratch.foundScores.push(score);
  }
}

const noAgreements: Agreements = { wordIds: [], scores: [] };

/** The agreement of a payment word with a listed word, 0 when they do not agree. */
export function agreementWith(agreements: Agreements, wordId: number): number {
  const { wordIds } = agreements;
  for (let i = 0; i < wordIds.length; i += 1) if (wordIds[i] === wordId) return agreements.scores[i]!;
  return 0;
}

function nextScoreEpoch(scratch: Scratch): number {
  if (scratch.scoreEpoch >= 0x7fffffff) {
    scratch.scoreStamp.fill(0);
    scratch.scoreEpoch = 0;
  }
  scratch.scoreEpoch += 1;
  return scratch.scoreEpoch;
}

/** A name's mark: the epoch (27 bits), the name's need (1 or 2) and its count in that epoch (0 to 2). */
export function nameMarkOf(epoch: number, need: number, count: number): number {
  return (epoch << 4) | (need << 2) | count;
}

export function markEpoch(mark: number): number {
  return mark >>> 4;
}

export function markNeed(mark: number): number {
  return (mark >>> 2) & 3;
}

export function markCount(mark: number): number {
  return mark & 3;
}

const epochMax = 0x7ffffff;

/** Starts a new stamp epoch, so stamps from earlier calls count as unset without clearing the arrays. */
export function nextEpoch(scratch: Scratch): number {
  if (scratch.epoch >= epochMax) {
    for (let nameId = 0; nameId < scratch.nameMark.length; nameId += 1) scratch.nameMark[nameId] = nameMarkOf(0, scratch.nameNeed[nameId]!, 0);
    scratch.wordStamp.fill(0);
    scratch.epoch = 0;
  }
  scratch.epoch += 1;
  return scratch.epoch;
}
