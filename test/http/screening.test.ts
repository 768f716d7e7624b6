/**
 * Compliance screening end to end over HTTP: lists loaded by the operator (and refused whole
 * when wrong), payments held, released and settled, or rejected; what participants and
 * compliance officers may see and do; ISO 20022 status reports; replay equals live.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildCamt056 } from '../../src/http/iso/camt056.js';
import { buildPacs008, renderPart } from '../../src/iso20022/index.js';
import { auditJournal } from '../support/journal-audit.js';
import { call, expectProblem, expectStatus, expectUnchanged, fingerprint, onboardSmallNetwork, sendPayment, startTestNode, type SmallNetwork, type TestNode } from './support.js';

const csvList = [
  'list_id,entry_id,entity_type,primary_name,aliases,listed_on,birth_dates,countries,bics,remarks',
  'OFAC-SDN,1001,entity,"Sberbank of Russia, PJSC",Sberbank|ПАО Сбербанк,2022-04-06,,RU,SABRRUMM,"Directive 1"',
  'OFAC-SDN,1002,individual,Viktor PETRENKO,,2014-03-20,1961,UA|RU,,',
  'OFAC-SDN,1003,entity,Oceanic Shadow Trading LLC,,2020-01-01,,,,',
].join('\n');

const jsonList = JSON.stringify({ entries: [{ listId: 'UN', entryId: 'QDi.001', entityType: 'entity', primaryName: 'Al-Qaida', aliases: ['The Base'], listedOn: '2001-10-06', birthDates: [], countries: [], bics: [], remarks: '' }] });

interface PaymentView {
  uetr: string;
  status: string;
  isoStatus: string | null;
  reason: { code: string } | null;
  history: { status: string; isoStatus: string | null }[];
}

interface HoldView {
  uetr: string;
  state: string;
  lists: string[];
  hits: { kind: string; listId: string; entryId: string; field: string; score: number; listedName?: string }[];
  decision: { action: string; officer: string; keyId: string; at: string; reason: string | null; note: string } | null;
  payment: PaymentView;
}

function uploadList(node: TestNode, key: string, listId: string, version: string, body: string, contentType: string, query = '') {
  return call(node, 'PUT', `/v1/screening/lists/${listId}/versions/${version}${query}`, { key, body, headers: { 'content-type': contentType } });
}

function balance(node: TestNode, key: string, accountId: string): Promise<string> {
  return expectStatus<{ balance: { value: string } }>(200, call(node, 'GET', `/v1/accounts/${accountId}`, { key })).then((a) => a.balance.value);
}

describe('compliance screening over HTTP', () => {
  let node: TestNode;
  let net: SmallNetwork;
  let officerKey: string;
  const sbi = () => net.keys.SBININBB!;
  const hdfc = () => net.keys.HDFCINBB!;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
  });
  after(async () => {
    await node.dispose();
  });

  it('a list file with errors is refused whole, with line and reason, and the active lists stay as they were', async () => {
    const first = await uploadList(node, net.operatorKey, 'OFAC-SDN', '2026-01', csvList, 'text/csv');
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual(first.body, { listId: 'OFAC-SDN', active: '2026-01', jurisdictions: 'all', versions: [{ version: '2026-01', entries: 3 }] });
    const broken = `${csvList}\nOFAC-SDN,1004,person,Someone Else,,,,,,\nOFAC-SDN,1005,entity,Bad Bic Ltd,,,,,NOTABIC,`;
    const refused = await expectUnchanged(node, () => uploadList(node, net.operatorKey, 'OFAC-SDN', '2026-02', broken, 'text/csv'));
    const problem = expectProblem(refused, 422, "list-invalid") as unknown as { errors: { path: string; message: string }[] };
    assert.deepEqual(
      problem.errors.map((e) => [e.path, e.message.split(':')[0]]),
      [
        ['line 5, column 3, entity_type', 'entity_type_unknown'],
        ['line 6, column 9, bics[0]', 'bic_invalid'],
      ],
    );
    const lists = await expectStatus<{ lists: { listId: string; active: string; versions: unknown[] }[] }>(200, call(node, 'GET', '/v1/screening/lists', { key: net.operatorKey }));
    assert.deepEqual(lists.lists.map((l) => [l.listId, l.active, l.versions.length]), [['OFAC-SDN', '2026-01', 1]]);
    // A JSON list of another id, for India only.
    const un = await uploadList(node, net.operatorKey, 'UN', 'v1', jsonList, 'application/json', '?jurisdictions=IN');
    assert.equal(un.status, 201, JSON.stringify(un.body));
    // The file's list must be the one named in the path.
    expectProblem(await uploadList(node, net.operatorKey, 'OTHER', 'v1', jsonList, 'application/json'), 422, 'list-invalid');
    // And a participant may not load lists at all.
    expectProblem(await uploadList(node, sbi(), 'UN', 'v2', jsonList, 'application/json'), 403, 'forbidden');
  });

  it('the operator issues a compliance officer a key; the officer cannot move money or see accounts', async () => {
    const created = await expectStatus<{ key: string; officer: string }>(201, call(node, 'POST', '/v1/screening/officers/maria.k/api-keys', { key: net.operatorKey }));
    officerKey = created.key;
    expectProblem(await sendPayment(node, officerKey, { endToEndId: 'x', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' }), 403, 'forbidden');
    expectProblem(await call(node, 'GET', '/v1/accounts', { key: officerKey }), 403, 'forbidden');
    expectProblem(await call(node, 'POST', '/v1/funding', { key: officerKey, body: { direction: 'in', participant: 'SBININBB', amount: { value: '1.00', currency: 'INR' }, reference: 'officer' } }), 403, 'forbidden');
    const holds = await expectStatus<{ holds: unknown[] }>(200, call(node, 'GET', '/v1/screening/holds', { key: officerKey }));
    assert.deepEqual(holds.holds, []);
  });

  let releasedUetr = '';
  it('a payment naming a listed party is held (pending), then released by the officer and settled', async () => {
    const before = await balance(node, sbi(), net.accounts['SBININBB INR']!);
    const sent = await sendPayment<PaymentView>(node, sbi(), { endToEndId: 'held-1', amount: { value: '250.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Viktor Petrenco' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.equal(sent.body.status, 'held');
    assert.equal(sent.body.isoStatus, 'PDNG');
    releasedUetr = sent.body.uetr;
    assert.equal(await balance(node, sbi(), net.accounts['SBININBB INR']!), before);
    // Participants see the status only; they can neither see nor decide the hold.
    expectProblem(await call(node, 'GET', `/v1/screening/holds/${releasedUetr}`, { key: sbi() }), 403, 'forbidden');
    expectProblem(await call(node, 'GET', '/v1/screening/holds', { key: hdfc() }), 403, 'forbidden');
    expectProblem(await call(node, 'POST', `/v1/screening/holds/${releasedUetr}/release`, { key: sbi(), body: { note: 'mine' } }), 403, 'forbidden');
    expectProblem(await call(node, 'POST', `/v1/screening/holds/${releasedUetr}/release`, { key: net.operatorKey, body: { note: 'op' } }), 403, 'forbidden');
    // The creditor's side does not learn of it while it is held; an unrelated bank never.
    expectProblem(await call(node, 'GET', `/v1/payments/${releasedUetr}`, { key: hdfc() }), 404, 'not-found');
    expectProblem(await call(node, 'GET', `/v1/payments/${releasedUetr}`, { key: net.keys.ICBKCNBJ! }), 404, 'not-found');
    const hold = await expectStatus<HoldView>(200, call(node, 'GET', `/v1/screening/holds/${releasedUetr}`, { key: officerKey }));
    assert.equal(hold.state, 'open');
    assert.deepEqual(hold.lists, ['OFAC-SDN@2026-01', 'UN@v1']);
    assert.equal(hold.hits[0]!.entryId, '1002');
    assert.equal(hold.hits[0]!.field, 'creditor.name');
    assert.equal(hold.hits[0]!.listedName, 'Viktor PETRENKO');
    const open = await expectStatus<{ holds: HoldView[] }>(200, call(node, 'GET', '/v1/screening/holds', { key: officerKey }));
    assert.deepEqual(open.holds.map((h) => h.uetr), [releasedUetr]);
    const released = await expectStatus<HoldView>(200, call(node, 'POST', `/v1/screening/holds/${releasedUetr}/release`, { key: officerKey, body: { note: 'other person: born 1990, per KYC file 77' } }));
    assert.equal(released.state, 'released');
    assert.equal(released.decision!.officer, 'maria.k');
    assert.equal(released.decision!.note, 'other person: born 1990, per KYC file 77');
    assert.equal(released.payment.status, 'settled');
    const tracked = await expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${releasedUetr}`, { key: sbi() }));
    assert.deepEqual(tracked.history.map((h) => [h.status, h.isoStatus]), [['received', 'RCVD'], ['validated', 'ACTC'], ['held', 'PDNG'], ['released', 'ACTC'], ['settled', 'ACSC']]);
    assert.equal(await balance(node, sbi(), net.accounts['SBININBB INR']!), (Number(before) - 250).toFixed(2));
    // Released and settled, the creditor side sees it like any payment it received.
    assert.equal((await expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${releasedUetr}`, { key: hdfc() }))).status, 'settled');
    // Deciding again otherwise is refused.
    expectProblem(await call(node, 'POST', `/v1/screening/holds/${releasedUetr}/rejection`, { key: officerKey, body: { reason: 'RR04', note: 'changed my mind' } }), 409, 'hold-decided');
  });

  it('another is rejected with a reason: the sender gets a rejection and no money moves', async () => {
    const before = await balance(node, sbi(), net.accounts['SBININBB INR']!);
    const sent = await sendPayment<PaymentView>(node, sbi(), {
      endToEndId: 'held-2',
      amount: { value: '75.00', currency: 'INR' },
      creditorAgent: 'HDFCINBB',
      creditorName: 'Pune Textiles',
      ultimateCreditor: { name: 'Oceanic Shadow Trading' },
    });
    assert.equal(sent.body.status, 'held');
    const uetr = sent.body.uetr;
    const rejected = await expectStatus<HoldView>(200, call(node, 'POST', `/v1/screening/holds/${uetr}/rejection`, { key: officerKey, body: { reason: 'RR04', note: 'confirmed: listed entity 1003' } }));
    assert.equal(rejected.state, 'rejected');
    assert.equal(rejected.hits[0]!.field, 'ultimateCreditor.name');
    const tracked = await expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: sbi() }));
    assert.equal(tracked.status, 'rejected');
    assert.equal(tracked.reason!.code, 'RR04');
    assert.deepEqual(tracked.history.map((h) => h.status), ['received', 'validated', 'held', 'rejected']);
    assert.equal(await balance(node, sbi(), net.accounts['SBININBB INR']!), before);
    expectProblem(await call(node, 'GET', `/v1/payments/${uetr}`, { key: hdfc() }), 404, 'not-found');
    const inbox = await expectStatus<{ events: { type: string; reference: string; reason: { code: string } | null }[] }>(200, call(node, 'GET', '/v1/inbox?limit=1000', { key: sbi() }));
    const event = inbox.events.find((e) => e.reference === uetr);
    assert.equal(event?.type, 'payment.rejected');
    assert.equal(event?.reason?.code, 'RR04');
  });

  it('an ISO 20022 payment naming a listed party gets a pacs.002 saying pending, and RJCT once rejected', async () => {
    const uetr = randomUUID();
    const xml = renderPart(
      buildPacs008({
        messageId: 'SCREEN-ISO-1',
        creationDateTime: '2026-03-02T10:00:00+00:00',
        instructingAgent: 'SBININBB',
        instructedAgent: 'RBISINBB',
        transactions: [{ uetr, endToEndId: 'SCREEN-ISO-1', settlementAmount: { value: '10.00', currency: 'INR' }, settlementDate: '2026-03-02', debtor: { name: 'Asha Traders' }, debtorAgent: 'SBININBB', creditorAgent: 'HDFCINBB', creditor: { name: 'ПАО Сбербанк' } }],
      }),
    );
    const answer = await call<string>(node, 'POST', '/v1/iso20022', { key: sbi(), body: xml, headers: { 'content-type': 'application/xml' } });
    assert.equal(answer.status, 200, String(answer.body));
    assert.match(answer.body, /<TxSts>PDNG<\/TxSts>/);
    const hold = await expectStatus<HoldView>(200, call(node, 'GET', `/v1/screening/holds/${uetr}`, { key: officerKey }));
    assert.equal(hold.hits[0]!.entryId, '1001');
    await expectStatus(200, call(node, 'POST', `/v1/screening/holds/${uetr}/rejection`, { key: officerKey, body: { reason: 'RR04', note: 'listed bank' } }));
    const tracked = await expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: sbi() }));
    assert.equal(tracked.isoStatus, 'RJCT');
  });

  it('from a pacs.008, the ultimate creditor and the debtor’s postal address are screened', async () => {
    const uetr = randomUUID();
    const plain = renderPart(
      buildPacs008({
        messageId: 'SCREEN-ISO-2',
        creationDateTime: '2026-03-02T10:00:00+00:00',
        instructingAgent: 'SBININBB',
        instructedAgent: 'RBISINBB',
        transactions: [{ uetr, endToEndId: 'SCREEN-ISO-2', settlementAmount: { value: '10.00', currency: 'INR' }, settlementDate: '2026-03-02', debtor: { name: 'Asha Traders' }, debtorAgent: 'SBININBB', creditorAgent: 'HDFCINBB', creditor: { name: 'Pune Textiles' } }],
      }),
    );
    // The builder writes neither ultimate parties nor addresses: added where the schema has them.
    const xml = plain
      .replace('<Nm>Asha Traders</Nm>', '<Nm>Asha Traders</Nm><PstlAdr><TwnNm>Pune</TwnNm><AdrLine>c/o Viktor Petrenko</AdrLine></PstlAdr>')
      .replace('</Cdtr>', '</Cdtr><UltmtCdtr><Nm>Oceanic Shadow Trading</Nm></UltmtCdtr>');
    assert.notEqual(xml, plain);
    const answer = await call<string>(node, 'POST', '/v1/iso20022', { key: sbi(), body: xml, headers: { 'content-type': 'application/xml' } });
    assert.equal(answer.status, 200, String(answer.body));
    assert.match(answer.body, /<TxSts>PDNG<\/TxSts>/);
    const hold = await expectStatus<HoldView>(200, call(node, 'GET', `/v1/screening/holds/${uetr}`, { key: officerKey }));
    assert.deepEqual(new Set(hold.hits.map((h) => `${h.entryId} ${h.field}`)), new Set(['1003 ultimateCreditor.name', '1002 debtor.address']));
  });

  it('a list scoped to other jurisdictions does not apply; a clear payment settles at once', async () => {
    // UN applies to IN only: a CNY payment between Chinese banks naming Al-Qaida is not screened against it.
    const cn = await sendPayment<PaymentView>(node, net.keys.ICBKCNBJ!, { endToEndId: 'cn', amount: { value: '5.00', currency: 'CNY' }, creditorAgent: 'BKCHCNBJ', creditorName: 'Al-Qaida' });
    assert.equal(cn.body.status, 'settled');
    const inr = await sendPayment<PaymentView>(node, sbi(), { endToEndId: 'in', amount: { value: '5.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Al-Qaida' });
    assert.equal(inr.body.status, 'held');
    const clear = await sendPayment<PaymentView>(node, sbi(), { endToEndId: 'clear', amount: { value: '5.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Pune Textiles' });
    assert.equal(clear.body.status, 'settled');
  });

  it('the sender cancels its own held payment: the hold is withdrawn (who, when), an officer’s decision is 409 and changes nothing', async () => {
    const before = await balance(node, sbi(), net.accounts['SBININBB INR']!);
    const sent = await sendPayment<PaymentView>(node, sbi(), { endToEndId: 'withdrawn-1', amount: { value: '40.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Viktor Petrenco' });
    assert.equal(sent.body.status, 'held');
    const uetr = sent.body.uetr;
    // Only the debtor side may cancel it: to the creditor side and to a stranger it does not exist.
    expectProblem(await expectUnchanged(node, () => call(node, 'POST', `/v1/payments/${uetr}/cancel`, { key: hdfc() })), 404, 'not-found');
    expectProblem(await expectUnchanged(node, () => call(node, 'POST', `/v1/payments/${uetr}/cancel`, { key: net.keys.ICBKCNBJ! })), 404, 'not-found');
    const cancelled = await expectStatus<PaymentView>(200, call(node, 'POST', `/v1/payments/${uetr}/cancel`, { key: sbi() }));
    assert.equal(cancelled.status, 'rejected');
    assert.equal(cancelled.reason!.code, 'DS02');
    assert.deepEqual(cancelled.history.map((h) => [h.status, h.isoStatus]), [['received', 'RCVD'], ['validated', 'ACTC'], ['held', 'PDNG'], ['rejected', 'RJCT']]);
    // A retry answers the same.
    assert.equal((await expectStatus<PaymentView>(200, call(node, 'POST', `/v1/payments/${uetr}/cancel`, { key: sbi() }))).status, 'rejected');
    const hold = await expectStatus<HoldView & { withdrawal: { by: string; at: string; reason: string } | null }>(200, call(node, 'GET', `/v1/screening/holds/${uetr}`, { key: officerKey }));
    assert.equal(hold.state, 'withdrawn');
    assert.equal(hold.decision, null);
    assert.equal(hold.withdrawal!.by, 'SBININBB');
    assert.equal(hold.withdrawal!.reason, 'DS02');
    assert.equal(hold.withdrawal!.at, (cancelled as unknown as { history: { at: string }[] }).history[3]!.at);
    expectProblem(await expectUnchanged(node, () => call(node, 'POST', `/v1/screening/holds/${uetr}/release`, { key: officerKey, body: { note: 'too late' } })), 409, 'hold-withdrawn');
    expectProblem(await expectUnchanged(node, () => call(node, 'POST', `/v1/screening/holds/${uetr}/rejection`, { key: officerKey, body: { reason: 'RR04', note: 'too late' } })), 409, 'hold-withdrawn');
    // No longer awaiting a decision; listed with the withdrawn ones.
    const open = await expectStatus<{ holds: HoldView[] }>(200, call(node, 'GET', '/v1/screening/holds', { key: officerKey }));
    assert.ok(!open.holds.some((h) => h.uetr === uetr));
    const withdrawn = await expectStatus<{ holds: HoldView[] }>(200, call(node, 'GET', '/v1/screening/holds?state=withdrawn', { key: officerKey }));
    assert.deepEqual(withdrawn.holds.map((h) => h.uetr), [uetr]);
    assert.equal(await balance(node, sbi(), net.accounts['SBININBB INR']!), before);
    const inbox = await expectStatus<{ events: { type: string; reference: string; reason: { code: string } | null }[] }>(200, call(node, 'GET', '/v1/inbox?limit=1000', { key: sbi() }));
    assert.deepEqual(inbox.events.filter((e) => e.reference === uetr).map((e) => [e.type, e.reason?.code]), [['payment.rejected', 'DS02']]);
    expectProblem(await call(node, 'GET', `/v1/payments/${uetr}`, { key: hdfc() }), 404, 'not-found');
  });

  it('a queued payment is screened again when a list naming its creditor is activated: held, pending; then cancelled by camt.056', async () => {
    const funds = Number(await balance(node, sbi(), net.accounts['SBININBB INR']!));
    const sent = await sendPayment<PaymentView>(node, sbi(), { endToEndId: 'queued-1', amount: { value: (funds + 100).toFixed(2), currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Rajesh Kumar Exports' });
    assert.equal(sent.body.status, 'queued');
    const uetr = sent.body.uetr;
    const local = JSON.stringify({ entries: [{ listId: 'LOCAL', entryId: 'L-1', entityType: 'entity', primaryName: 'Rajesh Kumar Exports', aliases: [], listedOn: null, birthDates: [], countries: [], bics: [], remarks: '' }] });
    assert.equal((await uploadList(node, net.operatorKey, 'LOCAL', 'v1', local, 'application/json')).status, 201);
    const tracked = await expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: sbi() }));
    assert.equal(tracked.status, 'held');
    assert.equal(tracked.isoStatus, 'PDNG');
    assert.deepEqual(tracked.history.map((h) => [h.status, h.isoStatus]), [['received', 'RCVD'], ['validated', 'ACTC'], ['queued', 'PDNG'], ['held', 'PDNG']]);
    const hold = await expectStatus<HoldView>(200, call(node, 'GET', `/v1/screening/holds/${uetr}`, { key: officerKey }));
    assert.equal(hold.state, 'open');
    assert.deepEqual(hold.lists, ['LOCAL@v1', 'OFAC-SDN@2026-01', 'UN@v1']);
    assert.deepEqual([hold.hits[0]!.listId, hold.hits[0]!.entryId, hold.hits[0]!.field], ['LOCAL', 'L-1', 'creditor.name']);
    // Out of the queue: the settlement queue of INR no longer lists it.
    const queue = await expectStatus<{ payments: { uetr: string }[] }>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: net.operatorKey }));
    assert.ok(!queue.payments.some((p) => p.uetr === uetr));
    // The sender takes it back with a camt.056: accepted at once, the hold withdrawn with the camt.056’s reason.
    const xml = renderPart(
      buildCamt056({
        assignmentId: 'CXL-HELD-1',
        creationDateTime: '2026-03-02T10:00:00+00:00',
        assigner: 'SBININBB',
        assignee: 'HDFCINBB',
        caseId: 'CASE-HELD-1',
        caseCreator: 'SBININBB',
        original: { message: { messageId: 'JSON-PAYMENT', messageNameId: 'pacs.008.001.08' }, uetr, endToEndId: 'queued-1' },
        originalSettlementAmount: { value: (funds + 100).toFixed(2), currency: 'INR' },
        reason: 'CUST',
      }),
    );
    // Sent by another bank, the file is not its own to send; nothing changes.
    const foreign = await expectUnchanged(node, () => call(node, 'POST', '/v1/iso20022', { key: hdfc(), body: xml, headers: { 'content-type': 'application/xml' } }));
    assert.equal(foreign.status, 403, JSON.stringify(foreign.body));
    assert.equal((await expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: sbi() }))).status, 'held');
    const answer = await call<{ transactions: { uetr: string; result: string; accepted: boolean; payment: { status: string; cancellation: { status: string } } }[] }>(node, 'POST', '/v1/iso20022', {
      key: sbi(),
      body: xml,
      headers: { 'content-type': 'application/xml' },
    });
    assert.equal(answer.status, 202, JSON.stringify(answer.body));
    assert.deepEqual(answer.body.transactions.map((t) => [t.uetr, t.result, t.accepted, t.payment.status, t.payment.cancellation.status]), [[uetr, 'accepted', true, 'rejected', 'accepted']]);
    const after = await expectStatus<HoldView & { withdrawal: { by: string; reason: string } | null }>(200, call(node, 'GET', `/v1/screening/holds/${uetr}`, { key: officerKey }));
    assert.deepEqual([after.state, after.withdrawal!.by, after.withdrawal!.reason], ['withdrawn', 'SBININBB', 'CUST']);
    // The sender's ISO feed has the rejection, a pacs.002 RJCT with reason DS02, and the answer to its camt.056, a camt.029 ACCR.
    const feed = await expectStatus<{ messages: { type: string; xml: string | null }[] }>(200, call(node, 'GET', '/v1/iso20022/messages?limit=1000', { key: sbi() }));
    const about = feed.messages.filter((m) => (m.xml ?? '').includes(uetr));
    assert.deepEqual(about.map((m) => m.type), ['pacs.002.001.10', 'camt.029.001.09']);
    assert.match(about[0]!.xml!, /<TxSts>RJCT<\/TxSts>[\s\S]*<Cd>DS02<\/Cd>/);
    assert.match(about[1]!.xml!, /<TxCxlSts>ACCR<\/TxCxlSts>/);
  });

  it('replay of the journal from empty equals the live state, lists and holds included; a restart keeps them', async () => {
    const live = await fingerprint(node);
    const { replayHash } = await auditJournal(node.dbPath);
    assert.equal(replayHash.toString('hex'), live);
    const { dir, operatorKey } = node;
    await node.close();
    node = await startTestNode({ webhooks: false, dir, operatorKey });
    assert.equal(await fingerprint(node), live);
    // The restarted node rebuilds its index from the lists: a listed name is still held.
    const again = await sendPayment<PaymentView>(node, sbi(), { endToEndId: 'after-restart', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Viktor Petrenko' });
    assert.equal(again.body.status, 'held');
  });
});
