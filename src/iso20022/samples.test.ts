import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isoVerb } from '../cli/iso.js';
import type { MessageJson } from './to-json.js';
import { captureIo } from '../cli/test-support/capture-io.js';
import {
  type SampleRow,
  firstXsdErrorLine,
  fixturesDir,
  listedAmounts,
  listedTransactionCount,
  partIds,
  readSampleRows,
  xsdVerdict,
} from './test-support/sources-table.js';

const rows = readSampleRows();

/**
 * XSD-valid samples that Corridor's business rules refuse although SOURCES.md states no rule for
 * them; each was checked by hand. Rows that state their rule (BAH MsgDefIdr mismatch, a
 * commodity currency) are derived from the table in statedRuleKinds instead.
 */
const knownRuleNegatives: Readonly<Record<string, string>> = {
  // CBPR+ requires a UETR on every pacs.008/pacs.009; these omit it.
  'samples/phoughton__iso20022-cbpr-ur/tests/fixtures/pacs008_valid.xml': 'uetr_invalid',
  'samples/phoughton__iso20022-cbpr-ur/tests/fixtures/pacs_008_2026_valid.xml': 'uetr_invalid',
  'samples/phoughton__iso20022-cbpr-ur/tests/fixtures/pacs_008_stp_2025_valid.xml': 'uetr_invalid',
  'samples/phoughton__iso20022-cbpr-ur/tests/fixtures/pacs_008_stp_2026_valid.xml': 'uetr_invalid',
  'samples/phoughton__iso20022-cbpr-ur/tests/fixtures/pacs_009_adv_2025_valid.xml': 'uetr_invalid',
  'samples/pm4ml__ISO20022-core-connector/src/test/unit/data/pacs.008.outgoing.valid.xml': 'uetr_invalid',
  // The file name says it: debtor IBAN GB29NWBK60161331926818 fails its mod-97 check digits.
  'samples/phoughton__iso20022-cbpr-ur/test_files/2025/cbprplus_pacs008_sample_dodgy_IBAN_and_bic_mismatch.xml': 'iban_invalid',
  // CtrlSum 10000 / 234234 but the only transaction is 5000 / 22423 USD.
  'samples/prowide__prowide-iso20022/pacs.008.001.07.xml': 'control_sum_mismatch',
  'samples/prowide__prowide-iso20022/pacs.009.001.07.xml': 'control_sum_mismatch',
  // A JPY amount written 79255.00: JPY has no decimals.
  'samples/moov-io__iso20022/test/testdata/FI_camt_054_sample.xml.xml': 'amount_invalid',
};

/** Business-rule failures the table itself states for a row. */
function statedRuleKinds(row: SampleRow): string[] {
  const kinds: string[] = [];
  if (/BAH MsgDefIdr \S+ != Document/.test(row.notes)) kinds.push('header_mismatch');
  if (/ (XAU|XAG|XPT|XPD) \d/.test(row.amounts)) kinds.push('currency_unknown');
  return kinds;
}

function expectedRuleKinds(row: SampleRow): string[] {
  const known = knownRuleNegatives[row.path];
  return known ? [known, ...statedRuleKinds(row)] : statedRuleKinds(row);
}

async function validate(path: string): Promise<{ code: number; line: string }> {
  const io = captureIo();
  const code = await isoVerb.run(['validate', fixturesDir + path], io);
  assert.equal(io.outLines.length, 1, `one line per file for ${path}`);
  return { code, line: io.outLines[0] ?? '' };
}

/** "INVALID pacs.008 line 41: FF01 schema_invalid: …" to its parts. */
function parseInvalid(line: string): { message: string; line: number | null; kind: string } {
  const match = /^INVALID (\S+) (?:line (\d+)|file): [A-Z0-9]{4} ([a-z_]+): /.exec(line);
  assert.ok(match?.[1] && match[3], `INVALID line has the contract shape: ${line}`);
  return { message: match[1], line: match[2] ? Number(match[2]) : null, kind: match[3] };
}

function expectedSchemaKind(row: SampleRow): readonly string[] {
  if (row.xsd.startsWith('NOT WELL-FORMED')) return ['xml_malformed'];
  if (row.xsd.startsWith('JSON sample')) return ['xml_malformed'];
  if (row.xsd.startsWith('n/a')) return row.intent.includes('security') || row.intent.includes('policy') ? ['xml_refused'] : ['no_iso_message'];
  return ['schema_invalid'];
}

void describe('iso validate over every sample of test/fixtures/iso20022/SOURCES.md', () => {
  void it('covers every sample file', () => {
    assert.equal(rows.length, 251);
  });

  for (const row of rows) {
    void it(`agrees with the XSD column: ${row.path}`, async () => {
      const { code, line } = await validate(row.path);
      const ids = partIds(row);
      const documentId = ids.at(-1);
      if (xsdVerdict(row) === 'INVALID') {
        assert.equal(code, 1, line);
        const invalid = parseInvalid(line);
        assert.ok(expectedSchemaKind(row).includes(invalid.kind), `${line} (table: ${row.xsd.slice(0, 120)})`);
        const tableLine = firstXsdErrorLine(row);
        if (tableLine !== null) assert.equal(invalid.line, tableLine, line);
        return;
      }
      const ruleKinds = expectedRuleKinds(row);
      if (ruleKinds.length === 0) {
        assert.equal(code, 0, line);
        assert.ok(documentId, 'the table names the message');
        const [message, variant, version] = [documentId.slice(0, 8), documentId.slice(9, 12), documentId.slice(13)];
        assert.equal(line, `OK ${message} ${variant}.${version}`);
        return;
      }
      assert.equal(code, 1, `a stated business-rule negative is refused: ${line}`);
      const invalid = parseInvalid(line);
      assert.ok(ruleKinds.includes(invalid.kind), `refused for its stated rule (${ruleKinds.join(', ')}): ${line}`);
      assert.equal(invalid.message, documentId?.slice(0, 8));
    });
  }
});

function isCreditTransferRow(row: SampleRow): boolean {
  const documentId = partIds(row).at(-1) ?? '';
  return xsdVerdict(row) === 'OK' && (documentId.startsWith('pacs.008.') || documentId.startsWith('pacs.009.'));
}

void describe('iso to-json over every schema-valid pacs.008 and pacs.009 sample', () => {
  const creditTransfers = rows.filter(isCreditTransferRow);

  void it('finds the credit transfers of the table', () => {
    assert.ok(creditTransfers.length >= 90, `${creditTransfers.length} schema-valid pacs.008/pacs.009 samples`);
  });

  for (const row of creditTransfers) {
    void it(`gives the amounts and currencies of the table: ${row.path}`, async () => {
      const io = captureIo();
      const code = await isoVerb.run(['to-json', fixturesDir + row.path], io);
      assert.equal(code, 0, io.errLines.join('\n'));
      const json = JSON.parse(io.outLines.join('\n')) as MessageJson;
      assert.equal(json.messageType, partIds(row).at(-1));
      for (const amount of listedAmounts(row)) {
        const wanted = { value: amount.value, currency: amount.currency };
        if (amount.element === 'IntrBkSttlmAmt') {
          assert.ok(json.transactions.some((tx) => deepEqual(tx.interbankSettlementAmount, wanted)), `IntrBkSttlmAmt ${amount.currency} ${amount.value}`);
        } else if (amount.element === 'InstdAmt') {
          assert.ok(json.transactions.some((tx) => deepEqual(tx.instructedAmount, wanted)), `InstdAmt ${amount.currency} ${amount.value}`);
        } else if (amount.element === 'TtlIntrBkSttlmAmt') {
          assert.deepEqual(json.totalInterbankSettlementAmount, wanted);
        }
      }
      assert.ok(listedAmounts(row).some((amount) => amount.element === 'IntrBkSttlmAmt'), 'the table lists the settlement amount');
      const count = listedTransactionCount(row);
      if (count !== null) assert.equal(json.numberOfTransactions, count);
    });
  }
});

function deepEqual(actual: unknown, expected: unknown): boolean {
  try {
    assert.deepEqual(actual, expected);
    return true;
  } catch {
    return false;
  }
}
