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

function candidateNames(index: ScreeningIndex, scratch: Scratch, agreements: readonly Agreements[]): number[] {
  const epoch = nextEpoch(scratch);
  const candidates: number[] = [];
  for (const agreeing of agreements) {
    for (const wordId of agreeing.keys()) {
      if (scratch.wordStamp[wordId] === epoch) continue;
      scratch.wordStamp[wordId] = epoch;
      for (const nameId of index.wordNames[wordId] ?? []) {
        if (scratch.nameStamp[nameId] === epoch) continue;
        scratch.nameStamp[nameId] = epoch;
        candidates.push(nameId);
      }
    }
  }
  return candidates;
}
