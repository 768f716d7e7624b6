import { genericWordWeight } from './legal-forms.js';

/** The words of a name with, for each, whether it is generic (legal-forms.ts). */
export interface Words {
  readonly words: readonly string[];
  readonly generic: readonly boolean[];
}

/** A payment field is a name (a party's name: coverage both ways) or free text (address, remittance: the listed name must be inside). */
export type FieldKind = 'name' | 'text';

export interface WordPair {
  readonly query: string;
  readonly listed: string;
  readonly score: number;
}

export interface NameScore {
  readonly score: number;
  readonly pairs: readonly WordPair[];
}

/** Agreement of query word `q` with listed word `l` (indices), 0 when they do not agree. */
export type PairScore = (q: number, l: number) => number;

/**
 * Scores a listed name against a payment's words, ignoring word order: each listed word is paired
 * with at most one payment word, best agreements first (a greedy assignment, exact for the few
 * words of a name). The score is the weighted share of the listed name that was found (coverage of
 * the listed name) or, for name fields, of the payment name that was explained (so "Ivan Petrov"
 * hits "Ivan Sergeyevich Petrov"), whichever is higher. Rules that keep innocent names out:
 * a listed name of two or more words needs two agreeing words ("Ivanov" alone hits nothing),
 * and at least one agreeing word must be distinctive (not generic) when the listed name has one.
 */
export function scoreName(query: Words, listed: Words, pairScore: PairScore, kind: FieldKind, nameThreshold: number): NameScore | null {
  const candidates: { q: number; l: number; score: number }[] = [];
  for (let l = 0; l < listed.words.length; l += 1) {
    for (let q = 0; q < query.words.length; q += 1) {
      const score = pairScore(q, l);
      if (score > 0) candidates.push({ q, l, score });
    }
  }
  if (candidates.length < Math.min(2, listed.words.length)) return null;
  candidates.sort((x, y) => y.score - x.score || x.l - y.l || x.q - y.q);
  const queryUsed = new Set<number>();
  const listedUsed = new Set<number>();
  const chosen: { q: number; l: number; score: number }[] = [];
  for (const pair of candidates) {
    if (queryUsed.has(pair.q) || listedUsed.has(pair.l)) continue;
    queryUsed.add(pair.q);
    listedUsed.add(pair.l);
    chosen.push(pair);
  }
  if (chosen.length < Math.min(2, listed.words.length)) return null;
  const listedHasDistinctive = listed.generic.some((generic) => !generic);
  if (listedHasDistinctive && !chosen.some((pair) => listed.generic[pair.l] !== true)) return null;
  const listedCoverage = coverage(chosen, listed, (pair) => pair.l);
  const queryCoverage = kind === 'name' ? coverage(chosen, query, (pair) => pair.q) : 0;
  const score = Math.max(listedCoverage, queryCoverage);
  if (score < nameThreshold) return null;
  chosen.sort((x, y) => x.l - y.l);
  return { score, pairs: chosen.map((pair) => ({ query: query.words[pair.q] ?? '', listed: listed.words[pair.l] ?? '', score: pair.score })) };
}

function weight(words: Words, index: number): number {
  return words.generic[index] === true ? genericWordWeight : 1;
}

function coverage(chosen: readonly { q: number; l: number; score: number }[], side: Words, at: (pair: { q: number; l: number }) => number): number {
  let total = 0;
  for (let i = 0; i < side.words.length; i += 1) total += weight(side, i);
  let found = 0;
  for (const pair of chosen) found += pair.score * weight(side, at(pair));
  return total === 0 ? 0 : found / total;
}
