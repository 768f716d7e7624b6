import { bicMatches } from './bic.js';
import { bestPerEntryAndField, type RankedHit } from './hits.js';
import { hitsPerPaymentMax } from './limits.js';
import { listedNames, queryForms, withGenericFlags } from './listed-names.js';
import type { ScreeningIndex } from './name-index.js';
import { scoreName } from './name-score.js';
import { defaultScreeningOptions, type ScreeningOptions } from './options.js';
import { screenedBics, screenedTexts, type PaymentToScreen } from './payment.js';
import type { Screening } from './screen-payment.js';
import { shareBlockingKey } from './token-keys.js';
import { tokenScore } from './token-score.js';
import type { WatchList, WatchListEntry } from './types.js';

export function entry(fields: Partial<WatchListEntry> & Pick<WatchListEntry, 'entryId' | 'primaryName'>): WatchListEntry {
  return { listId: 'TEST', entityType: 'entity', aliases: [], listedOn: null, birthDates: [], countries: [], bics: [], remarks: '', ...fields };
}

export function list(entries: readonly WatchListEntry[], listId = 'TEST'): { version: string; list: WatchList } {
  return { version: 'v1', list: { listId, entries: entries.map((e) => ({ ...e, listId })) } };
}

/**
 * The reference screening: every entry, every name form, every word pair, with no index — only the
 * index's list of entries is reused. The index must give exactly this answer.
 */
export function screenByScan(index: ScreeningIndex, payment: PaymentToScreen, options: ScreeningOptions = defaultScreeningOptions): Screening {
  const ranked: RankedHit[] = [];
  const texts = screenedTexts(payment);
  index.entries.forEach((indexed, entryIndex) => {
    const { entry: e, version } = indexed;
    if (options.listIds !== undefined && !options.listIds.has(e.listId)) return;
    const identity = { listId: e.listId, version, entryId: e.entryId, entityType: e.entityType };
    for (const name of listedNames(e)) {
      const listed = withGenericFlags(name.words);
      for (const text of texts) {
        for (const words of queryForms(text.text, text.kind)) {
          const pairScore = (q: number, l: number) => {
            const [a, b] = [words[q] ?? '', name.words[l] ?? ''];
            return shareBlockingKey(a, b) ? tokenScore(a, b, options.tokenThreshold) : 0;
          };
          const match = scoreName(withGenericFlags(words), listed, pairScore, text.kind, options.nameThreshold);
          if (match === null) continue;
          const listedName = (name.source === 0 ? e.primaryName : e.aliases[name.source - 1]) ?? '';
          const hit = { kind: 'name' as const, ...identity, field: text.field, score: match.score, fieldText: text.text, listedName, nameKind: name.source === 0 ? ('primary' as const) : ('alias' as const), joinedForm: name.joined, words: match.pairs };
          ranked.push({ entryIndex, source: name.source, joined: name.joined, hit });
        }
      }
    }
    for (const { field, bic } of screenedBics(payment)) {
      for (const listedBic of e.bics) if (bicMatches(listedBic, bic)) ranked.push({ entryIndex, source: 0, joined: false, hit: { kind: 'bic', ...identity, field, score: 1, bic, listedBic } });
    }
  });
  const hits = bestPerEntryAndField(ranked);
  return { ok: true, decision: hits.length > 0 ? 'hit' : 'clear', hits: hits.slice(0, hitsPerPaymentMax), hitsOmitted: Math.max(0, hits.length - hitsPerPaymentMax) };
}

/** A seeded generator (Park–Miller), so property failures and benchmarks replay. */
export function seeded(seed: number): () => number {
  let state = seed % 2147483647 || 1;
  return () => {
    state = (state * 48271) % 2147483647;
    return state / 2147483647;
  };
}
