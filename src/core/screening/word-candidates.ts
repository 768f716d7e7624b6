import type { ScreeningIndex } from './name-index.js';
import { blockingKeys, isVowelless } from './token-keys.js';
import { isNumber, tokenScore } from './token-score.js';
import { characterBit, jaroWinklerBound } from './jaro-winkler.js';

/** Room for rounding in the bound's comparison: a word is skipped only when clearly below the threshold. */
const boundSlack = 1e-9;

/** Listed word id → agreement (> 0) with one payment word. */
export type Agreements = ReadonlyMap<number, number>;

/**
 * Per-index working memory. Screening is single-threaded and never re-entered, so one scratch per
 * index serves every call; nothing in it changes an answer, only how fast it comes.
 */
export interface Scratch {
  readonly nameStamp: Int32Array;
  /** Agreeing positions counted per name in the current epoch (valid where nameStamp is the epoch). */
  readonly nameCount: Uint8Array;
  /** Names met in the current epoch, in the order met. */
  readonly touched: number[];
  readonly wordStamp: Int32Array;
  epoch: number;
  /** Listed words scored for the payment word being looked up (its own epoch: lookups happen inside a name's epoch). */
  readonly scoreStamp: Int32Array;
  scoreEpoch: number;
  /** The looked-up word's characterBit per position. */
  queryBits: Int32Array;
  /** Payment words seen recently, with their agreements: payment traffic repeats names, and this is most of the work. */
  readonly agreements: Map<string, Agreements>;
  tokenThreshold: number;
}

/** Payment words remembered with their agreements; the memo is emptied when full. */
export const agreementsCachedMax = 200_000;

const scratches = new WeakMap<ScreeningIndex, Scratch>();

export function scratchOf(index: ScreeningIndex): Scratch {
  let scratch = scratches.get(index);
  if (scratch === undefined) {
    const names = index.nameEntry.length;
    scratch = { nameStamp: new Int32Array(names), nameCount: new Uint8Array(names), touched: [], wordStamp: new Int32Array(index.words.length), epoch: 0, scoreStamp: new Int32Array(index.words.length), scoreEpoch: 0, queryBits: new Int32Array(64), agreements: new Map(), tokenThreshold: Number.NaN };
    scratches.set(index, scratch);
  }
  return scratch;
}

/** The listed words a payment word agrees with: those sharing a blocking key and scoring at least the token threshold. */
export function agreementsOf(index: ScreeningIndex, scratch: Scratch, word: string, tokenThreshold: number): Agreements {
  if (scratch.tokenThreshold !== tokenThreshold) {
    scratch.agreements.clear();
    scratch.tokenThreshold = tokenThreshold;
  }
  const cached = scratch.agreements.get(word);
  if (cached !== undefined) return cached;
  const found = new Map<number, number>();
  const vowelless = isVowelless(word);
  const bits = scratch.queryBits.length >= word.length ? scratch.queryBits : (scratch.queryBits = new Int32Array(word.length * 2));
  for (let i = 0; i < word.length; i += 1) bits[i] = characterBit(word.charCodeAt(i));
  const { wordMask, wordLength, wordVowelless } = index;
  // A listed word under several of the word's keys is scored once: stamped with this call's epoch.
  const stamp = nextScoreEpoch(scratch);
  const scored = scratch.scoreStamp;
  for (const key of blockingKeys(word)) {
    const wordIds = index.keyWords.get(key);
    if (wordIds === undefined) continue;
    for (let i = 0; i < wordIds.length; i += 1) {
      const wordId = wordIds[i]!;
      if (scored[wordId] === stamp) continue;
      scored[wordId] = stamp;
      const listedVowelless = wordVowelless[wordId] === 1;
      // Skipped only when even a perfect alignment of the shared characters stays below the
      // threshold; the vowel-less rule can agree without Jaro–Winkler, so those words are scored.
      if (!vowelless && !listedVowelless) {
        const mask = wordMask[wordId]!;
        let shared = 0;
        for (let i = 0; i < word.length; i += 1) if ((mask & bits[i]!) !== 0) shared += 1;
        const matchesMax = Math.min(shared, wordLength[wordId]!);
        if (jaroWinklerBound(matchesMax, word.length, wordLength[wordId]!) < tokenThreshold - boundSlack) continue;
      }
      const score = tokenScore(word, index.words[wordId] ?? '', tokenThreshold, vowelless, listedVowelless);
      if (score > 0) found.set(wordId, score);
    }
  }
  // Numbers rarely repeat (invoice numbers) and cost little: remembering them would only push names out.
  if (isNumber(word)) return found;
  if (scratch.agreements.size >= agreementsCachedMax) scratch.agreements.clear();
  scratch.agreements.set(word, found);
  return found;
}

function nextScoreEpoch(scratch: Scratch): number {
  if (scratch.scoreEpoch >= 0x7fffffff) {
    scratch.scoreStamp.fill(0);
    scratch.scoreEpoch = 0;
  }
  scratch.scoreEpoch += 1;
  return scratch.scoreEpoch;
}

/** Starts a new stamp epoch, so stamps from earlier calls count as unset without clearing the arrays. */
export function nextEpoch(scratch: Scratch): number {
  if (scratch.epoch >= 0x7fffffff) {
    scratch.nameStamp.fill(0);
    scratch.wordStamp.fill(0);
    scratch.epoch = 0;
  }
  scratch.epoch += 1;
  return scratch.epoch;
}
