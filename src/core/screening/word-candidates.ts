import type { ScreeningIndex } from './name-index.js';
import { blockingKeys } from './token-keys.js';
import { tokenScore } from './token-score.js';

/** Listed word id → agreement (> 0) with one payment word. */
export type Agreements = ReadonlyMap<number, number>;

/**
 * Per-index working memory. Screening is single-threaded and never re-entered, so one scratch per
 * index serves every call; nothing in it changes an answer, only how fast it comes.
 */
export interface Scratch {
  readonly nameStamp: Int32Array;
  readonly wordStamp: Int32Array;
  epoch: number;
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
    scratch = { nameStamp: new Int32Array(names), wordStamp: new Int32Array(index.words.length), epoch: 0, agreements: new Map(), tokenThreshold: Number.NaN };
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
  for (const key of blockingKeys(word)) {
    const wordIds = index.keyWords.get(key);
    if (wordIds === undefined) continue;
    for (const wordId of wordIds) {
      if (found.has(wordId)) continue;
      found.set(wordId, tokenScore(word, index.words[wordId] ?? '', tokenThreshold));
    }
  }
  for (const [wordId, score] of found) if (score === 0) found.delete(wordId);
  if (scratch.agreements.size >= agreementsCachedMax) scratch.agreements.clear();
  scratch.agreements.set(word, found);
  return found;
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
