import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isoVerb } from './iso.js';
import { captureIo } from './test-support/capture-io.js';
import { fixturesDir } from '../iso20022/test-support/sources-table.js';

const valid = `${fixturesDir}samples/Mbanq__iso20022/sample_files/pacs.008.001.008_2025_1.xml`;
const schemaInvalid = `${fixturesDir}samples/pm4ml__ISO20022-core-connector/src/test/unit/data/pacs.008.outgoing.invalid.xml`;

async function run(...args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const io = captureIo();
  const code = await isoVerb.run(args, io);
  return { code, out: io.outLines, err: io.errLines };
}

void describe('corridor iso (DESIGN.md §5)', () => {
  void it('prints help with --help and exits 0', async () => {
    for (const args of [['--help'], ['validate', '--help'], ['to-json', '-h']]) {
      const result = await run(...args);
      assert.equal(result.code, 0);
      assert.match(result.out.join('\n'), /corridor iso validate FILE/);
    }
  });

  void it('exits 2 on bad usage', async () => {
    assert.equal((await run()).code, 2);
    assert.equal((await run('validate')).code, 2);
    assert.equal((await run('to-json')).code, 2);
    assert.equal((await run('to-json', valid, valid)).code, 2);
    assert.equal((await run('frobnicate', valid)).code, 2);
    assert.equal((await run('validate', '--strict', valid)).code, 2);
  });

  void it('prints OK <msg> <version> and exits 0 when every file is OK', async () => {
    const result = await run('validate', valid, valid);
    assert.deepEqual(result, { code: 0, out: ['OK pacs.008 001.08', 'OK pacs.008 001.08'], err: [] });
  });

  void it('prints one INVALID line with the line number and exits 1 when any file is invalid', async () => {
    const result = await run('validate', valid, schemaInvalid);
    assert.equal(result.code, 1);
    assert.equal(result.out[0], 'OK pacs.008 001.08');
    assert.match(result.out[1] ?? '', /^INVALID pacs\.008 line 6: FF01 schema_invalid: Element .*MsgId.*maxLength/);
  });

  void it('reports an unreadable file as INVALID ? and keeps going', async () => {
    const result = await run('validate', '/nonexistent/file.xml', valid);
    assert.equal(result.code, 1);
    assert.match(result.out[0] ?? '', /^INVALID \? file: FF01 xml_refused: cannot read/);
    assert.equal(result.out[1], 'OK pacs.008 001.08');
  });

  void it('prints the contract JSON with amounts exactly as written', async () => {
    const result = await run('to-json', valid);
    assert.equal(result.code, 0);
    const json = JSON.parse(result.out.join('\n')) as Record<string, unknown>;
    assert.equal(json.messageType, 'pacs.008.001.08');
    assert.equal(json.messageId, '20250129B1QDRCQR009788');
    assert.equal(json.creationDateTime, '2025-01-27T09:35:06.195-05:00');
    assert.deepEqual(json.transactions, [
      {
        uetr: '8a562c67-ca16-48ba-b074-65581be6f011',
        endToEndId: 'Scenario01EtoEId001',
        instructionId: 'Whole dollar, No cent',
        transactionId: null,
        interbankSettlementAmount: { value: '743.22', currency: 'USD' },
        instructedAmount: { value: '743.22', currency: 'USD' },
        exchangeRate: null,
        debtorAgent: null,
        creditorAgent: null,
        debtorName: 'Corporation A',
        creditorName: 'Corporation B',
      },
    ]);
  });

  void it('keeps trailing zeros of an amount in to-json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'corridor-iso-'));
    try {
      const ns = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08';
      const xml = `<Document xmlns="${ns}"><FIToFICstmrCdtTrf><GrpHdr><MsgId>M1</MsgId><CreDtTm>2026-01-01T00:00:00Z</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr><CdtTrfTxInf><PmtId><EndToEndId>E1</EndToEndId><UETR>8a562c67-ca16-48ba-b074-65581be6f011</UETR></PmtId><IntrBkSttlmAmt Ccy="EUR">35612.10</IntrBkSttlmAmt><ChrgBr>SHAR</ChrgBr><Dbtr><Nm>A</Nm></Dbtr><DbtrAgt><FinInstnId><BICFI>AAAADEFF</BICFI></FinInstnId></DbtrAgt><CdtrAgt><FinInstnId><BICFI>BBBBFRPP</BICFI></FinInstnId></CdtrAgt><Cdtr><Nm>B</Nm></Cdtr></CdtTrfTxInf></FIToFICstmrCdtTrf></Document>`;
      const file = join(dir, 'm.xml');
      writeFileSync(file, xml);
      assert.deepEqual((await run('validate', file)).out, ['OK pacs.008 001.08']);
      const json = JSON.parse((await run('to-json', file)).out.join('\n')) as { transactions: Record<string, unknown>[] };
      assert.deepEqual(json.transactions[0]?.interbankSettlementAmount, { value: '35612.10', currency: 'EUR' });
      assert.equal(json.transactions[0]?.debtorAgent, 'AAAADEFF');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  void it('to-json of an invalid file prints INVALID on stderr and exits 1', async () => {
    const result = await run('to-json', schemaInvalid);
    assert.equal(result.code, 1);
    assert.deepEqual(result.out, []);
    assert.match(result.err[0] ?? '', /^INVALID pacs\.008 line 6:/);
  });
});
