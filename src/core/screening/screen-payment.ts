import { paymentBicKeys } from './bic.js';
import { bestPerEntryAndField, type Hit, type RankedHit } from './hits.js';
import { hitsPerPaymentMax, screenedFieldLengthMax, screenedTokensMax, screenedValuesPerFieldMax } from './limits.js';
import { queryForms } from './listed-names.js';
import { matchWords } from './match-words.js';
import type { IndexedEntry, ScreeningIndex } from './name-index.js';
import { defaultScreeningOptions, optionsValid, type ScreeningOptions } from './options.js';
import { screenedBics, screenedTexts, type PaymentToScreen, type ScreenedText } from './payment.js';
import type { ScreeningFailureCode } from './result-codes.js';
import { isBic } from './values.js';
import { scratchOf } from './word-candidates.js';

/** `clear`: nothing on the lists that apply. `hit`: a person must look, with every hit explained. */
export type Screening =
  | { readonly ok: true; readonly decision: 'clear' | 'hit'; readonly hits: readonly Hit[]; readonly hitsOmitted: number }
  | { readonly ok: false; readonly code: ScreeningFailureCode; readonly field: string };

/**
 * Screens one payment against the index: every party name, address and remittance text against
 * every listed name and alias, every agent BIC against every listed BIC. Pure: the same index,
 * payment and options always give the same answer.
 */
export function screenPayment(index: ScreeningIndex, payment: PaymentToScreen, options: ScreeningOptions = defaultScreeningOptions): Screening {
  if (!optionsValid(options)) return { ok: false, code: 'options_invalid', field: '' };
  const texts = screenedTexts(payment);
  const bics = screenedBics(payment);
  const tooLong = texts.find((t) => t.text.length > screenedFieldLengthMax || t.lines > screenedValuesPerFieldMax);
  if (tooLong !== undefined) return { ok: false, code: 'screened_field_too_long', field: tooLong.field };
  if ((payment.intermediaryAgents?.length ?? 0) > screenedValuesPerFieldMax) return { ok: false, code: 'screened_field_too_long', field: 'intermediaryAgents' };
  const badBic = bics.find((b) => !isBic(b.bic));
  if (badBic !== undefined) return { ok: false, code: 'screened_bic_invalid', field: badBic.field };
  const ranked: RankedHit[] = [];
  for (const text of texts) {
    const found = textHits(index, text, options);
    if (found === null) return { ok: false, code: 'screened_field_too_long', field: text.field };
    ranked.push(...found);
  }
  for (const { field, bic } of bics) ranked.push(...bicHits(index, field, bic, options));
  const hits = bestPerEntryAndField(ranked);
  return { ok: true, decision: hits.length > 0 ? 'hit' : 'clear', hits: hits.slice(0, hitsPerPaymentMax), hitsOmitted: Math.max(0, hits.length - hitsPerPaymentMax) };
}

/** Null when the text has more words than are matched: refused, never cut, so no name hides past the cut. */
function textHits(index: ScreeningIndex, text: ScreenedText, options: ScreeningOptions): RankedHit[] | null {
  const forms = queryForms(text.text, text.kind);
  if ((forms[0]?.length ?? 0) > screenedTokensMax) return null;
  const scratch = scratchOf(index);
  const ranked: RankedHit[] = [];
  for (const words of forms) {
    for (const { nameId, match } of matchWords(index, scratch, words, text.kind, options)) {
      const entryIndex = index.nameEntry[nameId] ?? -1;
      const indexed = index.entries[entryIndex];
      if (indexed === undefined || !applies(indexed, options)) continue;
      const source = index.nameSource[nameId] ?? 0;
      const joined = index.nameJoined[nameId] === 1;
      const { entry } = indexed;
      const listedName = (source === 0 ? entry.primaryName : entry.aliases[source - 1]) ?? '';
      ranked.push({
        entryIndex, source, joined,
        hit: { kind: 'name', ...identity(indexed), field: text.field, score: match.score, fieldText: text.text, listedName, nameKind: source === 0 ? 'primary' : 'alias', joinedForm: joined, words: match.pairs },
      });
    }
  }
  return ranked;
}

function bicHits(index: ScreeningIndex, field: string, bic: string, options: ScreeningOptions): RankedHit[] {
  const { institution, branch } = paymentBicKeys(bic);
  const ofInstitution = index.bicInstitutions.get(institution);
  const ofBranch = branch === null ? undefined : index.bicBranches.get(branch);
  if (ofInstitution === undefined && ofBranch === undefined) return [];
  const ranked: RankedHit[] = [];
  for (const { entryIndex, listedBic } of [...(ofInstitution ?? []), ...(ofBranch ?? [])]) {
    const indexed = index.entries[entryIndex];
    if (indexed === undefined || !applies(indexed, options)) continue;
    ranked.push({ entryIndex, source: 0, joined: false, hit: { kind: 'bic', ...identity(indexed), field, score: 1, bic, listedBic } });
  }
  return ranked;
}

function applies(indexed: IndexedEntry, options: ScreeningOptions): boolean {
  return options.listIds === undefined || options.listIds.has(indexed.entry.listId);
}

function identity(indexed: IndexedEntry) {
  return { listId: indexed.entry.listId, version: indexed.version, entryId: indexed.entry.entryId, entityType: indexed.entry.entityType };
}
