import type { WordPair } from './name-score.js';
import type { EntityType } from './types.js';

interface HitBase {
  readonly listId: string;
  readonly version: string;
  readonly entryId: string;
  readonly entityType: EntityType;
  /** The payment field, as a path: creditor.name, debtor.address, remittanceInformation, creditorAgent … */
  readonly field: string;
  /** 1 for a BIC; the name score otherwise. */
  readonly score: number;
}

/** A listed name (or alias) found in a payment field, with the words that agreed and how well. */
export interface NameHit extends HitBase {
  readonly kind: 'name';
  readonly fieldText: string;
  readonly listedName: string;
  readonly nameKind: 'primary' | 'alias';
  /** Matched as one word ("Sber Bank" ↔ "Sberbank"). */
  readonly joinedForm: boolean;
  readonly words: readonly WordPair[];
}

/** A listed BIC matching an agent of the payment. */
export interface BicHit extends HitBase {
  readonly kind: 'bic';
  readonly bic: string;
  readonly listedBic: string;
}

export type Hit = NameHit | BicHit;

/** A name hit before it is explained: which entry and name form, for deterministic choice between forms. */
export interface RankedHit {
  readonly entryIndex: number;
  readonly source: number;
  readonly joined: boolean;
  readonly hit: Hit;
}

/**
 * One hit per entry and field, the best one: the highest score, then the primary name before
 * aliases, the written form before the joined one, the branch BIC before the institution's. Ties are broken the same way whatever order the
 * hits were found in, so the index and a scan give the same answer.
 */
export function bestPerEntryAndField(ranked: readonly RankedHit[]): Hit[] {
  const best = new Map<string, RankedHit>();
  for (const candidate of ranked) {
    const key = `${candidate.entryIndex}\u0000${candidate.hit.field}`;
    const current = best.get(key);
    if (current === undefined || better(candidate, current)) best.set(key, candidate);
  }
  return [...best.values()].map((r) => r.hit).sort(hitOrder);
}

function better(a: RankedHit, b: RankedHit): boolean {
  if (a.hit.score !== b.hit.score) return a.hit.score > b.hit.score;
  if (a.source !== b.source) return a.source < b.source;
  if (a.joined !== b.joined) return !a.joined;
  // Two listed BICs of one entry matching one agent: the branch BIC is the more specific explanation.
  if (a.hit.kind === 'bic' && b.hit.kind === 'bic') return a.hit.listedBic.length > b.hit.listedBic.length || (a.hit.listedBic.length === b.hit.listedBic.length && a.hit.listedBic < b.hit.listedBic);
  return false;
}

function hitOrder(a: Hit, b: Hit): number {
  return b.score - a.score || compare(a.listId, b.listId) || compare(a.version, b.version) || compare(a.entryId, b.entryId) || compare(a.field, b.field);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
