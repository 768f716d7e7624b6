import { withGenericFlags } from './listed-names.js';
import type { ScreeningIndex } from './name-index.js';
import { scoreName, type FieldKind, type NameScore, type Words } from './name-score.js';
import type { ScreeningOptions } from './options.js';
import { agreementsOf, nextEpoch, type Agreements, type Scratch } from './word-candidates.js';

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
  const candidates = candidateNames(index, scratch, agreements);
  if (candidates.length === 0) return [];
  const query = withGenericFlags(words);
  const matches: NameMatch[] = [];
  for (const nameId of candidates) {
    const start = index.nameWordStart[nameId] ?? 0;
    const wordIds = index.nameWords.subarray(start, index.nameWordStart[nameId + 1] ?? start);
    if (agreeingPositions(wordIds, agreements) < Math.min(2, wordIds.length)) continue;
    const listed: Words = { words: Array.from(wordIds, (id) => index.words[id] ?? ''), generic: Array.from(wordIds, (id) => index.wordGeneric[id] === 1) };
    const pairScore = (q: number, l: number) => agreements[q]?.get(wordIds[l] ?? -1) ?? 0;
    const match = scoreName(query, listed, pairScore, kind, options.nameThreshold);
    if (match !== null) matches.push({ nameId, match });
  }
  return matches;
}

/** How many of a name's words agree with some payment word: scoreName needs two (one for a one-word name), so this skips it cheaply. */
function agreeingPositions(wordIds: Int32Array, agreements: readonly Agreements[]): number {
  let count = 0;
  for (const wordId of wordIds) if (agreements.some((agreeing) => agreeing.has(wordId))) count += 1;
  return count;
}

/**
 * Names posted under an agreeing listed word, with how many of their posted positions agree
 * (each agreeing listed word counted once, each name once per position it holds the word in).
 * A name needs min(2, its length) agreeing positions: one with fewer posted agreements passes
 * only if its generic positions (posted nowhere) could make up the difference, checked exactly.
 * Most names met share one word with the payment and are dropped on the count alone.
 */
function candidateNames(index: ScreeningIndex, scratch: Scratch, agreements: readonly Agreements[]): number[] {
  const epoch = nextEpoch(scratch);
  const { nameStamp, nameCount, wordStamp, touched } = scratch;
  touched.length = 0;
  for (const agreeing of agreements) {
    for (const wordId of agreeing.keys()) {
      if (wordStamp[wordId] === epoch) continue;
      wordStamp[wordId] = epoch;
      const postings = index.wordNames[wordId];
      if (postings === undefined) continue;
      for (let i = 0; i < postings.length; i += 1) {
        const nameId = postings[i]!;
        if (nameStamp[nameId] !== epoch) {
          nameStamp[nameId] = epoch;
          nameCount[nameId] = 1;
          touched.push(nameId);
        } else if (nameCount[nameId]! < 255) nameCount[nameId] = nameCount[nameId]! + 1;
      }
    }
  }
  const candidates: number[] = [];
  for (const nameId of touched) {
    const length = (index.nameWordStart[nameId + 1] ?? 0) - (index.nameWordStart[nameId] ?? 0);
    if (nameCount[nameId]! >= Math.min(2, length) || index.namePartlyPosted[nameId] === 1) candidates.push(nameId);
  }
  return candidates;
}
