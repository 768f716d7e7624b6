import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { buildScreeningIndex } from './name-index.js';
import { screenPayment } from './screen-payment.js';
import { entry, list, screenByScan } from './test-support.js';
import { scratchOf } from './word-candidates.js';

/** Words from a small alphabet-like pool, so random names often share, nearly share, or split words. */
const syllables = ['ka', 'li', 'mo', 'ser', 'ban', 'iv', 'an', 'ov', 'pet', 'ro', 'al', 'bin', 'sh', 'x', 'y', 'ii', 'bank', 'trading', 'ooo', 'llc', 'de'];
const word = fc.array(fc.constantFrom(...syllables), { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
const name = fc.array(word, { minLength: 1, maxLength: 5 }).map((words) => words.join(' '));
const bic = fc.tuple(fc.constantFrom('SABR', 'MELI', 'ABCD'), fc.constantFrom('RU', 'IR'), fc.constantFrom('MM', 'TH'), fc.constantFrom('', 'XXX', '012', 'A01'))
  .map(([a, b, c, d]) => `${a}${b}${c}${d}`);
const listEntry = fc.record({ primaryName: name, aliases: fc.array(name, { maxLength: 3 }), bics: fc.array(bic, { maxLength: 2 }) });
const payment = fc.record({
  debtor: fc.record({ name, addressLines: fc.array(name, { maxLength: 2 }) }),
  creditor: fc.record({ name }),
  ultimateCreditor: fc.record({ name }),
  remittanceInformation: fc.array(name, { maxLength: 2 }),
  creditorAgent: bic,
  intermediaryAgents: fc.array(bic, { maxLength: 2 }),
});
const thresholds = fc.record({ tokenThreshold: fc.constantFrom(0.7, 0.8, 0.85), nameThreshold: fc.constantFrom(0.85, 0.9, 0.95) });

void describe('the index', () => {
  void it('gives exactly the hits of a scan over every entry, name form and word pair, on random lists and payments', () => {
    fc.assert(
      fc.property(fc.array(listEntry, { minLength: 1, maxLength: 30 }), fc.array(payment, { minLength: 1, maxLength: 5 }), thresholds, (entries, payments, options) => {
        const index = buildScreeningIndex([list(entries.map((e, i) => entry({ ...e, entryId: `E${i}` })))]);
        for (const p of payments) assert.deepEqual(screenPayment(index, p, options), screenByScan(index, p, options));
      }),
      { numRuns: 150 },
    );
  });

  void it('with a word memo of a few words, whose generations turn over many times, still gives the scan; the memo stays bounded', () => {
    fc.assert(
      fc.property(fc.array(listEntry, { minLength: 1, maxLength: 20 }), fc.array(payment, { minLength: 5, maxLength: 20 }), (entries, payments) => {
        const index = buildScreeningIndex([list(entries.map((e, i) => entry({ ...e, entryId: `E${i}` })))]);
        const scratch = scratchOf(index);
        scratch.agreementsGenerationMax = 3;
        const options = { nameThreshold: 0.85, tokenThreshold: 0.8 };
        // Twice over: the second pass meets words in the young generation, the old one, or neither.
        for (const p of [...payments, ...payments]) {
          assert.deepEqual(screenPayment(index, p, options), screenByScan(index, p, options));
          assert.ok(scratch.agreements.size <= 3 && scratch.agreementsOld.size <= 3);
        }
      }),
      { numRuns: 100 },
    );
  });

  void it('restricted to some lists, gives the scan restricted to the same lists', () => {
    fc.assert(
      fc.property(fc.array(listEntry, { minLength: 1, maxLength: 10 }), fc.array(listEntry, { minLength: 1, maxLength: 10 }), payment, (a, b, p) => {
        const index = buildScreeningIndex([list(a.map((e, i) => entry({ ...e, entryId: `A${i}` })), 'LA'), list(b.map((e, i) => entry({ ...e, entryId: `B${i}` })), 'LB')]);
        const options = { nameThreshold: 0.85, tokenThreshold: 0.8, listIds: new Set(['LB']) };
        const screening = screenPayment(index, p, options);
        assert.deepEqual(screening, screenByScan(index, p, options));
        assert.ok(screening.ok && screening.hits.every((h) => h.listId === 'LB'));
      }),
      { numRuns: 100 },
    );
  });
});
