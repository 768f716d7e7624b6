import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bicMatches } from './bic.js';
import { jaroWinkler } from './jaro-winkler.js';
import { buildScreeningIndex } from './name-index.js';
import { nameWords } from './normalise.js';
import { screenPayment } from './screen-payment.js';
import { entry, list } from './test-support.js';

const index = buildScreeningIndex([
  list([entry({ entryId: 'B1', primaryName: 'Listed Bank', bics: ['SABRRUMM'] }), entry({ entryId: 'B2', primaryName: 'Branch Only', bics: ['MELIIRTH012'] })], 'OFAC'),
  list([entry({ entryId: 'P1', entityType: 'individual', primaryName: 'Viktor Petrenko' })], 'UK'),
]);

function hitsOf(payment: Parameters<typeof screenPayment>[1], listIds?: ReadonlySet<string>): string[] {
  const screening = screenPayment(index, payment, { nameThreshold: 0.9, tokenThreshold: 0.85, ...(listIds === undefined ? {} : { listIds }) });
  assert.ok(screening.ok);
  return screening.hits.map((h) => `${h.entryId}@${h.field}`);
}

void describe('screenPayment', () => {
  void it('matches a listed BIC8 to every branch, and a listed branch BIC to that branch only', () => {
    assert.deepEqual(hitsOf({ debtorAgent: 'SABRRUMM' }), ['B1@debtorAgent']);
    assert.deepEqual(hitsOf({ creditorAgent: 'sabrrummxxx' }), ['B1@creditorAgent']);
    assert.deepEqual(hitsOf({ intermediaryAgents: ['DEUTDEFF', 'SABRRUMM123'] }), ['B1@intermediaryAgents[1]']);
    assert.deepEqual(hitsOf({ creditorAgent: 'MELIIRTH012' }), ['B2@creditorAgent']);
    assert.deepEqual(hitsOf({ creditorAgent: 'MELIIRTH' }), []);
    assert.deepEqual(hitsOf({ creditorAgent: 'MELIIRTH013' }), []);
    assert.ok(bicMatches('SABRRUMMXXX', 'SABRRUMM001') && !bicMatches('SABRRUMM001', 'SABRRUMM'));
  });

  void it('screens every party, address and remittance field, and names the field of each hit', () => {
    const hits = hitsOf({
      debtor: { name: 'Acme', addressLines: ['c/o Viktor', 'Petrenko, Kyiv'] },
      ultimateCreditor: { name: 'PETRENKO Viktor' },
      remittanceInformation: ['invoice 7 Listed', 'Bank'],
    });
    assert.deepEqual(hits.sort(), ['B1@remittanceInformation', 'P1@debtor.address', 'P1@ultimateCreditor.name']);
  });

  void it('screens only against the lists that apply to the participant', () => {
    assert.deepEqual(hitsOf({ creditor: { name: 'Viktor Petrenko' } }, new Set(['OFAC'])), []);
    assert.deepEqual(hitsOf({ creditor: { name: 'Viktor Petrenko' } }, new Set(['UK'])), ['P1@creditor.name']);
  });

  void it('clears an innocent payment and refuses fields it cannot screen whole', () => {
    const clear = screenPayment(index, { debtor: { name: 'John Smith' }, creditorAgent: 'DEUTDEFF' });
    assert.deepEqual(clear, { ok: true, decision: 'clear', hits: [], hitsOmitted: 0 });
    assert.deepEqual(screenPayment(index, { creditor: { name: 'x'.repeat(5000) } }), { ok: false, code: 'screened_field_too_long', field: 'creditor.name' });
    assert.deepEqual(screenPayment(index, { remittanceInformation: [Array(300).fill('w').join(' ')] }), { ok: false, code: 'screened_field_too_long', field: 'remittanceInformation' });
    assert.deepEqual(screenPayment(index, { debtorAgent: 'NOT A BIC' }), { ok: false, code: 'screened_bic_invalid', field: 'debtorAgent' });
    assert.deepEqual(screenPayment(index, {}, { nameThreshold: 0.8, tokenThreshold: 0.9 }), { ok: false, code: 'options_invalid', field: '' });
  });
});

void describe('normalisation and similarity', () => {
  void it('drops legal forms in any script at either end, stop words, case, diacritics and punctuation', () => {
    assert.deepEqual(nameWords('ПАО «Сбербанк России»'), ['sberbank', 'rossii']);
    assert.deepEqual(nameWords('Public Joint Stock Company Sberbank of Russia'), ['sberbank', 'russia']);
    assert.deepEqual(nameWords('Siemens GmbH & Co. KG'), ['siemens']);
    assert.deepEqual(nameWords("Seán Ó'Briain"), ['sean', 'obriain']);
    assert.deepEqual(nameWords('李小龙'), ['li', 'xiao', 'long']);
    assert.deepEqual(nameWords('LLC'), ['llc']);
  });

  void it('scores Jaro–Winkler as published (Winkler 1990 examples)', () => {
    assert.equal(jaroWinkler('martha', 'marhta').toFixed(4), '0.9611');
    assert.equal(jaroWinkler('dwayne', 'duane').toFixed(4), '0.8400');
    assert.equal(jaroWinkler('dixon', 'dicksonx').toFixed(4), '0.8133');
    assert.equal(jaroWinkler('abc', 'xyz'), 0);
    assert.equal(jaroWinkler('same', 'same'), 1);
  });
});
