/**
 * POST /v1/iso20022 with files that must not pass: hostile XML, malformed or schema-invalid
 * files, messages the network does not take, wrong media types and sizes. A file refused as a
 * whole is answered 422 with a valid pacs.002 (group status RJCT, the intake's reason) and the
 * node's state fingerprint is the same afterwards; a request refused before its content is read
 * is a problem. The node keeps working after each.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildPacs004, buildPacs008, createSchemaStore, renderPart, validateIsoFile, xmlBytesMax, type CreditTransfer } from '../../src/iso20022/index.js';
import { buildCamt056 } from '../../src/http/iso/camt056.js';
import { call, expectProblem, expectStatus, expectUnchanged, onboardSmallNetwork, startTestNode, type Answer, type SmallNetwork, type TestNode } from './support.js';

const schemas = createSchemaStore();
const created = '2026-03-02T10:00:00+00:00';
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${process.pid}-${(counter += 1)}`;

function reasonCodes(xml: string): string[] {
  return [...xml.matchAll(/<Cd>([^<]*)<\/Cd>/g)].map((m) => m[1]!);
}

function transfer(amount = '1.00'): CreditTransfer {
  return {
    uetr: randomUUID(),
    endToEndId: nextId('E2E'),
    settlementAmount: { value: amount, currency: 'INR' },
    settlementDate: '2026-03-02',
    debtor: { name: 'A' },
    debtorAgent: 'SBININBB',
    creditorAgent: 'HDFCINBB',
    creditor: { name: 'B' },
  };
}

function pacs008(transactions: CreditTransfer[] = [transfer()], messageId = nextId('MSG')): string {
  return renderPart(buildPacs008({ messageId, creationDateTime: created, instructingAgent: 'SBININBB', instructedAgent: 'HDFCINBB', transactions }));
}

interface CaseSummary {
  transactions: { uetr: string | null; result: string; accepted: boolean; payment: unknown }[];
}

/** Bytes posted as they are; a JSON answer (problem, summary) parsed, XML as text. */
async function postBytes<T = unknown>(node: TestNode, key: string, body: string | Buffer, contentType: string | null = 'application/xml'): Promise<Answer<T>> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (contentType !== null) headers['content-type'] = contentType;
  const response = await fetch(`${node.url}/v1/iso20022`, { method: 'POST', headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, body: (type.includes('json') && text !== '' ? JSON.parse(text) : text) as T, contentType: type, headers: response.headers };
}

/** 422 with a valid pacs.002 whose group is RJCT with these reason codes; nothing changed. */
async function expectRefusedFile(node: TestNode, key: string, body: string | Buffer, codes: string[], what: string): Promise<string> {
  const answer = await expectUnchanged(node, () => postBytes(node, key, body), what);
  assert.equal(answer.status, 422, `${what}: ${String(answer.body)}`);
  assert.match(answer.contentType, /^application\/xml/);
  const xml = answer.body as string;
  const verdict = validateIsoFile(Buffer.from(xml), { schemas });
  assert.ok(verdict.ok, `${what}: the refusal is not a valid message: ${JSON.stringify(!verdict.ok && verdict.failures)}\n${xml}`);
  assert.equal(verdict.reported.id, 'pacs.002.001.10');
  assert.match(xml, /<GrpSts>RJCT<\/GrpSts>/, what);
  assert.doesNotMatch(xml, /<TxSts>/, what);
  assert.deepEqual([...new Set(reasonCodes(xml))], codes, `${what}\n${xml}`);
  assert.doesNotMatch(xml, /\/work\/|node_modules|\.ts:\d+/, 'no server insides');
  return xml;
}

describe('POST /v1/iso20022: what is refused', () => {
  let node: TestNode;
  let net: SmallNetwork;
  let sbi: string;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
    sbi = net.keys.SBININBB!;
  });
  after(async () => {
    await node.dispose();
  });

  async function stillWorks(): Promise<void> {
    const answer = await postBytes(node, sbi, pacs008());
    assert.equal(answer.status, 200, String(answer.body));
    assert.match(answer.body as string, /<TxSts>ACSC<\/TxSts>/);
  }

  it('hostile XML (DTD, entity expansion, external entities, XInclude, deep nesting, other encodings) is refused FF01 before any parser sees it', async () => {
    const ns = 'urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08';
    const laughs = `<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY a "aaaaaaaaaa">${Array.from({ length: 9 }, (_, i) => `<!ENTITY a${i + 1} "${`&a${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>\n<Document xmlns="${ns}">&a9;</Document>`;
    const hostile: [string, string | Buffer][] = [
      ['billion laughs', laughs],
      ['external entity', `<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document xmlns="${ns}">&xxe;</Document>`],
      ['external DTD', `<?xml version="1.0"?>\n<!DOCTYPE Document SYSTEM "http://127.0.0.1:1/evil.dtd">\n<Document xmlns="${ns}"/>`],
      ['parameter entity', `<?xml version="1.0"?>\n<!DOCTYPE Document [<!ENTITY % p SYSTEM "http://127.0.0.1:1/p"> %p;]>\n<Document xmlns="${ns}"/>`],
      ['XInclude', `<?xml version="1.0"?>\n<Document xmlns="${ns}" xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd" parse="text"/></Document>`],
      ['deep nesting', `<Document xmlns="${ns}">${'<a>'.repeat(5000)}${'</a>'.repeat(5000)}</Document>`],
      ['UTF-16 declaration', `<?xml version="1.0" encoding="UTF-16"?>\n<Document xmlns="${ns}"/>`],
      ['invalid UTF-8', Buffer.concat([Buffer.from(`<Document xmlns="${ns}"><FIToFICstmrCdtTrf>`), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('</FIToFICstmrCdtTrf></Document>')])],
      ['a processing instruction before the declaration', `<?evil?><?xml version="1.0"?><Document xmlns="${ns}"/>`],
    ];
    for (const [what, body] of hostile) {
      const xml = await expectRefusedFile(node, sbi, body, ['FF01'], what);
      assert.doesNotMatch(xml, /root:|lolololol|aaaaaaaaaaaaaaaaaaaa/, `${what}: nothing expanded or read into the answer`);
    }
    await stillWorks();
  });

  it('what is not an ISO 20022 message we take is refused FF01: not XML, malformed, no ISO namespace, schema-invalid, AppHdr alone, a message type the network does not take', async () => {
    const valid = pacs008();
    const cases: [string, string][] = [
      ['plain text', 'hello'],
      ['an empty body', ''],
      ['JSON sent as XML', '{"endToEndId":"x"}'],
      ['malformed', valid.replace('</GrpHdr>', '</GrpHd>')],
      ['truncated', valid.slice(0, valid.length / 2)],
      ['no ISO namespace', '<?xml version="1.0"?><Document><FIToFICstmrCdtTrf/></Document>'],
      ['a namespace with no schema', '<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.999.001.01"/>'],
      ['schema-invalid', valid.replace('<ChrgBr>SHAR</ChrgBr>', '<ChrgBr>NONE</ChrgBr>')],
      ['two Documents', `<Envelope>${valid.replace(/^<\?xml[^>]*>\n/, '')}${valid.replace(/^<\?xml[^>]*>\n/, '')}</Envelope>`],
      ['a pacs.004 without the original UETR', renderPart(buildPacs004({ messageId: nextId('R'), creationDateTime: created, instructingAgent: 'SBININBB', instructedAgent: 'HDFCINBB', transactions: [{ original: { message: { messageId: 'x', messageNameId: 'pacs.008.001.08' }, uetr: randomUUID(), endToEndId: 'x' }, returnedAmount: { value: '1.00', currency: 'INR' }, settlementDate: '2026-03-02', reason: 'AC04' }] })).replace(/<OrgnlUETR>[^<]*<\/OrgnlUETR>/, '')],
    ];
    for (const [what, body] of cases) await expectRefusedFile(node, sbi, body, [what === 'a pacs.004 without the original UETR' ? 'FF08' : 'FF01'], what);
    const appHdrOnly = `<AppHdr xmlns="urn:iso:std:iso:20022:tech:xsd:head.001.001.02"><Fr><FIId><FinInstnId><BICFI>SBININBB</BICFI></FinInstnId></FIId></Fr><To><FIId><FinInstnId><BICFI>HDFCINBB</BICFI></FinInstnId></FIId></To><BizMsgIdr>X</BizMsgIdr><MsgDefIdr>pacs.008.001.08</MsgDefIdr><CreDt>${created}</CreDt></AppHdr>`;
    await expectRefusedFile(node, sbi, appHdrOnly, ['FF01'], 'an AppHdr alone');
    // A message the network writes but does not take from banks.
    const statement = await call<string>(node, 'GET', `/v1/accounts/${net.accounts['SBININBB INR']!}/camt053?date=2026-03-02`, { key: sbi });
    const refused = await expectRefusedFile(node, sbi, statement.body, ['FF01'], 'a camt.053');
    assert.match(refused, /camt\.053\.001\.08 is not taken here/);
    await stillWorks();
  });

  it('business rules fail the file as a whole with their own codes: control sum AM10, count AM18, decimals AM12, UETR FF08', async () => {
    const valid = pacs008([transfer('10.00')]);
    await expectRefusedFile(node, sbi, valid.replace('<TtlIntrBkSttlmAmt Ccy="INR">10.00</TtlIntrBkSttlmAmt>', '<TtlIntrBkSttlmAmt Ccy="INR">11.00</TtlIntrBkSttlmAmt>'), ['AM10'], 'control sum');
    await expectRefusedFile(node, sbi, valid.replace('<NbOfTxs>1</NbOfTxs>', '<NbOfTxs>2</NbOfTxs>'), ['AM18'], 'count');
    await expectRefusedFile(node, sbi, valid.replaceAll('>10.00<', '>10.001<'), ['AM12', 'AM10'], 'decimals (the total, then the control sum, then the transaction)');
    await expectRefusedFile(node, sbi, valid.replace(/<UETR>[^<]*<\/UETR>/, ''), ['FF08'], 'no UETR');
  });

  it('more transactions than one message may carry, or than one journal entry holds: refused, nothing journaled', async () => {
    const many = Array.from({ length: 1001 }, () => transfer('0.01'));
    await expectRefusedFile(node, sbi, pacs008(many), ['AM18'], '1001 transactions');
    // Names and remittance at their 140 characters, three UTF-8 bytes each: beyond one journal entry.
    const wide = '貿'.repeat(140);
    const large = Array.from({ length: 1000 }, (): CreditTransfer => ({ ...transfer('0.01'), debtor: { name: wide }, creditor: { name: wide }, remittanceInformation: [wide] }));
    const xml = await expectRefusedFile(node, sbi, pacs008(large), ['FF01'], 'a message beyond one journal entry');
    assert.match(xml, /too large for one journal entry/);
    // A file larger than the JSON body limit is fine when its command fits.
    const fits = Array.from({ length: 150 }, () => transfer('0.01'));
    const body = pacs008(fits);
    assert.ok(Buffer.byteLength(body) > 64 * 1024, `${Buffer.byteLength(body)} bytes`);
    const answer = await postBytes(node, sbi, body);
    assert.equal(answer.status, 200, String(answer.body).slice(0, 500));
    assert.equal((answer.body as string).match(/<TxSts>ACSC<\/TxSts>/g)?.length, 150);
  });

  it('media types and sizes: XML parameters accepted, JSON or none 415, above the intake limit 413', async () => {
    for (const type of ['application/xml; charset=utf-8', 'text/xml', 'APPLICATION/XML']) {
      const answer = await postBytes(node, sbi, pacs008(), type);
      assert.equal(answer.status, 200, `${type}: ${String(answer.body)}`);
    }
    for (const type of ['application/json', 'text/plain', 'application/octet-stream', 'multipart/form-data; boundary=x', null]) {
      const answer = await expectUnchanged(node, () => postBytes(node, sbi, pacs008(), type));
      const problem = expectProblem(answer, 415, 'unsupported-media-type');
      assert.match(problem.detail, /application\/xml/);
    }
    const tooLarge = await expectUnchanged(node, () => postBytes(node, sbi, Buffer.alloc(xmlBytesMax + 1, 0x20)));
    assert.equal(expectProblem(tooLarge, 413, 'body-too-large').detail, `at most ${xmlBytesMax} bytes`);
    // An XML body stays refused on the JSON routes.
    const json = await call(node, 'POST', '/v1/payments', { key: sbi, body: pacs008(), headers: { 'content-type': 'application/xml', 'idempotency-key': nextId('K') } });
    expectProblem(json, 415, 'unsupported-media-type');
    // The operator is not a bank.
    expectProblem(await postBytes(node, net.operatorKey, pacs008()), 403, 'forbidden');
  });

  it('investigation messages: a case without reason or case id is answered per transaction, and journals nothing', async () => {
    const pay = await postBytes(node, sbi, pacs008([transfer('5.00')]));
    const uetr = /<OrgnlUETR>([^<]+)<\/OrgnlUETR>/.exec(pay.body as string)![1]!;
    const original = { message: { messageId: 'x', messageNameId: 'pacs.008.001.08' }, uetr, endToEndId: 'x' };
    const request = renderPart(buildCamt056({ assignmentId: nextId('CXL'), creationDateTime: created, assigner: 'SBININBB', assignee: 'HDFCINBB', caseId: 'C-1', caseCreator: 'SBININBB', original, originalSettlementAmount: { value: '5.00', currency: 'INR' }, reason: 'DUPL' }));
    const noReason = request.replace(/<CxlRsnInf>[\s\S]*<\/CxlRsnInf>/, '');
    const answer = await expectUnchanged(node, () => expectStatus<CaseSummary>(202, postBytes<CaseSummary>(node, sbi, noReason)));
    assert.deepEqual(answer.transactions.map((t) => [t.uetr, t.result, t.accepted]), [[uetr, 'reason_invalid', false]]);
    const noCase = request.replace(/<Case>[\s\S]*?<\/Case>/, '');
    const answer2 = await expectUnchanged(node, () => expectStatus<CaseSummary>(202, postBytes<CaseSummary>(node, sbi, noCase)));
    assert.deepEqual(answer2.transactions.map((t) => t.result), ['text_invalid']);
    const ok = await expectStatus<CaseSummary>(202, postBytes<CaseSummary>(node, sbi, request));
    assert.equal(ok.transactions[0]!.result, 'accepted');
    // Another case for the same payment is refused by the state machine.
    const other = await expectStatus<CaseSummary>(202, postBytes<CaseSummary>(node, sbi, request.replace('<Id>C-1</Id>', '<Id>C-2</Id>')));
    assert.deepEqual([other.transactions[0]!.result, other.transactions[0]!.accepted, other.transactions[0]!.payment], ['cancellation_exists', false, null]);
  });
});
