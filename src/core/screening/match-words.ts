import { genericWordWeight } from './legal-forms.js';
import { withGenericFlags } from './listed-names.js';
import type { ScreeningIndex } from './name-index.js';
import { scoreName, type FieldKind, type NameScore, type Words } from './name-score.js';
import type { ScreeningOptions } from './options.js';
import { agreementsOf, agreementWith, markCount, markEpoch, markNeed, nameMarkOf, nextEpoch, type Agreements, type Scratch } from './word-candidates.js';

export interface NameMatch {
  readonly nameId: number;
  readonly match: NameScore;
}

/**
 * The listed names one form of a payment text hits. Candidates are the names posted under a listed
 * word that agrees with a payment word (name-index.ts), so the list is never scanned; each is then
 * scored in full, exactly as a scan would score it.
 */
export function matchWords(index: ScreeningIndex, scratch: Scratch, words: readonly string[], kind: FieldKind, options: ScreeningOptions): NameMatch[] {
  const agreements = words.map((word) => agreementsOf(index, scratch, word, options.tokenThreshold));
  const epoch = nextEpoch(scratch);
  const candidates = candidateNames(index, scratch, agreements, epoch);
  if (candidates.length === 0) return [];
  const query = withGenericFlags(words);
  const matches: NameMatch[] = [];
  for (const nameId of candidates) {
    const start = index.nameWordStart[nameId]!;
    const end = index.nameWordStart[nameId + 1]!;
    // Names with generic words were let through on their posted count: check every position.
    if (index.namePartlyPosted[nameId] === 1 && agreeingPositions(index, scratch, start, end, epoch) < Math.min(2, end - start)) continue;
    if (scoreBound(index, query, agreements, start, end, kind) < options.nameThreshold - boundSlack) continue;
    const wordIds = index.nameWords.subarray(start, end);
    const listed: Words = { words: Array.from(wordIds, (id) => index.words[id] ?? ''), generic: Array.from(wordIds, (id) => index.wordGeneric[id] === 1) };
    const pairScore = (q: number, l: number) => agreementWith(agreements[q]!, wordIds[l]!);
    const match = scoreName(query, listed, pairScore, kind, options.nameThreshold);
    if (match !== null) matches.push({ nameId, match });
  }
  return matches;
}

/** Room for rounding: the bound sums the same kind of terms in another order. */
const boundSlack = 1e-9;

/**
 * At least the score scoreName would give (name-score.ts): each side's coverage with every word
 * paired with its best partner, as if no word were used twice. Most candidates (7 per payment on
 * the bench, 1 in 20 a hit) stop here, before scoreName builds its pairs.
 */
function scoreBound(index: ScreeningIndex, query: Words, agreements: readonly Agreements[], start: number, end: number, kind: FieldKind): number {
  let listedFound = 0;
  let listedTotal = 0;
  for (let l = start; l < end; l += 1) {
    const wordId = index.nameWords[l]!;
    let best = 0;
    for (const agreeing of agreements) best = Math.max(best, agreementWith(agreeing, wordId));
    const weight = index.wordGeneric[wordId] === 1 ? genericWordWeight : 1;
    listedFound += best * weight;
    listedTotal += weight;
  }
  const listedBound = listedFound / listedTotal;
  if (kind !== 'name') return listedBound;
  let queryFound = 0;
  let queryTotal = 0;
  for (let q = 0; q < agreements.length; q += 1) {
    let best = 0;
    for (let l = start; l < end; l += 1) best = Math.max(best, agreementWith(agreements[q]!, index.nameWords[l]!));
    const weight = query.generic[q] === true ? genericWordWeight : 1;
    queryFound += best * weight;
    queryTotal += weight;
  }
  return Math.max(listedBound, queryTotal === 0 ? 0 : queryFound / queryTotal);
}

/**
 * How many of a name's words agree with some payment word (every agreeing listed word was stamped
 * with this epoch by candidateNames): scoreName needs two (one for a one-word name), so this skips it cheaply.
 */
function agreeingPositions(index: ScreeningIndex, scratch: Scratch, start: number, end: number, epoch: number): number {
  let count = 0;
  for (let i = start; i < end; i += 1) if (scratch.wordStamp[index.nameWords[i]!] === epoch) count += 1;
  return count;
}

/**
 * Names posted under an agreeing listed word, with how many of their posted positions agree
 * (each agreeing listed word counted once, each name once per position it holds the word in).
 * A name needs min(2, its length) agreeing posted positions (`nameNeed`), or one if it has generic
 * positions (posted nowhere: checked exactly afterwards). Most names met share one word with the
 * payment and never reach their need. Candidates come in the order they reach it.
 */
function candidateNames(index: ScreeningIndex, scratch: Scratch, agreements: readonly Agreements[], epoch: number): number[] {
  const { nameMark, wordStamp } = scratch;
  const { wordNameStart, wordNames } = index;
  const candidates: number[] = [];
  for (const { wordIds } of agreements) {
    for (let a = 0; a < wordIds.length; a += 1) {
      const wordId = wordIds[a]!;
      if (wordStamp[wordId] === epoch) continue;
      wordStamp[wordId] = epoch;
      const end = wordNameStart[wordId + 1]!;
      for (let i = wordNameStart[wordId]!; i < end; i += 1) {
        const nameId = wordNames[i]!;
        const mark = nameMark[nameId]!;
        const need = markNeed(mark);
        // The count stops at the name's need: a candidate once, when it gets there.
        const count = markEpoch(mark) === epoch ? markCount(mark) + 1 : 1;
        if (count > need) continue;
        nameMark[nameId] = nameMarkOf(epoch, need, count);
        if (count === need) candidates.push(nameId);
      }
    }
  }
  return candidates;
}
