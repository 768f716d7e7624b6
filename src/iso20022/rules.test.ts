import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { NetworkContext } from './network.js';
import { createSchemaStore } from './schemas.js';
import { fixturesDir } from './test-support/sources-table.js';
import { validateIsoFile } from './validate.js';

const schemas = createSchemaStore();
/** A CBPR+ pacs.008.001.08 with AppHdr in a SWIFT Envelope that passes every rule (EUR 750000). */
const sample = readFileSync(`${fixturesDir}samples/phoughton__iso20022-cbpr-ur/test_files/2025/pacs008_credit_transfer_sample.xml`, 'utf8');

function check(xml: string, network?: NetworkContext): { ok: boolean; kinds: string[]; codes: string[]; lines: (number | null)[] } {
  const verdict = validateIsoFile(new TextEncoder().encode(xml), { schemas, network });
  if (verdict.ok) return { ok: true, kinds: [], codes: [], lines: [] };
  return {
    ok: false,
    kinds: verdict.failures.map((f) => f.kind),
    codes: verdict.failures.map((f) => f.code),
    lines: verdict.failures.map((f) => f.line),
  };
}

function edit(from: string, to: string): string {
  assert.ok(sample.includes(from), `sample contains ${from}`);
  return sample.replace(from, to);
}

void describe('business rules after the schema', () => {
  void it('accepts the untouched sample', () => {
    assert.deepEqual(check(sample), { ok: true, kinds: [], codes: [], lines: [] });
  });

  void it('refuses NbOfTxs that does not count the transactions (AM18, on its line)', () => {
    const result = check(edit('<pacs:NbOfTxs>1</pacs:NbOfTxs>', '<pacs:NbOfTxs>2</pacs:NbOfTxs>'));
    assert.deepEqual([result.kinds[0], result.codes[0], result.lines[0]], ['transaction_count_mismatch', 'AM18', 28]);
  });

  void it('refuses a CtrlSum that is not the sum of the amounts (AM10)', () => {
    const result = check(edit('<pacs:NbOfTxs>1</pacs:NbOfTxs>', '<pacs:NbOfTxs>1</pacs:NbOfTxs><pacs:CtrlSum>750000.01</pacs:CtrlSum>'));
    assert.deepEqual(result.codes, ['AM10']);
  });

  void it('accepts a CtrlSum written with other decimals than the currency', () => {
    assert.equal(check(edit('<pacs:NbOfTxs>1</pacs:NbOfTxs>', '<pacs:NbOfTxs>1</pacs:NbOfTxs><pacs:CtrlSum>750000.000</pacs:CtrlSum>')).ok, true);
  });

  void it('refuses more decimals than the currency has, which the XSD allows (AM12)', () => {
    assert.deepEqual(check(edit('Ccy="EUR">750000<', 'Ccy="EUR">750000.001<')).codes, ['AM12']);
    assert.deepEqual(check(edit('Ccy="EUR">750000<', 'Ccy="JPY">750000.5<')).codes, ['AM12']);
  });

  void it('refuses a currency without an ISO 4217 minor unit such as gold (AM11)', () => {
    assert.deepEqual(check(edit('Ccy="EUR">750000<', 'Ccy="XAU">750000<')).codes, ['AM11']);
  });

  void it('refuses a zero settlement amount (AM12)', () => {
    assert.deepEqual(check(edit('Ccy="EUR">750000<', 'Ccy="EUR">0<')).kinds, ['amount_invalid']);
  });

  void it('refuses a missing UETR (FF08)', () => {
    assert.deepEqual(check(edit('<pacs:UETR>a1b2c3d4-e5f6-4890-abcd-ef1234567890</pacs:UETR>', '')).codes, ['FF08']);
  });

  void it('refuses an AppHdr naming another message than the Document (FF01)', () => {
    const result = check(edit('<head:MsgDefIdr>pacs.008.001.08</head:MsgDefIdr>', '<head:MsgDefIdr>pacs.009.001.08</head:MsgDefIdr>'));
    assert.deepEqual([result.kinds[0], result.lines[0]], ['header_mismatch', 19]);
  });

  void it('refuses a debtor IBAN with wrong check digits (AC01) and accepts a right one', () => {
    const otherId = /<pacs:Othr>\s*<pacs:Id>74829163<\/pacs:Id>\s*<\/pacs:Othr>/;
    assert.match(sample, otherId);
    const withIban = (iban: string): string => sample.replace(otherId, `<pacs:IBAN>${iban}</pacs:IBAN>`);
    assert.equal(check(withIban('DE89370400440532013000')).ok, true);
    assert.deepEqual(check(withIban('DE88370400440532013000')).codes, ['AC01']);
  });
});

void describe('network checks run only when the server gives a context', () => {
  const permissive: NetworkContext = {
    isKnownBic: () => true,
    settlesCurrency: () => true,
    isSeenMessageId: () => false,
    isSeenUetr: () => false,
  };

  void it('accepts the sample in a network that knows its banks and settles EUR', () => {
    assert.equal(check(sample, permissive).ok, true);
  });

  void it('refuses an agent that is not a participant (AGNT)', () => {
    const result = check(sample, { ...permissive, isKnownBic: (bic) => bic !== 'GLPBES2X' });
    assert.ok(result.codes.length > 0 && result.codes.every((code) => code === 'AGNT'), result.codes.join());
  });

  void it('refuses a currency the network does not settle (AM03)', () => {
    assert.deepEqual(check(sample, { ...permissive, settlesCurrency: (code) => code !== 'EUR' }).codes, ['AM03']);
  });

  void it('refuses a MsgId the sender already used (AM05), passing the sender BIC', () => {
    const senders: (string | null)[] = [];
    const result = check(sample, { isSeenMessageId: (_id, sender) => (senders.push(sender), true) });
    assert.deepEqual(result.codes, ['AM05']);
  });

  void it('refuses a UETR already received (DUPL)', () => {
    assert.deepEqual(check(sample, { isSeenUetr: (uetr) => uetr === 'a1b2c3d4-e5f6-4890-abcd-ef1234567890' }).codes, ['DUPL']);
  });

  void it('skips every network check without a context', () => {
    assert.equal(check(sample).ok, true);
  });
});
