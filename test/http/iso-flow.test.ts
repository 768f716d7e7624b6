/**
 * ISO 20022 over the API, end to end on a real node (HTTP, SQLite journal): banks post
 * pacs.008 / camt.056 / camt.029 / pacs.004 files, read their inbox as ISO messages and their
 * statements as camt.053. Every message the server writes is checked with the project's own
 * intake (secure scan, XSD, business rules), with one SchemaStore for the file.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import {
  buildAppHdr,
  buildCamt029,
  buildPacs004,
  buildPacs008,
  createSchemaStore,
  messageToJson,
  renderBusinessMessage,
  renderPart,
  validateIsoFile,
  type CreditTransfer,
} from '../../src/iso20022/index.js';
import { buildCamt056 } from '../../src/http/iso/camt056.js';
import { call, expectProblem, expectStatus, expectUnchanged, onboardSmallNetwork, sendPayment, startTestNode, type Answer, type SmallNetwork, type TestNode } from './support.js';

const schemas = createSchemaStore();

/** The server's message passes the full intake (no network context: it is checked as a file). */
function assertValidIso(xml: string, expectedId?: string): void {
  const verdict = validateIsoFile(Buffer.from(xml, 'utf8'), { schemas });
  if (!verdict.ok) assert.fail(`the server wrote an invalid message:\n${verdict.failures.map((f) => `line ${f.line}: ${f.code} ${f.kind}: ${f.detail}`).join('\n')}\n${xml}`);
  if (expectedId !== undefined) assert.equal(verdict.reported.id, expectedId);
}

const entities: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#xD': '\r' };

/** Text of every element with this local name, in document order, unescaped. */
function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!.replace(/&(amp|lt|gt|quot|apos|#xD);/g, (_all, e: string) => entities[e]!));
}

function one(xml: string, name: string): string {
  const found = texts(xml, name);
  assert.equal(found.length, 1, `one <${name}> in\n${xml}`);
  return found[0]!;
}

const created = '2026-03-02T10:00:00+00:00';
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${process.pid}-${(counter += 1)}`;

interface TransferSpec {
  readonly uetr?: string;
  readonly amount?: string;
  readonly currency?: string;
  readonly debtorAgent?: string;
  readonly creditorAgent?: string;
  readonly endToEndId?: string;
}

function transfer(spec: TransferSpec = {}): CreditTransfer {
  return {
    uetr: spec.uetr ?? randomUUID(),
    endToEndId: spec.endToEndId ?? nextId('E2E'),
    instructionId: nextId('INSTR'),
    transactionId: nextId('TX'),
    settlementAmount: { value: spec.amount ?? '250.00', currency: spec.currency ?? 'INR' },
    settlementDate: '2026-03-02',
    debtor: { name: 'Asha Traders & Co <Pune>' },
    debtorAgent: spec.debtorAgent ?? 'SBININBB',
    creditorAgent: spec.creditorAgent ?? 'HDFCINBB',
    creditor: { name: 'Pune Textiles' },
    remittanceInformation: ['Invoice 2026-001'],
  };
}

/** A pacs.008 file from `from` (bare Document unless an AppHdr is asked for). */
function pacs008(options: { messageId?: string; from?: string; transactions?: CreditTransfer[]; version?: string; header?: boolean } = {}): { xml: string; messageId: string; uetrs: string[] } {
  const messageId = options.messageId ?? nextId('MSG');
  const from = options.from ?? 'SBININBB';
  const transactions = options.transactions ?? [transfer()];
  const document = buildPacs008({ messageId, creationDateTime: created, instructingAgent: from, instructedAgent: 'RBISINBB', transactions }, options.version);
  const xml = options.header === true ? renderBusinessMessage(buildAppHdr({ from, to: 'RBISINBB', businessMessageId: messageId, creationDateTime: created }, document), document) : renderPart(document);
  return { xml, messageId, uetrs: transactions.map((t) => t.uetr) };
}

/** A file posted; the answer read as text (a pacs.002, or a problem's JSON text). */
async function postIso(node: TestNode, key: string, xml: string): Promise<Answer<string>> {
  const answer = await call<unknown>(node, 'POST', '/v1/iso20022', { key, body: xml, headers: { 'content-type': 'application/xml' } });
  return { ...answer, body: typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body) };
}

interface PaymentView {
  uetr: string;
  status: string;
  endToEndId: string;
  debtorAgent: string;
  creditorAgent: string;
  debtorName: string;
  remittanceInformation: string;
  reason: { code: string } | null;
  iso: { messageId: string; messageName: string } | null;
  cancellation: { status: string; answerReason: string | null } | null;
  returned: { amount: { value: string; currency: string } } | null;
  history: { at: string }[];
}

interface ParticipantView {
  bic: string;
  isoVersions?: Record<string, string>;
}

interface CaseSummary {
  messageType: string;
  messageId: string;
  transactions: { uetr: string | null; result: string; accepted: boolean; detail: string; payment: PaymentView | null }[];
}

/** A file posted, the answer as it comes (a problem is JSON). */
function postRaw(node: TestNode, key: string, xml: string): Promise<Answer<unknown>> {
  return call<unknown>(node, 'POST', '/v1/iso20022', { key, body: xml, headers: { 'content-type': 'application/xml' } });
}

/** An investigation file posted: 202 and its summary. */
async function postCase(node: TestNode, key: string, xml: string): Promise<CaseSummary> {
  return expectStatus<CaseSummary>(202, call(node, 'POST', '/v1/iso20022', { key, body: xml, headers: { 'content-type': 'application/xml' } }));
}

function track(node: TestNode, key: string, uetr: string): Promise<PaymentView> {
  return expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key }));
}

async function balance(node: TestNode, key: string): Promise<string> {
  const { accounts } = await expectStatus<{ accounts: { balance: { value: string } }[] }>(200, call(node, 'GET', '/v1/accounts', { key }));
  return accounts[0]!.balance.value;
}

function cents(value: string): bigint {
  const [whole, fraction = ''] = value.split('.');
  return BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
}

interface FeedMessage {
  seq: number;
  type: string;
  xml: string | null;
  event?: { type: string; payment: { uetr: string } | null };
}

/** The participant's ISO feed after `after`; every XML message must pass the intake. */
async function feed(node: TestNode, key: string, after = 0): Promise<{ messages: FeedMessage[]; next: number }> {
  const page = await expectStatus<{ messages: FeedMessage[]; next: number }>(200, call(node, 'GET', `/v1/iso20022/messages?after=${after}&limit=1000`, { key }));
  for (const message of page.messages) if (message.xml !== null) assertValidIso(message.xml, message.type);
  return page;
}

function aboutUetr(messages: readonly FeedMessage[], uetr: string): FeedMessage[] {
  return messages.filter((m) => (m.xml ?? '').includes(uetr) || m.event?.payment?.uetr === uetr);
}

describe('ISO 20022 over HTTP', () => {
  let node: TestNode;
  let net: SmallNetwork;
  let sbi: string;
  let hdfc: string;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
    sbi = net.keys.SBININBB!;
    hdfc = net.keys.HDFCINBB!;
  });
  after(async () => {
    await node.dispose();
  });

  it('a pacs.008 settles exactly like the same JSON payment, and is answered with a valid pacs.002 ACSC of its UETR', async () => {
    const [sbiBefore, hdfcBefore] = [cents(await balance(node, sbi)), cents(await balance(node, hdfc))];
    const file = pacs008({ transactions: [transfer({ amount: '1234.56' })] });
    const answer = await postIso(node, sbi, file.xml);
    assert.equal(answer.status, 200, answer.body);
    assert.match(answer.contentType, /^application\/xml/);
    assertValidIso(answer.body, 'pacs.002.001.10');
    assert.equal(one(answer.body, 'OrgnlUETR'), file.uetrs[0]);
    assert.equal(one(answer.body, 'TxSts'), 'ACSC');
    assert.equal(one(answer.body, 'GrpSts'), 'ACSC');
    assert.equal(texts(answer.body, 'OrgnlMsgId')[0], file.messageId);
    assert.equal(one(answer.body, 'IntrBkSttlmAmt'), '1234.56');
    const [sbiIso, hdfcIso] = [cents(await balance(node, sbi)), cents(await balance(node, hdfc))];
    assert.equal(sbiBefore - sbiIso, 123456n);
    assert.equal(hdfcIso - hdfcBefore, 123456n);

    const json = await sendPayment(node, sbi, { endToEndId: 'json-twin', amount: { value: '1234.56', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
    assert.equal(json.status, 201);
    assert.equal(sbiIso - cents(await balance(node, sbi)), 123456n, 'the JSON payment moves the same');
    assert.equal(cents(await balance(node, hdfc)) - hdfcIso, 123456n);

    const tracked = await track(node, sbi, file.uetrs[0]!);
    assert.equal(tracked.status, 'settled');
    assert.equal(tracked.endToEndId, (file.xml.match(/<EndToEndId>([^<]+)</) ?? [])[1]);
    assert.deepEqual(tracked.iso?.messageId, file.messageId);
    assert.equal(tracked.iso?.messageName, 'pacs.008.001.08');
    assert.equal(tracked.debtorName, 'Asha Traders & Co <Pune>');
    assert.equal(tracked.remittanceInformation, 'Invoice 2026-001');
  });

  it('the creditor reads a pacs.008 and a camt.054 credit with the same UETR, amount and parties; the debtor a pacs.002 ACSC and a camt.054 debit', async () => {
    const hdfcStart = (await feed(node, hdfc)).next;
    const sbiStart = (await feed(node, sbi)).next;
    const file = pacs008({ transactions: [transfer({ amount: '77.70' })] });
    const uetr = file.uetrs[0]!;
    await expectStatus(200, postIso(node, sbi, file.xml));

    const received = aboutUetr((await feed(node, hdfc, hdfcStart)).messages, uetr);
    assert.deepEqual(received.map((m) => m.type), ['pacs.008.001.08', 'camt.054.001.08']);
    assert.equal(received[0]!.seq, received[1]!.seq, 'one inbox event, two messages');
    const forwarded = messageToJson(Buffer.from(received[0]!.xml!), schemas);
    assert.ok(forwarded.ok);
    const tx = forwarded.json.transactions[0]!;
    assert.equal(tx.uetr, uetr);
    assert.deepEqual(tx.interbankSettlementAmount, { value: '77.70', currency: 'INR' });
    assert.equal(tx.debtorAgent, 'SBININBB');
    assert.equal(tx.creditorAgent, 'HDFCINBB');
    assert.equal(tx.debtorName, 'Asha Traders & Co <Pune>');
    assert.equal(tx.creditorName, 'Pune Textiles');
    assert.match(received[0]!.xml!, /<BizMsgIdr>CRDR-HDFCINBB-\d+-P<\/BizMsgIdr>/);
    const credit = received[1]!.xml!;
    assert.equal(one(credit, 'UETR'), uetr);
    assert.equal(one(credit, 'AnyBIC'), 'HDFCINBB');
    assert.deepEqual(texts(credit, 'Amt'), ['77.70', '77.70']);
    assert.deepEqual([...new Set(texts(credit, 'CdtDbtInd'))], ['CRDT']);
    assert.deepEqual(texts(credit, 'Nm'), ['Asha Traders & Co <Pune>', 'Pune Textiles']);

    const settled = aboutUetr((await feed(node, sbi, sbiStart)).messages, uetr);
    assert.deepEqual(settled.map((m) => m.type), ['pacs.002.001.10', 'camt.054.001.08']);
    assert.equal(one(settled[0]!.xml!, 'TxSts'), 'ACSC');
    assert.equal(one(settled[0]!.xml!, 'OrgnlUETR'), uetr);
    assert.deepEqual([...new Set(texts(settled[1]!.xml!, 'CdtDbtInd'))], ['DBIT']);

    // Reading again gives the same messages, byte for byte.
    assert.deepEqual(aboutUetr((await feed(node, hdfc, hdfcStart)).messages, uetr), received);
  });

  it('the same file sent again gets the same pacs.002 and moves nothing; another file under the same MsgId is refused AM05', async () => {
    const file = pacs008({ header: true });
    const first = await postIso(node, sbi, file.xml);
    assert.equal(first.status, 200);
    assertValidIso(first.body, 'pacs.002.001.10');
    // An AppHdr is answered with one, the roles swapped.
    assert.match(first.body, /<Fr>\s*<FIId>\s*<FinInstnId>\s*<BICFI>RBISINBB<\/BICFI>/);
    assert.match(first.body, /<To>\s*<FIId>\s*<FinInstnId>\s*<BICFI>SBININBB<\/BICFI>/);
    const again = await expectUnchanged(node, () => postIso(node, sbi, file.xml), 'the resend');
    assert.equal(again.status, 200);
    assert.equal(again.body, first.body);

    const other = pacs008({ messageId: file.messageId, header: true });
    const refused = await expectUnchanged(node, () => postIso(node, sbi, other.xml), 'another file under a used MsgId');
    assert.equal(refused.status, 422);
    assertValidIso(refused.body, 'pacs.002.001.10');
    assert.equal(one(refused.body, 'GrpSts'), 'RJCT');
    assert.deepEqual(texts(refused.body, 'Cd'), ['AM05']);
    assert.equal(texts(refused.body, 'TxSts').length, 0);
    expectProblem(await call(node, 'GET', `/v1/payments/${other.uetrs[0]}`, { key: sbi }), 404, 'not-found');

    // The same MsgId from another bank is its own message.
    const hdfcFile = pacs008({ messageId: file.messageId, from: 'HDFCINBB', transactions: [transfer({ debtorAgent: 'HDFCINBB', creditorAgent: 'SBININBB', amount: '1.00' })] });
    const hdfcAnswer = await postIso(node, hdfc, hdfcFile.xml);
    assert.equal(hdfcAnswer.status, 200, hdfcAnswer.body);
    assert.equal(one(hdfcAnswer.body, 'TxSts'), 'ACSC');
  });

  it('a UETR received before is refused DUPL; one not covered is PDNG (queued, like JSON); an unknown creditor is refused AGNT', async () => {
    const first = pacs008();
    await expectStatus(200, postIso(node, sbi, first.xml));
    const dupl = await expectUnchanged(node, () => postIso(node, sbi, pacs008({ transactions: [transfer({ uetr: first.uetrs[0] })] }).xml));
    assert.equal(dupl.status, 422);
    assert.deepEqual(texts(dupl.body, 'Cd'), ['DUPL']);

    const before = await balance(node, sbi);
    const poor = pacs008({ transactions: [transfer({ amount: '99999999.00' })] });
    const pending = await postIso(node, sbi, poor.xml);
    assert.equal(pending.status, 200);
    assertValidIso(pending.body);
    assert.equal(one(pending.body, 'TxSts'), 'PDNG');
    assert.equal(texts(pending.body, 'GrpSts').length, 0);
    assert.equal(await balance(node, sbi), before);
    const tracked = await track(node, sbi, poor.uetrs[0]!);
    assert.equal(tracked.status, 'queued');
    // Taken back by its sender (it would wait for liquidity all day).
    await expectStatus(200, call(node, 'POST', `/v1/payments/${poor.uetrs[0]!}/cancel`, { key: sbi }));

    const unknown = await expectUnchanged(node, () => postIso(node, sbi, pacs008({ transactions: [transfer({ creditorAgent: 'ZZZZINBB' })] }).xml));
    assert.equal(unknown.status, 422);
    assertValidIso(unknown.body);
    assert.deepEqual(texts(unknown.body, 'Cd'), ['AGNT']);
    assert.match(unknown.body, /ZZZZINBB is not a participant/);

    const notSettled = await expectUnchanged(node, () => postIso(node, sbi, pacs008({ transactions: [transfer({ currency: 'USD', amount: '5.00' })] }).xml));
    assert.deepEqual(texts(notSettled.body, 'Cd'), ['AM03']);
  });

  it('a message with several transactions: each judged on its own (ACSC and PDNG, no group status); refusals in themselves carry their reason', async () => {
    const sbiBefore = cents(await balance(node, sbi));
    const file = pacs008({ transactions: [transfer({ amount: '10.00' }), transfer({ amount: '88888888.00' }), transfer({ creditorAgent: 'COOPINBBXXX', amount: '3.00' })] });
    const answer = await postIso(node, sbi, file.xml);
    assert.equal(answer.status, 200);
    assertValidIso(answer.body);
    assert.deepEqual(texts(answer.body, 'TxSts'), ['ACSC', 'PDNG', 'RJCT']);
    assert.deepEqual(texts(answer.body, 'OrgnlUETR'), file.uetrs);
    assert.equal(texts(answer.body, 'GrpSts').length, 0);
    // COOPINBBXXX settles on SBININBB's own account: not an interbank payment (AG01).
    assert.deepEqual(texts(answer.body, 'Cd'), ['AG01']);
    await expectStatus(200, call(node, 'POST', `/v1/payments/${file.uetrs[1]!}/cancel`, { key: sbi }));
    assert.equal(sbiBefore - cents(await balance(node, sbi)), 1000n);
  });

  it('BIC8 and BIC11 …XXX name the same participant; an indirect participant sends its own, settling on its sponsor', async () => {
    const sbiBefore = cents(await balance(node, sbi));
    const file = pacs008({ from: 'COOPINBBXXX', transactions: [transfer({ debtorAgent: 'COOPINBBXXX', creditorAgent: 'HDFCINBBXXX', amount: '4.00' })] });
    const answer = await postIso(node, net.keys.COOPINBBXXX!, file.xml);
    assert.equal(answer.status, 200, answer.body);
    assert.equal(one(answer.body, 'TxSts'), 'ACSC');
    assert.equal(sbiBefore - cents(await balance(node, sbi)), 400n);
    const tracked = await track(node, hdfc, file.uetrs[0]!);
    assert.equal(tracked.creditorAgent, 'HDFCINBB');
    // The sponsor may send for it too.
    const forCoop = pacs008({ from: 'SBININBB', transactions: [transfer({ debtorAgent: 'COOPINBB', creditorAgent: 'HDFCINBB', amount: '1.00' })] });
    assert.equal(one((await expectStatus<string>(200, postIso(node, sbi, forCoop.xml))), 'TxSts'), 'ACSC');
  });

  it('a bank may not send for one it does not sponsor: 403 not-sponsor, nothing recorded', async () => {
    const cases = [
      pacs008({ from: 'HDFCINBB', transactions: [transfer({ debtorAgent: 'SBININBB', creditorAgent: 'HDFCINBB' })] }).xml,
      pacs008({ from: 'SBININBB', transactions: [transfer({ debtorAgent: 'HDFCINBB', creditorAgent: 'SBININBB' })] }).xml,
      pacs008({ from: 'HDFCINBB', header: true, transactions: [transfer({ debtorAgent: 'HDFCINBB', creditorAgent: 'SBININBB' })] }).xml.replace('<BICFI>HDFCINBB</BICFI>', '<BICFI>SBININBB</BICFI>'),
    ];
    for (const xml of cases) expectProblem(await expectUnchanged(node, () => postRaw(node, hdfc, xml)), 403, 'not-sponsor');
    // The indirect participant may not debit its sponsor.
    const coop = pacs008({ from: 'COOPINBBXXX', transactions: [transfer({ debtorAgent: 'SBININBB', creditorAgent: 'HDFCINBB' })] });
    expectProblem(await expectUnchanged(node, () => postRaw(node, net.keys.COOPINBBXXX!, coop.xml)), 403, 'not-sponsor');
  });

  it('a pacs.009 between banks settles and is answered like a pacs.008', async () => {
    const uetr = randomUUID();
    const messageId = nextId('P9');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pacs.009.001.08">
  <FICdtTrf>
    <GrpHdr><MsgId>${messageId}</MsgId><CreDtTm>${created}</CreDtTm><NbOfTxs>1</NbOfTxs><SttlmInf><SttlmMtd>CLRG</SttlmMtd></SttlmInf></GrpHdr>
    <CdtTrfTxInf>
      <PmtId><InstrId>${messageId}</InstrId><EndToEndId>FI-${messageId}</EndToEndId><UETR>${uetr}</UETR></PmtId>
      <IntrBkSttlmAmt Ccy="CNY">1500.00</IntrBkSttlmAmt>
      <IntrBkSttlmDt>2026-03-02</IntrBkSttlmDt>
      <Dbtr><FinInstnId><BICFI>ICBKCNBJXXX</BICFI></FinInstnId></Dbtr>
      <CdtrAgt><FinInstnId><BICFI>BKCHCNBJ</BICFI></FinInstnId></CdtrAgt>
      <Cdtr><FinInstnId><BICFI>BKCHCNBJ</BICFI></FinInstnId></Cdtr>
      <RmtInf><Ustrd>Cover 1</Ustrd><Ustrd>and 2</Ustrd></RmtInf>
    </CdtTrfTxInf>
  </FICdtTrf>
</Document>`;
    const before = cents(await balance(node, net.keys.BKCHCNBJ!));
    const answer = await postIso(node, net.keys.ICBKCNBJ!, xml);
    assert.equal(answer.status, 200, answer.body);
    assertValidIso(answer.body);
    assert.equal(one(answer.body, 'TxSts'), 'ACSC');
    assert.equal(texts(answer.body, 'OrgnlMsgNmId')[0], 'pacs.009.001.08');
    assert.equal(cents(await balance(node, net.keys.BKCHCNBJ!)) - before, 150000n);
    const tracked = await track(node, net.keys.BKCHCNBJ!, uetr);
    assert.equal(tracked.debtorAgent, 'ICBKCNBJ');
    assert.equal(tracked.remittanceInformation, 'Cover 1 and 2');
  });

  it('a camt.056 for a payment still queued cancels it: the debtor reads a pacs.002 RJCT DS02 and a camt.029 ACCR (CNCL), nothing moved', async () => {
    const sbiStart = (await feed(node, sbi)).next;
    const before = await balance(node, sbi);
    const poor = pacs008({ transactions: [transfer({ amount: '99999999.00' })] });
    const uetr = poor.uetrs[0]!;
    assert.equal(one((await postIso(node, sbi, poor.xml)).body, 'TxSts'), 'PDNG');
    const request = renderPart(
      buildCamt056({
        assignmentId: nextId('CXL'),
        creationDateTime: created,
        assigner: 'SBININBB',
        assignee: 'HDFCINBB',
        caseId: 'CASE-QUEUED-1',
        caseCreator: 'SBININBB',
        original: { message: { messageId: poor.messageId, messageNameId: 'pacs.008.001.08' }, uetr, endToEndId: (await track(node, sbi, uetr)).endToEndId },
        originalSettlementAmount: { value: '99999999.00', currency: 'INR' },
        reason: 'CUST',
      }),
    );
    const asked = await postCase(node, sbi, request);
    assert.deepEqual(asked.transactions.map((t) => [t.result, t.payment?.cancellation?.status, t.payment?.status]), [['accepted', 'accepted', 'rejected']]);
    assert.equal(await balance(node, sbi), before);
    // feed() checks every message against its XSD and the intake's rules.
    const about = aboutUetr((await feed(node, sbi, sbiStart)).messages, uetr).filter((m) => m.xml !== null);
    assert.deepEqual(about.map((m) => m.type), ['pacs.002.001.10', 'camt.029.001.09']);
    assert.match(about[0]!.xml!, /<TxSts>RJCT<\/TxSts>[\s\S]*<Cd>DS02<\/Cd>/);
    const resolution = about[1]!.xml!;
    assert.deepEqual([one(resolution, 'Conf'), one(resolution, 'TxCxlSts'), one(resolution, 'OrgnlUETR')], ['CNCL', 'ACCR', uetr]);
    assert.match(resolution, /<RslvdCase>\s*<Id>CASE-QUEUED-1<\/Id>/);
  });

  it('camt.056 → the creditor reads it → pacs.004 returns the funds → the debtor reads the pacs.004, balances back', async () => {
    const [sbiStart, hdfcStart] = [(await feed(node, sbi)).next, (await feed(node, hdfc)).next];
    const [sbiBefore, hdfcBefore] = [await balance(node, sbi), await balance(node, hdfc)];
    const file = pacs008({ transactions: [transfer({ amount: '321.00' })] });
    const uetr = file.uetrs[0]!;
    await expectStatus(200, postIso(node, sbi, file.xml));
    const payment = await track(node, sbi, uetr);

    const request = renderPart(
      buildCamt056({
        assignmentId: nextId('CXL'),
        creationDateTime: created,
        assigner: 'SBININBB',
        assignee: 'HDFCINBB',
        caseId: 'CASE-RETURN-1',
        caseCreator: 'SBININBB',
        original: { message: { messageId: file.messageId, messageNameId: 'pacs.008.001.08' }, uetr, endToEndId: payment.endToEndId },
        originalSettlementAmount: { value: '321.00', currency: 'INR' },
        reason: 'DUPL',
      }),
    );
    const asked = await postCase(node, sbi, request);
    assert.equal(asked.messageType, 'camt.056.001.08');
    assert.deepEqual(
      asked.transactions.map((t) => [t.uetr, t.result, t.accepted, t.payment?.cancellation?.status]),
      [[uetr, 'accepted', true, 'pending']],
    );
    // Asking again is a retry.
    assert.equal((await postCase(node, sbi, request)).transactions[0]!.result, 'already_applied');

    const hdfcFeed = aboutUetr((await feed(node, hdfc, hdfcStart)).messages, uetr);
    assert.deepEqual(hdfcFeed.map((m) => m.type), ['pacs.008.001.08', 'camt.054.001.08', 'camt.056.001.08']);
    const forwarded = hdfcFeed[2]!.xml!;
    assert.equal(one(forwarded, 'OrgnlUETR'), uetr);
    assert.deepEqual(texts(forwarded, 'Cd'), ['DUPL']);
    assert.equal(texts(forwarded, 'Id')[1], 'CASE-RETURN-1');

    const returnFile = renderPart(
      buildPacs004({
        messageId: nextId('RTR'),
        creationDateTime: created,
        instructingAgent: 'HDFCINBB',
        instructedAgent: 'SBININBB',
        transactions: [
          {
            returnId: 'RET-1',
            original: { message: { messageId: file.messageId, messageNameId: 'pacs.008.001.08' }, uetr, endToEndId: payment.endToEndId },
            returnedAmount: { value: '321.00', currency: 'INR' },
            settlementDate: '2026-03-02',
            reason: 'FOCR',
          },
        ],
      }),
    );
    const returned = await postIso(node, hdfc, returnFile);
    assert.equal(returned.status, 200, returned.body);
    assertValidIso(returned.body, 'pacs.002.001.10');
    assert.equal(one(returned.body, 'TxSts'), 'ACSC');
    assert.equal(one(returned.body, 'OrgnlUETR'), uetr);
    assert.equal(one(returned.body, 'OrgnlTxId'), 'RET-1');
    assert.equal(one(returned.body, 'IntrBkSttlmAmt'), '321.00');
    assert.equal(await balance(node, sbi), sbiBefore);
    assert.equal(await balance(node, hdfc), hdfcBefore);
    // Sending the return again moves nothing more.
    const again = await postIso(node, hdfc, returnFile);
    assert.equal(one(again.body, 'TxSts'), 'ACSC');
    assert.equal(await balance(node, sbi), sbiBefore);

    const tracked = await track(node, sbi, uetr);
    assert.equal(tracked.status, 'returned');
    assert.equal(tracked.cancellation?.status, 'accepted');
    assert.deepEqual(tracked.returned?.amount, { value: '321.00', currency: 'INR' });

    const sbiFeed = aboutUetr((await feed(node, sbi, sbiStart)).messages, uetr);
    assert.deepEqual(sbiFeed.map((m) => m.type), ['pacs.002.001.10', 'camt.054.001.08', 'corridor.event', 'pacs.004.001.09', 'camt.054.001.08']);
    assert.equal(sbiFeed[2]!.event?.type, 'payment.cancellation_requested', 'its own request comes back as JSON');
    const pacs004 = sbiFeed[3]!.xml!;
    assert.equal(one(pacs004, 'OrgnlUETR'), uetr);
    assert.equal(one(pacs004, 'RtrId'), 'RET-1');
    assert.equal(one(pacs004, 'RtrdIntrBkSttlmAmt'), '321.00');
    assert.deepEqual(texts(pacs004, 'Cd'), ['FOCR']);
    const credit = sbiFeed[4]!.xml!;
    assert.deepEqual([...new Set(texts(credit, 'CdtDbtInd'))], ['CRDT']);
    assert.match(credit, /<SubFmlyCd>RRTN<\/SubFmlyCd>/);
    const hdfcDebit = aboutUetr((await feed(node, hdfc, hdfcStart)).messages, uetr).at(-1)!;
    assert.equal(hdfcDebit.type, 'camt.054.001.08');
    assert.deepEqual([...new Set(texts(hdfcDebit.xml!, 'CdtDbtInd'))], ['DBIT']);
  });

  it('camt.056 → camt.029 RJCR: the debtor reads the camt.029 and the payment stays settled', async () => {
    const sbiStart = (await feed(node, sbi)).next;
    const file = pacs008({ transactions: [transfer({ amount: '45.00' })] });
    const uetr = file.uetrs[0]!;
    await expectStatus(200, postIso(node, sbi, file.xml));
    const original = { message: { messageId: file.messageId, messageNameId: 'pacs.008.001.08' }, uetr, endToEndId: 'ignored' };
    const request = renderPart(
      buildCamt056({ assignmentId: nextId('CXL'), creationDateTime: created, assigner: 'SBININBB', assignee: 'HDFCINBB', caseId: 'CASE-REJECT-1', caseCreator: 'SBININBB', original, originalSettlementAmount: { value: '45.00', currency: 'INR' }, reason: 'CUST' }),
    );
    assert.equal((await postCase(node, sbi, request)).transactions[0]!.result, 'accepted');

    const answerOf = (status: 'RJCR' | 'ACCR', assigner = 'HDFCINBB') =>
      renderPart(buildCamt029({ assignmentId: nextId('RSL'), creationDateTime: created, assigner, assignee: 'SBININBB', resolvedCase: { id: 'CASE-REJECT-1', creator: 'SBININBB' }, answers: [{ original, status, ...(status === 'RJCR' ? { rejectionReason: 'CUST' as const } : {}) }] }));
    const accepted = await postCase(node, hdfc, answerOf('ACCR'));
    assert.deepEqual(accepted.transactions.map((t) => [t.result, t.accepted]), [['not_applied', false]]);
    // Only the creditor side may answer.
    const foreign = await expectUnchanged(node, () => postCase(node, sbi, answerOf('RJCR', 'SBININBB')));
    assert.deepEqual(foreign.transactions.map((t) => [t.result, t.payment]), [['payment_unknown', null]]);
    const rejected = await postCase(node, hdfc, answerOf('RJCR'));
    assert.deepEqual(rejected.transactions.map((t) => [t.result, t.payment?.cancellation?.status, t.payment?.cancellation?.answerReason, t.payment?.status]), [['accepted', 'rejected', 'CUST', 'settled']]);

    const sbiFeed = aboutUetr((await feed(node, sbi, sbiStart)).messages, uetr);
    assert.deepEqual(sbiFeed.map((m) => m.type), ['pacs.002.001.10', 'camt.054.001.08', 'corridor.event', 'camt.029.001.09']);
    const camt029 = sbiFeed[3]!.xml!;
    assert.equal(one(camt029, 'OrgnlUETR'), uetr);
    assert.equal(one(camt029, 'TxCxlSts'), 'RJCR');
    assert.equal(one(camt029, 'Conf'), 'RJCR');
    assert.deepEqual(texts(camt029, 'Cd'), ['CUST']);
  });

  it('a camt.056 for a payment that is not the caller’s to cancel is refused per transaction and changes nothing', async () => {
    const file = pacs008({ transactions: [transfer({ amount: '2.00' })] });
    await expectStatus(200, postIso(node, sbi, file.xml));
    const original = { message: { messageId: file.messageId, messageNameId: 'pacs.008.001.08' }, uetr: file.uetrs[0]!, endToEndId: 'x' };
    for (const [key, assigner] of [
      [hdfc, 'HDFCINBB'],
      [net.keys.ICBKCNBJ!, 'ICBKCNBJ'],
    ] as const) {
      const request = renderPart(buildCamt056({ assignmentId: nextId('CXL'), creationDateTime: created, assigner, assignee: 'SBININBB', caseId: 'CASE-X', caseCreator: assigner, original, originalSettlementAmount: { value: '2.00', currency: 'INR' }, reason: 'FRAD' }));
      const answer = await expectUnchanged(node, () => postCase(node, key, request));
      assert.deepEqual(answer.transactions.map((t) => [t.uetr, t.result, t.accepted, t.payment]), [[file.uetrs[0], 'payment_unknown', false, null]]);
    }
  });

  it('camt.053 for a day: XSD-valid, its opening and closing balances and entries those of the JSON statement', async () => {
    const account = net.accounts['SBININBB INR']!;
    const tracked = await track(node, sbi, (await postPacs(node, sbi)).uetr);
    const day = tracked.history.at(-1)!.at.slice(0, 10);
    const answer = await call<string>(node, 'GET', `/v1/accounts/${account}/camt053?date=${day}`, { key: sbi });
    assert.equal(answer.status, 200, String(answer.body));
    assert.match(answer.contentType, /^application\/xml/);
    assert.equal(answer.headers.get('corridor-statement-complete'), 'true');
    const xml = answer.body;
    assertValidIso(xml, 'camt.053.001.08');
    const previousEnd = new Date(Date.parse(`${day}T00:00:00Z`) - 1).toISOString().slice(0, 19);
    const json = await expectStatus<{ openingBalance: { value: string }; closingBalance: { value: string }; entries: { id: string }[] }>(
      200,
      call(node, 'GET', `/v1/accounts/${account}/statement?from=${previousEnd}.999999Z&to=${day}T23:59:59.999999Z`, { key: sbi }),
    );
    const signed = (amount: string, side: string) => (side === 'DBIT' ? -cents(amount) : cents(amount));
    const balances = [...xml.matchAll(/<Bal>[\s\S]*?<Cd>(OPBD|CLBD)<\/Cd>[\s\S]*?<Amt Ccy="INR">([^<]+)<\/Amt>\s*<CdtDbtInd>(CRDT|DBIT)<\/CdtDbtInd>/g)].map((m) => [m[1], signed(m[2]!, m[3]!)]);
    assert.deepEqual(balances, [
      ['OPBD', cents(json.openingBalance.value)],
      ['CLBD', cents(json.closingBalance.value)],
    ]);
    assert.equal(texts(xml, 'NtryRef').length, json.entries.length);
    assert.deepEqual(texts(xml, 'NtryRef'), json.entries.map((e) => e.id));
    assert.ok(json.entries.length >= 5);
    // The day before holds nothing: opening = closing.
    const empty = await expectStatus<string>(200, call<string>(node, 'GET', `/v1/accounts/${account}/camt053?date=2001-01-01`, { key: net.operatorKey }));
    assertValidIso(empty);
    assert.equal(texts(empty, 'NtryRef').length, 0);
    // Another bank's account is not found; a date that is not a day is a bad request.
    expectProblem(await call(node, 'GET', `/v1/accounts/${account}/camt053?date=${day}`, { key: hdfc }), 404, 'not-found');
    expectProblem(await call(node, 'GET', `/v1/accounts/${account}/camt053?date=2026-02-30`, { key: sbi }), 400, 'invalid-request');
    expectProblem(await call(node, 'GET', `/v1/accounts/${account}/camt053`, { key: sbi }), 400, 'invalid-request');
  });

  it('a participant’s version set changes the versions it receives, and they still validate', async () => {
    const versions = { 'pacs.008': 'pacs.008.001.09', 'camt.054': 'camt.054.001.10', 'pacs.002': 'pacs.002.001.12', 'head.001': 'head.001.001.03', 'camt.053': 'camt.053.001.12' };
    const own = await expectStatus<ParticipantView>(200, call(node, 'PUT', '/v1/participants/HDFCINBB/iso20022-versions', { key: hdfc, body: versions }));
    assert.equal(own.isoVersions?.['pacs.008'], 'pacs.008.001.09');
    assert.equal(own.isoVersions?.['pacs.004'], 'pacs.004.001.09', 'a message left out keeps its default');
    assert.deepEqual((await expectStatus<ParticipantView>(200, call(node, 'GET', '/v1/participants/HDFCINBB', { key: hdfc }))).isoVersions, own.isoVersions);
    assert.equal('isoVersions' in (await expectStatus<ParticipantView>(200, call(node, 'GET', '/v1/participants/HDFCINBB', { key: sbi }))), false, 'not shown to others');
    await expectStatus(200, call(node, 'PUT', '/v1/participants/SBININBB/iso20022-versions', { key: net.operatorKey, body: { 'pacs.002': 'pacs.002.001.14' } }));

    const hdfcStart = (await feed(node, hdfc)).next;
    const file = pacs008({ version: 'pacs.008.001.13', transactions: [transfer({ amount: '9.99' })] });
    const answer = await postIso(node, sbi, file.xml);
    assert.equal(answer.status, 200);
    assertValidIso(answer.body, 'pacs.002.001.14');
    assert.equal(texts(answer.body, 'OrgnlMsgNmId')[0], 'pacs.008.001.13');
    const received = aboutUetr((await feed(node, hdfc, hdfcStart)).messages, file.uetrs[0]!);
    assert.deepEqual(received.map((m) => m.type), ['pacs.008.001.09', 'camt.054.001.10']);
    for (const m of received) assert.match(m.xml!, /head\.001\.001\.03/);
    const statement = await call<string>(node, 'GET', `/v1/accounts/${net.accounts['HDFCINBB INR']!}/camt053?date=${new Date().toISOString().slice(0, 10)}`, { key: hdfc });
    assertValidIso(statement.body, 'camt.053.001.12');

    // {} restores the defaults; a version not written, or an unknown message, is refused.
    const reset = await expectStatus<ParticipantView>(200, call(node, 'PUT', '/v1/participants/HDFCINBB/iso20022-versions', { key: hdfc, body: {} }));
    assert.equal(reset.isoVersions?.['pacs.008'], 'pacs.008.001.08');
    for (const body of [{ 'pacs.008': 'pacs.008.001.07' }, { 'pacs.008': 'pacs.002.001.10' }, { 'camt.056': 'camt.056.001.08' }, { 'pacs.008': 8 }]) {
      expectProblem(await expectUnchanged(node, () => call(node, 'PUT', '/v1/participants/HDFCINBB/iso20022-versions', { key: hdfc, body })), 400, 'invalid-request');
    }
    expectProblem(await expectUnchanged(node, () => call(node, 'PUT', '/v1/participants/HDFCINBB/iso20022-versions', { key: sbi, body: {} })), 404, 'not-found');
  });
});

async function postPacs(node: TestNode, key: string): Promise<{ uetr: string }> {
  const file = pacs008({ transactions: [transfer({ amount: '3.33' })] });
  const answer = await postIso(node, key, file.xml);
  assert.equal(answer.status, 200, answer.body);
  return { uetr: file.uetrs[0]! };
}


describe('ISO 20022 answers come from durable state', () => {
  it('after a restart (journal replay), the same file gets the same pacs.002 and the feed the same messages', async () => {
    const first = await startTestNode({ webhooks: false });
    const net = await onboardSmallNetwork(first);
    const sbi = net.keys.SBININBB!;
    const hdfc = net.keys.HDFCINBB!;
    const file = pacs008({ header: true, transactions: [transfer({ amount: '12.00' }), transfer({ amount: '77777777.00' })] });
    const answer = await expectStatus<string>(200, postIso(first, sbi, file.xml));
    const hdfcFeed = await feed(first, hdfc);
    const sbiFeed = await feed(first, sbi);
    await first.close();
    const second = await startTestNode({ webhooks: false, dir: first.dir, operatorKey: first.operatorKey });
    try {
      assert.equal(await expectUnchanged(second, () => expectStatus<string>(200, postIso(second, sbi, file.xml))), answer);
      assert.deepEqual(await feed(second, hdfc), hdfcFeed);
      assert.deepEqual(await feed(second, sbi), sbiFeed);
      assert.deepEqual(texts(answer, 'TxSts'), ['ACSC', 'PDNG']);
    } finally {
      await second.dispose();
    }
  });
});

describe('ISO 20022 settlement priority and dns status', () => {
  let node: TestNode;
  let net: SmallNetwork;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
  });
  after(async () => {
    await node.dispose();
  });

  it('SttlmPrty URGT/HIGH, else PmtTpInf/InstrPrty HIGH, makes a payment urgent; NORM or nothing, normal', async () => {
    const sbi = net.keys.SBININBB!;
    const file = pacs008({ transactions: [transfer({ amount: '1.00' }), transfer({ amount: '2.00' }), transfer({ amount: '3.00' }), transfer({ amount: '4.00' })] });
    // Transaction 1: InstrPrty HIGH; 2: SttlmPrty NORM wins over InstrPrty HIGH; 3: SttlmPrty URGT; 4: none.
    const blocks = file.xml.split('</CdtTrfTxInf>');
    const withPriority = (block: string, typeInfo: string, settlement: string) =>
      block.replace('</PmtId>', `</PmtId>${typeInfo}`).replace(/(<IntrBkSttlmDt>[^<]*<\/IntrBkSttlmDt>)/, `$1${settlement}`);
    const high = '<PmtTpInf><InstrPrty>HIGH</InstrPrty></PmtTpInf>';
    blocks[0] = withPriority(blocks[0]!, high, '');
    blocks[1] = withPriority(blocks[1]!, high, '<SttlmPrty>NORM</SttlmPrty>');
    blocks[2] = withPriority(blocks[2]!, '', '<SttlmPrty>URGT</SttlmPrty>');
    const answer = await postIso(node, sbi, blocks.join('</CdtTrfTxInf>'));
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual(texts(answer.body, 'TxSts'), ['ACSC', 'ACSC', 'ACSC', 'ACSC']);
    const priorities = await Promise.all(file.uetrs.map(async (uetr) => (await track(node, sbi, uetr)) as PaymentView & { priority: string }));
    assert.deepEqual(priorities.map((p) => p.priority), ['urgent', 'normal', 'urgent', 'normal']);
    // The creditor side's pacs.008 says which were urgent (SttlmPrty HIGH), and nothing for the others.
    const received = (await feed(node, net.keys.HDFCINBB!)).messages;
    const forwarded = file.uetrs.map((uetr) => aboutUetr(received, uetr).find((m) => m.type.startsWith('pacs.008'))!.xml!);
    assert.deepEqual(forwarded.map((xml) => texts(xml, 'SttlmPrty')), [['HIGH'], [], ['HIGH'], []]);
  });

  it('dns: a payment accepted into the open window is ACSP (settlement in process), not PDNG; ACSC once the window settles', async () => {
    const op = net.operatorKey;
    await expectStatus(201, call(node, 'POST', '/v1/currencies', { key: op, body: { code: 'CHF', mode: 'dns', agent: 'PBOCCNBJ' } }));
    for (const bic of ['SBININBB', 'HDFCINBB']) await expectStatus(200, call(node, 'POST', `/v1/participants/${bic}/currencies`, { key: op, body: { currency: 'CHF' } }));
    await expectStatus(201, call(node, 'POST', '/v1/funding', { key: op, body: { direction: 'in', participant: 'SBININBB', amount: { value: '100.00', currency: 'CHF' }, reference: 'iso-chf' } }));
    const file = pacs008({ transactions: [transfer({ currency: 'CHF', amount: '40.00' })] });
    const answer = await postIso(node, net.keys.SBININBB!, file.xml);
    assert.equal(answer.status, 200, answer.body);
    assertValidIso(answer.body);
    assert.equal(one(answer.body, 'TxSts'), 'ACSP');
    assert.equal((await track(node, net.keys.SBININBB!, file.uetrs[0]!)).status, 'accepted');
    // A resend of the same file is answered from the record: still ACSP while the window is open.
    assert.equal(one((await postIso(node, net.keys.SBININBB!, file.xml)).body, 'TxSts'), 'ACSP');
    await expectStatus(200, call(node, 'POST', '/v1/settlement/CHF/windows/1/close', { key: op }));
    await expectStatus(200, call(node, 'POST', '/v1/settlement/CHF/windows/1/settle', { key: op }));
    assert.equal(one((await postIso(node, net.keys.SBININBB!, file.xml)).body, 'TxSts'), 'ACSC');
  });
});
