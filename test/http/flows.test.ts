/**
 * End-to-end flows against a real node: HTTP on a random local port, the journal in a real
 * SQLite file. Everything is done through the API, as a bank or the operator would.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { generateOperatorKey } from '../../src/http/auth.js';
import { call, newIdempotencyKey, onboardSmallNetwork, sendPayment, startTestNode, type Answer, type SmallNetwork, type TestNode } from './support.js';

interface Money {
  value: string;
  currency: string;
}
interface Reason {
  code: string;
  description: string;
}
interface ProblemView {
  type: string;
  title: string;
  status: number;
  detail: string;
}
interface ParticipantView {
  bic: string;
  name: string;
  country: string;
  type: string;
  sponsor: string | null;
  roles: string[];
  currencies: string[];
  suspended?: boolean;
  webhook?: { url: string } | null;
  joinedAt?: string;
}
interface AccountView {
  id: string;
  participant: string;
  currency: string;
  kind: string;
  balance: Money;
  available: Money;
  creditLine: Money;
  netDebitCap: Money | null;
  debitsPosted: Money;
  creditsPosted: Money;
  debitsPending: Money;
  creditsPending: Money;
}
interface PaymentView {
  uetr: string;
  endToEndId: string;
  status: string;
  isoStatus: string;
  reason: Reason | null;
  amount: Money;
  sender: string;
  debtorAgent: string;
  creditorAgent: string;
  debtorName: string;
  creditorName: string;
  remittanceInformation: string;
  transferId: string | null;
  history: { status: string; isoStatus: string; at: string; reason: Reason | null }[];
}
interface FundingView {
  reference: string;
  direction: string;
  participant: string;
  amount: Money;
  transferId: string;
  at: string;
}
interface InboxEventView {
  seq: number;
  id: string;
  at: string;
  type: string;
  status: string | null;
  reason: Reason | null;
  reference: string;
  amount: Money | null;
  payment: {
    uetr: string;
    endToEndId: string;
    debtorAgent: string;
    creditorAgent: string;
    debtorName: string;
    creditorName: string;
    remittanceInformation: string;
  } | null;
}
interface InboxPage {
  events: InboxEventView[];
  next: number;
}
interface TransferEntry {
  id: string;
  at: string;
  cursor: string;
  kind: string;
  direction: 'debit' | 'credit';
  amount: Money;
  uetr: string | null;
  endToEndId: string;
}
interface TransfersPage {
  account: string;
  transfers: TransferEntry[];
  next: string | null;
}
interface StatementView {
  account: string;
  currency: string;
  from: string;
  to: string;
  openingBalance: Money;
  closingBalance: Money;
  entries: TransferEntry[];
  complete: boolean;
}

const uuidV4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** "1234.56" (two decimals, INR and CNY) → minor units. */
function minor(value: string): bigint {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(value);
  assert.ok(match !== null, `${value} is an amount with two decimals`);
  const units = BigInt(match[2]!) * 100n + BigInt(match[3]!);
  return match[1] === '-' ? -units : units;
}

/** Minor units → "1234.56" / "-0.05". */
function decimal(units: bigint): string {
  const sign = units < 0n ? '-' : '';
  const abs = units < 0n ? -units : units;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** "2026-11-29T09:40:00.123456Z" → µs since the epoch. */
function micros(iso: string): number {
  assert.match(iso, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
  return Date.parse(`${iso.slice(0, 23)}Z`) * 1000 + Number(iso.slice(23, 26));
}

/** The fields of a participant, a payment or an event these tests look at (the views may grow more). */
function picked<T extends object, K extends keyof T>(record: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, record[key]])) as Pick<T, K>;
}
const participantFields = ['bic', 'name', 'country', 'type', 'sponsor', 'roles', 'currencies', 'suspended', 'webhook'] as const;
const paymentFields = ['endToEndId', 'status', 'isoStatus', 'reason', 'amount', 'sender', 'debtorAgent', 'creditorAgent', 'debtorName', 'creditorName', 'remittanceInformation'] as const;
const eventFields = ['seq', 'id', 'type', 'status', 'reason', 'reference', 'amount', 'payment'] as const;
const fundingFields = ['reference', 'direction', 'participant', 'amount'] as const;

/** Asserts a problem answer: its status and its stable type. */
function assertProblem(answer: Answer, status: number, slug: string): void {
  const body = answer.body as ProblemView;
  assert.equal(answer.status, status, `expected ${status} ${slug}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  assert.equal(body.type, `urn:corridor:problem:${slug}`);
  assert.equal(body.status, status);
  assert.match(answer.contentType, /^application\/problem\+json/);
}

function expectOk<T>(answer: Answer<T>, status: number): T {
  assert.equal(answer.status, status, `expected ${status}, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

/** The settlement account of the key's holder in one currency, as that holder sees it. */
async function ownAccount(node: { url: string }, key: string, currency: string): Promise<AccountView> {
  const { accounts } = expectOk(await call<{ accounts: AccountView[] }>(node, 'GET', '/v1/accounts', { key }), 200);
  const account = accounts.find((a) => a.currency === currency && a.kind === 'settlement');
  assert.ok(account !== undefined, `a settlement account in ${currency}`);
  return account;
}

async function balance(node: { url: string }, key: string, currency: string): Promise<string> {
  return (await ownAccount(node, key, currency)).balance.value;
}

/** Every account (settlement and agent) as the operator sees it. */
async function allAccounts(node: { url: string; operatorKey: string }): Promise<AccountView[]> {
  return expectOk(await call<{ accounts: AccountView[] }>(node, 'GET', '/v1/accounts', { key: node.operatorKey }), 200).accounts;
}

async function inbox(node: { url: string }, key: string, query = ''): Promise<InboxPage> {
  return expectOk(await call<InboxPage>(node, 'GET', `/v1/inbox${query}`, { key }), 200);
}

async function fund(node: { url: string; operatorKey: string }, body: unknown, key = node.operatorKey): Promise<Answer<FundingView>> {
  return call<FundingView>(node, 'POST', '/v1/funding', { key, body });
}

function keyOf(net: SmallNetwork, bic: string): string {
  const key = net.keys[bic];
  assert.ok(key !== undefined, `a key for ${bic}`);
  return key;
}

const inr = (value: string): Money => ({ value, currency: 'INR' });
const cny = (value: string): Money => ({ value, currency: 'CNY' });

describe('onboarding through the API', () => {
  let node: TestNode;
  before(async () => {
    node = await startTestNode({ webhooks: false });
  });
  after(() => node.dispose());

  const rbi = { bic: 'RBISINBB', name: 'Reserve Bank of India', country: 'IN', type: 'direct', roles: ['settlement_agent'], currencies: [] };
  const sbi = { bic: 'SBININBB', name: 'State Bank of India', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] };
  const coop = { bic: 'COOPINBBXXX', name: 'Cooperative Bank', country: 'IN', type: 'indirect', sponsor: 'SBININBB', roles: ['bank'], currencies: ['INR'] };

  it('registers an agent, its currency and participants; an identical re-post is 200, a different one 409 already-exists', async () => {
    const key = node.operatorKey;
    const agent = expectOk(await call<ParticipantView>(node, 'POST', '/v1/participants', { key, body: rbi }), 201);
    assert.deepEqual(picked(agent, participantFields), { ...rbi, sponsor: null, suspended: false, webhook: null });
    assert.equal(typeof agent.joinedAt, 'string');

    const currency = expectOk(await call<unknown>(node, 'POST', '/v1/currencies', { key, body: { code: 'INR', mode: 'rtgs', agent: 'RBISINBB' } }), 201);
    assert.deepEqual(currency, { code: 'INR', exponent: 2, mode: 'rtgs', agent: 'RBISINBB', queueOrder: 'fifo-bypass' });
    assert.deepEqual(expectOk(await call(node, 'POST', '/v1/currencies', { key, body: { code: 'INR', mode: 'rtgs', agent: 'RBISINBB' } }), 200), currency);
    assertProblem(await call(node, 'POST', '/v1/currencies', { key, body: { code: 'INR', mode: 'dns', agent: 'RBISINBB' } }), 409, 'already-exists');

    const bank = expectOk(await call<ParticipantView>(node, 'POST', '/v1/participants', { key, body: sbi }), 201);
    assert.deepEqual([bank.bic, bank.type, bank.sponsor, bank.currencies, bank.suspended], ['SBININBB', 'direct', null, ['INR'], false]);
    // The same registration again: 200 with the record as it is, nothing new.
    const again = expectOk(await call<ParticipantView>(node, 'POST', '/v1/participants', { key, body: sbi }), 200);
    assert.deepEqual(again, bank);
    // The agent re-posted as first registered (it joined INR since): still the same registration.
    assert.equal((await call(node, 'POST', '/v1/participants', { key, body: rbi })).status, 200);

    const renamed = await call(node, 'POST', '/v1/participants', { key, body: { ...sbi, name: 'State Bank' } });
    assertProblem(renamed, 409, 'already-exists');
    assertProblem(await call(node, 'POST', '/v1/participants', { key, body: { ...sbi, roles: ['bank', 'fx_provider'] } }), 409, 'already-exists');
    const stored = expectOk(await call<ParticipantView>(node, 'GET', '/v1/participants/SBININBB', { key }), 200);
    assert.equal(stored.name, 'State Bank of India');

    const indirect = expectOk(await call<ParticipantView>(node, 'POST', '/v1/participants', { key, body: coop }), 201);
    assert.deepEqual([indirect.type, indirect.sponsor, indirect.currencies], ['indirect', 'SBININBB', ['INR']]);
    assertProblem(await call(node, 'POST', '/v1/participants', { key, body: { ...coop, bic: 'COOPINBBYYY', sponsor: 'HDFCINBB' } }), 422, 'invalid-setting');
    assertProblem(await call(node, 'POST', '/v1/participants', { key, body: { ...sbi, bic: 'ICBKCNBJ', country: 'CN', currencies: ['CNY'] } }), 422, 'unknown-currency');
    assertProblem(await call(node, 'POST', '/v1/participants', { key, body: { ...sbi, bic: 'sbininbb' } }), 400, 'invalid-request');

    // A direct participant gets a settlement account; an indirect one settles on its sponsor's.
    const sbiAccounts = expectOk(await call<{ accounts: AccountView[] }>(node, 'GET', '/v1/accounts?participant=SBININBB', { key }), 200).accounts;
    assert.deepEqual(sbiAccounts.map((a) => [a.participant, a.currency, a.kind, a.balance.value]), [['SBININBB', 'INR', 'settlement', '0.00']]);
    assert.deepEqual(expectOk(await call<{ accounts: AccountView[] }>(node, 'GET', '/v1/accounts?participant=COOPINBBXXX', { key }), 200).accounts, []);
    const agentAccounts = expectOk(await call<{ accounts: AccountView[] }>(node, 'GET', '/v1/accounts?participant=RBISINBB', { key }), 200).accounts;
    assert.deepEqual(agentAccounts.map((a) => [a.currency, a.kind, a.balance.value]), [['INR', 'agent', '0.00']]);
  });

  it('issues API keys that work at once, each shown once, and keeps operator routes to the operator', async () => {
    const key = node.operatorKey;
    const first = expectOk(await call<{ keyId: string; participant: string; key: string }>(node, 'POST', '/v1/participants/SBININBB/api-keys', { key }), 201);
    const second = expectOk(await call<{ keyId: string; participant: string; key: string }>(node, 'POST', '/v1/participants/SBININBB/api-keys', { key }), 201);
    for (const issued of [first, second]) {
      assert.equal(issued.participant, 'SBININBB');
      assert.match(issued.key, /^[A-Za-z0-9]{8,32}\.[A-Za-z0-9_-]{43}$/);
      assert.ok(issued.key.startsWith(`${issued.keyId}.`));
    }
    assert.notEqual(first.keyId, second.keyId);
    assert.notEqual(first.key, second.key);

    const seen = expectOk(await call<{ accounts: AccountView[] }>(node, 'GET', '/v1/accounts', { key: first.key }), 200).accounts;
    assert.deepEqual(seen.map((a) => a.participant), ['SBININBB']);
    // A bank sees itself in full, others without their status.
    const self = expectOk(await call<ParticipantView>(node, 'GET', '/v1/participants/SBININBB', { key: second.key }), 200);
    assert.equal(self.suspended, false);
    const other = expectOk(await call<ParticipantView>(node, 'GET', '/v1/participants/COOPINBBXXX', { key: second.key }), 200);
    assert.equal(other.suspended, undefined);

    assertProblem(await call(node, 'POST', '/v1/participants', { key: first.key, body: { ...sbi, bic: 'HDFCINBB' } }), 403, 'forbidden');
    assertProblem(await call(node, 'GET', '/v1/accounts', { key: null }), 401, 'unauthorized');
    assertProblem(await call(node, 'GET', '/v1/accounts', { key: `${first.keyId}.${'A'.repeat(43)}` }), 401, 'unauthorized');
    assertProblem(await call(node, 'POST', '/v1/participants/UNKNINBB/api-keys', { key }), 404, 'not-found');
  });
});

describe('funding in and out', () => {
  let node: TestNode;
  let net: SmallNetwork;
  let axisKey: string;
  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
    expectOk(await call(node, 'POST', '/v1/participants', { key: node.operatorKey, body: { bic: 'UTIBINBB', name: 'Axis Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] } }), 201);
    axisKey = expectOk(await call<{ key: string }>(node, 'POST', '/v1/participants/UTIBINBB/api-keys', { key: node.operatorKey }), 201).key;
  });
  after(() => node.dispose());

  const agentBalance = async (): Promise<string> => (await allAccounts(node)).find((a) => a.kind === 'agent' && a.currency === 'INR')!.balance.value;

  it('funds in from the settlement agent and out up to the own balance; beyond it is 422 insufficient-funds', async () => {
    assert.equal(await agentBalance(), '-2000000.00');
    const credited = expectOk(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('500.00'), reference: 'axis-in-1' }), 201);
    assert.deepEqual(picked(credited, fundingFields), { reference: 'axis-in-1', direction: 'in', participant: 'UTIBINBB', amount: inr('500.00') });
    assert.match(credited.transferId, /^[0-9a-f]{32}$/);
    micros(credited.at);
    assert.equal(await balance(node, axisKey, 'INR'), '500.00');
    assert.equal(await agentBalance(), '-2000500.00');

    assertProblem(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('500.01'), reference: 'axis-out-1' }), 422, 'insufficient-funds');
    assert.equal(await balance(node, axisKey, 'INR'), '500.00');

    const debited = expectOk(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('200.00'), reference: 'axis-out-1' }), 201);
    assert.equal(debited.direction, 'out');
    const account = await ownAccount(node, axisKey, 'INR');
    assert.deepEqual([account.balance.value, account.creditsPosted.value, account.debitsPosted.value], ['300.00', '500.00', '200.00']);
    assert.equal(await agentBalance(), '-2000300.00');

    const events = (await inbox(node, axisKey)).events;
    assert.deepEqual(
      events.map((e) => [e.seq, e.type, e.reference, e.amount, e.payment]),
      [
        [1, 'funds.credited', 'axis-in-1', inr('500.00'), null],
        [2, 'funds.debited', 'axis-out-1', inr('200.00'), null],
      ],
    );
  });

  it('a retry with the same reference is 200 with the same record; the reference with other terms is 409', async () => {
    const first = expectOk(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('500.00'), reference: 'axis-in-1' }), 200);
    assert.equal(first.reference, 'axis-in-1');
    const again = expectOk(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('500.00'), reference: 'axis-in-1' }), 200);
    assert.deepEqual(again, first);
    assert.equal(await balance(node, axisKey, 'INR'), '300.00');

    assertProblem(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('600.00'), reference: 'axis-in-1' }), 409, 'funding-reference-reused');
    assertProblem(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('500.00'), reference: 'axis-in-1' }), 409, 'funding-reference-reused');
    assertProblem(await fund(node, { direction: 'in', participant: 'HDFCINBB', amount: inr('500.00'), reference: 'axis-in-1' }), 409, 'funding-reference-reused');
    assert.equal(await balance(node, axisKey, 'INR'), '300.00');
    assert.equal((await inbox(node, axisKey)).next, 2);

    // A refused movement leaves its reference unused: the same reference can pass later.
    assertProblem(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('10000.00'), reference: 'axis-out-2' }), 422, 'insufficient-funds');
    expectOk(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('100.00'), reference: 'axis-out-2' }), 201);
    assert.equal(await balance(node, axisKey, 'INR'), '200.00');
  });

  it('a credit line does not count for funds out', async () => {
    const limited = expectOk(await call<AccountView>(node, 'PUT', '/v1/participants/UTIBINBB/limits/INR', { key: node.operatorKey, body: { creditLine: '1000.00' } }), 200);
    assert.deepEqual([limited.balance.value, limited.creditLine.value, limited.available.value], ['200.00', '1000.00', '1200.00']);
    assertProblem(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('200.01'), reference: 'axis-out-3' }), 422, 'insufficient-funds');
    assertProblem(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('1200.00'), reference: 'axis-out-3' }), 422, 'insufficient-funds');
    expectOk(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('200.00'), reference: 'axis-out-3' }), 201);
    const account = await ownAccount(node, axisKey, 'INR');
    assert.deepEqual([account.balance.value, account.available.value], ['0.00', '1000.00']);
    assertProblem(await fund(node, { direction: 'out', participant: 'UTIBINBB', amount: inr('0.01'), reference: 'axis-out-4' }), 422, 'insufficient-funds');
  });

  it('the settlement agent moves funds in its own currency only; a bank moves none', async () => {
    expectOk(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('1.00'), reference: 'rbi-1' }, keyOf(net, 'RBISINBB')), 201);
    assert.equal(await balance(node, axisKey, 'INR'), '1.00');
    assertProblem(await fund(node, { direction: 'in', participant: 'ICBKCNBJ', amount: cny('1.00'), reference: 'rbi-2' }, keyOf(net, 'RBISINBB')), 403, 'forbidden');
    assertProblem(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('1.00'), reference: 'sbi-1' }, keyOf(net, 'SBININBB')), 403, 'forbidden');
    assertProblem(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('1.001'), reference: 'op-1' }), 422, 'amount-precision');
    assertProblem(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: { value: '1.00', currency: 'USD' }, reference: 'op-1' }), 422, 'unknown-currency');
    assertProblem(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('0.00'), reference: 'op-1' }), 422, 'amount-invalid');
    assert.equal(await balance(node, axisKey, 'INR'), '1.00');
  });
});

// The tests of this group build on one another (balances, inboxes, the restart at the end) and run in order.
describe('payments, tracking, accounts and inbox', () => {
  const operatorKey = generateOperatorKey();
  let node: TestNode;
  let net: SmallNetwork;
  /** Payments made along the way, checked again after the restart. */
  const madeUetrs: string[] = [];
  /** An Idempotency-Key and body that settled, retried after the restart. */
  let retryAfterRestart: { key: string; body: unknown; uetr: string } | undefined;
  let revokedKey = '';

  before(async () => {
    node = await startTestNode({ webhooks: false, operatorKey });
    net = await onboardSmallNetwork(node);
  });
  after(() => node.dispose());

  const k = (bic: string): string => keyOf(net, bic);

  it('settles a payment at once and moves exactly its amount between the two banks', async () => {
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), '1000000.00');
    assert.equal(await balance(node, k('BKCHCNBJ'), 'CNY'), '1000000.00');
    const body = { endToEndId: 'E2E-FLOW-1', amount: cny('123.45'), creditorAgent: 'BKCHCNBJ', debtorName: 'Li Wei', creditorName: 'Zhang San', remittanceInformation: 'invoice 77' };
    const answer = await sendPayment<PaymentView>(node, k('ICBKCNBJ'), body);
    const payment = expectOk(answer, 201);
    madeUetrs.push(payment.uetr);
    assert.match(payment.uetr, uuidV4);
    assert.equal(answer.headers.get('location'), `/v1/payments/${payment.uetr}`);
    assert.deepEqual(picked(payment, paymentFields), {
      endToEndId: 'E2E-FLOW-1',
      status: 'settled',
      isoStatus: 'ACSC',
      reason: null,
      amount: cny('123.45'),
      sender: 'ICBKCNBJ',
      debtorAgent: 'ICBKCNBJ',
      creditorAgent: 'BKCHCNBJ',
      debtorName: 'Li Wei',
      creditorName: 'Zhang San',
      remittanceInformation: 'invoice 77',
    });
    assert.equal(payment.transferId, payment.uetr.replaceAll('-', ''));

    const payer = await ownAccount(node, k('ICBKCNBJ'), 'CNY');
    const payee = await ownAccount(node, k('BKCHCNBJ'), 'CNY');
    assert.deepEqual([payer.balance.value, payer.debitsPosted.value, payer.creditsPosted.value], ['999876.55', '123.45', '1000000.00']);
    assert.deepEqual([payee.balance.value, payee.debitsPosted.value, payee.creditsPosted.value], ['1000123.45', '0.00', '1000123.45']);
  });

  it('an idempotent retry answers 200 with the same payment and moves nothing; the key with another body is 409', async () => {
    const idempotencyKey = newIdempotencyKey();
    const body = { endToEndId: 'E2E-RETRY', amount: cny('10.00'), creditorAgent: 'BKCHCNBJ' };
    const first = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), body, idempotencyKey), 201);
    madeUetrs.push(first.uetr);
    retryAfterRestart = { key: idempotencyKey, body, uetr: first.uetr };
    const payer = await balance(node, k('ICBKCNBJ'), 'CNY');
    const payee = await balance(node, k('BKCHCNBJ'), 'CNY');
    assert.equal(payer, '999866.55');
    assert.equal(payee, '1000133.45');

    const retried = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), body, idempotencyKey), 200);
    assert.deepEqual(retried, first);
    assertProblem(await sendPayment(node, k('ICBKCNBJ'), { ...body, amount: cny('10.01') }, idempotencyKey), 409, 'idempotency-key-reused');
    assertProblem(await sendPayment(node, k('ICBKCNBJ'), { ...body, endToEndId: 'E2E-OTHER' }, idempotencyKey), 409, 'idempotency-key-reused');
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), payer);
    assert.equal(await balance(node, k('BKCHCNBJ'), 'CNY'), payee);

    // Keys are per sender: another bank may use the same one for its own payment.
    const other = expectOk(await sendPayment<PaymentView>(node, k('BKCHCNBJ'), { endToEndId: 'E2E-RETRY', amount: cny('10.00'), creditorAgent: 'ICBKCNBJ' }, idempotencyKey), 201);
    assert.notEqual(other.uetr, first.uetr);
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), '999876.55');
    assertProblem(await sendPayment(node, k('ICBKCNBJ'), body, ''), 400, 'invalid-request');
  });

  it(
    'a retry whose JSON gives the same fields in another order is the same request: 200, not 409',
    {},
    async () => {
      const idempotencyKey = newIdempotencyKey();
      const first = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), { endToEndId: 'E2E-ORDER', amount: cny('2.00'), creditorAgent: 'BKCHCNBJ' }, idempotencyKey), 201);
      madeUetrs.push(first.uetr);
      const payer = await balance(node, k('ICBKCNBJ'), 'CNY');
      const reordered = await call<PaymentView>(node, 'POST', '/v1/payments', {
        key: k('ICBKCNBJ'),
        headers: { 'idempotency-key': idempotencyKey },
        body: '{"creditorAgent":"BKCHCNBJ","amount":{"currency":"CNY","value":"2.00"},"endToEndId":"E2E-ORDER"}',
      });
      assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), payer, 'nothing moves either way');
      assert.equal(reordered.status, 200, `a retry of the same payment: ${JSON.stringify(reordered.body)}`);
      assert.equal(reordered.body.uetr, first.uetr);
    },
  );

  it('the same request sent twice at once is judged once: 201 and 200 with one UETR, the amount moved once', async () => {
    const payer = minor(await balance(node, k('ICBKCNBJ'), 'CNY'));
    const payee = minor(await balance(node, k('BKCHCNBJ'), 'CNY'));
    const idempotencyKey = newIdempotencyKey();
    const body = { endToEndId: 'E2E-TWICE', amount: cny('4.00'), creditorAgent: 'BKCHCNBJ' };
    const answers = await Promise.all([0, 1, 2].map(() => sendPayment<PaymentView>(node, k('ICBKCNBJ'), body, idempotencyKey)));
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 201]);
    assert.equal(new Set(answers.map((a) => a.body.uetr)).size, 1);
    madeUetrs.push(answers[0]!.body.uetr);
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), decimal(payer - 400n));
    assert.equal(await balance(node, k('BKCHCNBJ'), 'CNY'), decimal(payee + 400n));

    // One client UETR under two keys at once: one payment, one 409.
    const uetr = randomUUID();
    const racing = await Promise.all([0, 1].map((i) => sendPayment<PaymentView>(node, k('ICBKCNBJ'), { uetr, endToEndId: `E2E-RACE-${i}`, amount: cny('1.00'), creditorAgent: 'BKCHCNBJ' })));
    assert.deepEqual(racing.map((a) => a.status).sort(), [201, 409]);
    madeUetrs.push(uetr);
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), decimal(payer - 500n));
  });

  it('payments sent at once never overdraw: as many settle as the balance covers, the rest wait in the queue', async () => {
    const op = operatorKey;
    expectOk(await call(node, 'POST', '/v1/participants', { key: op, body: { bic: 'UTIBINBB', name: 'Axis Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] } }), 201);
    const axis = expectOk(await call<{ key: string }>(node, 'POST', '/v1/participants/UTIBINBB/api-keys', { key: op }), 201).key;
    expectOk(await fund(node, { direction: 'in', participant: 'UTIBINBB', amount: inr('10.00'), reference: 'axis-open' }), 201);
    const hdfc = minor(await balance(node, k('HDFCINBB'), 'INR'));
    const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => sendPayment<PaymentView>(node, axis, { endToEndId: `E2E-RUSH-${i}`, amount: inr('3.00'), creditorAgent: 'HDFCINBB' })));
    for (const answer of answers) madeUetrs.push(expectOk(answer, 201).uetr);
    const statuses = answers.map((a) => a.body.status);
    assert.equal(statuses.filter((s) => s === 'settled').length, 3, statuses.join(', '));
    assert.equal(statuses.filter((s) => s === 'queued').length, 5, statuses.join(', '));
    assert.ok(answers.every((a) => a.body.status === 'settled' || a.body.isoStatus === 'PDNG'), 'the others are pending');
    assert.equal(await balance(node, axis, 'INR'), '1.00');
    assert.equal(await balance(node, k('HDFCINBB'), 'INR'), decimal(hdfc + 900n));
    // Taken back, they leave the queue for good (rejected DS02).
    for (const answer of answers.filter((a) => a.body.status === 'queued')) {
      const cancelled = expectOk(await call<PaymentView>(node, 'POST', `/v1/payments/${answer.body.uetr}/cancel`, { key: axis }), 200);
      assert.deepEqual([cancelled.status, cancelled.reason?.code], ['rejected', 'DS02']);
    }
  });

  it('keeps a UETR the client gives, and a reused UETR is 409 duplicate-uetr with nothing moved', async () => {
    const uetr = randomUUID();
    const payment = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), { uetr, endToEndId: 'E2E-UETR', amount: cny('1.00'), creditorAgent: 'BKCHCNBJ' }), 201);
    assert.equal(payment.uetr, uetr);
    madeUetrs.push(uetr);
    const payer = await balance(node, k('ICBKCNBJ'), 'CNY');
    const payee = await balance(node, k('BKCHCNBJ'), 'CNY');
    assertProblem(await sendPayment(node, k('ICBKCNBJ'), { uetr, endToEndId: 'E2E-UETR', amount: cny('1.00'), creditorAgent: 'BKCHCNBJ' }), 409, 'duplicate-uetr');
    assertProblem(await sendPayment(node, k('BKCHCNBJ'), { uetr, endToEndId: 'E2E-UETR-2', amount: cny('2.00'), creditorAgent: 'ICBKCNBJ' }), 409, 'duplicate-uetr');
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), payer);
    assert.equal(await balance(node, k('BKCHCNBJ'), 'CNY'), payee);
    const tracked = expectOk(await call<PaymentView>(node, 'GET', `/v1/payments/${uetr}`, { key: k('ICBKCNBJ') }), 200);
    assert.deepEqual([tracked.amount, tracked.endToEndId], [cny('1.00'), 'E2E-UETR']);
  });

  it('without liquidity the payment waits in the payer’s queue (PDNG) and nothing moves; taken back, it is rejected DS02', async () => {
    const payerBefore = await balance(node, k('ICBKCNBJ'), 'CNY');
    const payeeBefore = await balance(node, k('BKCHCNBJ'), 'CNY');
    const inboxBefore = (await inbox(node, k('BKCHCNBJ'))).next;
    const tooMuch = decimal(minor(payerBefore) + 1n);
    const idempotencyKey = newIdempotencyKey();
    const body = { endToEndId: 'E2E-NSF', amount: cny(tooMuch), creditorAgent: 'BKCHCNBJ' };
    const queued = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), body, idempotencyKey), 201);
    madeUetrs.push(queued.uetr);
    assert.deepEqual([queued.status, queued.isoStatus, queued.reason, queued.transferId], ['queued', 'PDNG', null, null]);
    assert.deepEqual(queued.history.map((h) => [h.status, h.isoStatus, h.reason?.code ?? null]), [
      ['received', 'RCVD', null],
      ['validated', 'ACTC', null],
      ['queued', 'PDNG', null],
    ]);
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), payerBefore);
    assert.equal(await balance(node, k('BKCHCNBJ'), 'CNY'), payeeBefore);

    // It can be tracked and retried like any other, and stays queued.
    assert.deepEqual(expectOk(await call<PaymentView>(node, 'GET', `/v1/payments/${queued.uetr}`, { key: k('ICBKCNBJ') }), 200), queued);
    assert.deepEqual(expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), body, idempotencyKey), 200), queued);
    const told = (await inbox(node, k('ICBKCNBJ'))).events.at(-1)!;
    assert.deepEqual([told.type, told.status, told.reason, told.reference, told.amount], ['payment.queued', 'queued', null, queued.uetr, cny(tooMuch)]);
    // The payee hears nothing of a payment that has not reached it.
    assert.equal((await inbox(node, k('BKCHCNBJ'))).next, inboxBefore);
    // Taken back by its sender, it is rejected (DS02) and can never settle.
    const cancelled = expectOk(await call<PaymentView>(node, 'POST', `/v1/payments/${queued.uetr}/cancel`, { key: k('ICBKCNBJ') }), 200);
    assert.deepEqual([cancelled.status, cancelled.isoStatus, cancelled.reason?.code], ['rejected', 'RJCT', 'DS02']);
    const cancelledEvent = (await inbox(node, k('ICBKCNBJ'))).events.at(-1)!;
    assert.deepEqual([cancelledEvent.type, cancelledEvent.reason?.code], ['payment.rejected', 'DS02']);
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), payerBefore);
  });

  it('a credit line lets the payer go negative up to the line and no further', async () => {
    const limited = expectOk(await call<AccountView>(node, 'PUT', '/v1/participants/BKCHCNBJ/limits/CNY', { key: operatorKey, body: { creditLine: '500.00' } }), 200);
    const start = minor(limited.balance.value);
    assert.deepEqual([limited.creditLine.value, limited.available.value], ['500.00', decimal(start + 50000n)]);

    const payeeBefore = minor(await balance(node, k('ICBKCNBJ'), 'CNY'));
    const big = expectOk(await sendPayment<PaymentView>(node, k('BKCHCNBJ'), { endToEndId: 'E2E-CREDIT-1', amount: cny(decimal(start + 40000n)), creditorAgent: 'ICBKCNBJ' }), 201);
    madeUetrs.push(big.uetr);
    assert.equal(big.status, 'settled');
    let account = await ownAccount(node, k('BKCHCNBJ'), 'CNY');
    assert.deepEqual([account.balance.value, account.available.value, account.creditLine.value], ['-400.00', '100.00', '500.00']);

    const over = expectOk(await sendPayment<PaymentView>(node, k('BKCHCNBJ'), { endToEndId: 'E2E-CREDIT-2', amount: cny('100.01'), creditorAgent: 'ICBKCNBJ' }), 201);
    assert.deepEqual([over.status, over.isoStatus], ['queued', 'PDNG']);
    assert.equal(await balance(node, k('BKCHCNBJ'), 'CNY'), '-400.00');

    const exact = expectOk(await sendPayment<PaymentView>(node, k('BKCHCNBJ'), { endToEndId: 'E2E-CREDIT-3', amount: cny('100.00'), creditorAgent: 'ICBKCNBJ' }), 201);
    assert.equal(exact.status, 'settled');
    account = await ownAccount(node, k('BKCHCNBJ'), 'CNY');
    assert.deepEqual([account.balance.value, account.available.value], ['-500.00', '0.00']);
    assert.equal(await balance(node, k('ICBKCNBJ'), 'CNY'), decimal(payeeBefore + start + 50000n));

    // The line cannot be cut below what is drawn on it; funds out never draws on it.
    assertProblem(await call(node, 'PUT', '/v1/participants/BKCHCNBJ/limits/CNY', { key: operatorKey, body: { creditLine: '499.99' } }), 422, 'invalid-setting');
    assertProblem(await fund(node, { direction: 'out', participant: 'BKCHCNBJ', amount: cny('0.01'), reference: 'bkch-out-1' }), 422, 'insufficient-funds');
    assertProblem(await call(node, 'PUT', '/v1/participants/COOPINBBXXX/limits/INR', { key: operatorKey, body: { creditLine: '1.00' } }), 422, 'participant-not-in-currency');
    // Bring it back to a positive balance for what follows, once the payment beyond the line is taken back.
    expectOk(await call(node, 'POST', `/v1/payments/${over.uetr}/cancel`, { key: k('BKCHCNBJ') }), 200);
    expectOk(await fund(node, { direction: 'in', participant: 'BKCHCNBJ', amount: cny('1000.00'), reference: 'bkch-in-1' }), 201);
    assert.equal(await balance(node, k('BKCHCNBJ'), 'CNY'), '500.00');
  });

  it('an indirect participant pays from its sponsor’s account, and the sponsor may send on its behalf', async () => {
    const sbi = async (): Promise<bigint> => minor(await balance(node, k('SBININBB'), 'INR'));
    const hdfc = async (): Promise<bigint> => minor(await balance(node, k('HDFCINBB'), 'INR'));
    const sbi0 = await sbi();
    const hdfc0 = await hdfc();
    assert.deepEqual(expectOk(await call<{ accounts: AccountView[] }>(node, 'GET', '/v1/accounts', { key: k('COOPINBBXXX') }), 200).accounts, []);

    const own = expectOk(await sendPayment<PaymentView>(node, k('COOPINBBXXX'), { endToEndId: 'E2E-COOP-1', amount: inr('250.00'), creditorAgent: 'HDFCINBB' }), 201);
    madeUetrs.push(own.uetr);
    assert.deepEqual([own.status, own.sender, own.debtorAgent, own.creditorAgent], ['settled', 'COOPINBBXXX', 'COOPINBBXXX', 'HDFCINBB']);
    assert.equal(await sbi(), sbi0 - 25000n);
    assert.equal(await hdfc(), hdfc0 + 25000n);

    const onBehalf = expectOk(
      await sendPayment<PaymentView>(node, k('SBININBB'), { endToEndId: 'E2E-COOP-2', amount: inr('50.00'), debtorAgent: 'COOPINBBXXX', creditorAgent: 'HDFCINBB' }),
      201,
    );
    madeUetrs.push(onBehalf.uetr);
    assert.deepEqual([onBehalf.status, onBehalf.sender, onBehalf.debtorAgent], ['settled', 'SBININBB', 'COOPINBBXXX']);
    assert.equal(await sbi(), sbi0 - 30000n);
    assert.equal(await hdfc(), hdfc0 + 30000n);

    assertProblem(await sendPayment(node, k('HDFCINBB'), { endToEndId: 'E2E-COOP-3', amount: inr('1.00'), debtorAgent: 'COOPINBBXXX', creditorAgent: 'SBININBB' }), 403, 'not-sponsor');
    assertProblem(await sendPayment(node, k('COOPINBBXXX'), { endToEndId: 'E2E-COOP-4', amount: inr('1.00'), creditorAgent: 'SBININBB' }), 422, 'same-agent');
    assertProblem(await sendPayment(node, k('COOPINBBXXX'), { endToEndId: 'E2E-COOP-5', amount: cny('1.00'), creditorAgent: 'ICBKCNBJ' }), 422, 'participant-not-in-currency');

    const incoming = expectOk(await sendPayment<PaymentView>(node, k('HDFCINBB'), { endToEndId: 'E2E-COOP-6', amount: inr('10.00'), creditorAgent: 'COOPINBBXXX' }), 201);
    madeUetrs.push(incoming.uetr);
    assert.equal(await sbi(), sbi0 - 29000n);
    assert.equal(await hdfc(), hdfc0 + 29000n);

    const coopEvents = (await inbox(node, k('COOPINBBXXX'))).events;
    assert.deepEqual(coopEvents.map((e) => [e.seq, e.type, e.reference]), [
      [1, 'payment.settled', own.uetr],
      [2, 'payment.settled', onBehalf.uetr],
      [3, 'payment.received', incoming.uetr],
    ]);
    const sbiEvents = (await inbox(node, k('SBININBB'))).events.filter((e) => e.type.startsWith('payment.'));
    assert.deepEqual(sbiEvents.map((e) => [e.type, e.reference]), [
      ['payment.settled', own.uetr],
      ['payment.settled', onBehalf.uetr],
      ['payment.received', incoming.uetr],
    ]);
  });

  it('tracks a payment by UETR: history received → validated → settled, for its agents and their sponsors only', async () => {
    const sent = expectOk(await sendPayment<PaymentView>(node, k('COOPINBBXXX'), { endToEndId: 'E2E-TRACK', amount: inr('5.00'), creditorAgent: 'HDFCINBB' }), 201);
    madeUetrs.push(sent.uetr);
    const path = `/v1/payments/${sent.uetr}`;
    const tracked = expectOk(await call<PaymentView>(node, 'GET', path, { key: k('HDFCINBB') }), 200);
    assert.deepEqual(tracked, sent);
    assert.deepEqual(tracked.history.map((h) => [h.status, h.isoStatus, h.reason]), [
      ['received', 'RCVD', null],
      ['validated', 'ACTC', null],
      ['settled', 'ACSC', null],
    ]);
    const times = tracked.history.map((h) => micros(h.at));
    assert.ok(times[0]! < times[1]! && times[1]! < times[2]!, `history times increase: ${tracked.history.map((h) => h.at).join(', ')}`);
    assert.ok(Math.abs(times[0]! / 1000 - Date.now()) < 60_000, 'received now');

    for (const key of [k('COOPINBBXXX'), k('SBININBB'), operatorKey]) assert.deepEqual(expectOk(await call<PaymentView>(node, 'GET', path, { key }), 200), sent);
    for (const key of [k('ICBKCNBJ'), k('RBISINBB')]) assertProblem(await call(node, 'GET', path, { key }), 404, 'not-found');
    assertProblem(await call(node, 'GET', `/v1/payments/${randomUUID()}`, { key: operatorKey }), 404, 'not-found');

    // The creditor side's sponsor too.
    const toCoop = expectOk(await sendPayment<PaymentView>(node, k('HDFCINBB'), { endToEndId: 'E2E-TRACK-2', amount: inr('5.00'), creditorAgent: 'COOPINBBXXX' }), 201);
    madeUetrs.push(toCoop.uetr);
    assert.equal((await call(node, 'GET', `/v1/payments/${toCoop.uetr}`, { key: k('SBININBB') })).status, 200);
    assert.equal((await call(node, 'GET', `/v1/payments/${toCoop.uetr}`, { key: k('COOPINBBXXX') })).status, 200);
    assert.equal((await call(node, 'GET', `/v1/payments/${toCoop.uetr}`, { key: k('BKCHCNBJ') })).status, 404);
  });

  it('pages an account’s transfers with ?limit and ?after, each transfer exactly once', async () => {
    // Payments sent together share a batch: the cursor must still tell them apart.
    const amounts = ['1.01', '1.02', '1.03', '1.04', '1.05', '1.06', '1.07'];
    const sent = await Promise.all(amounts.map((value, i) => sendPayment<PaymentView>(node, k('SBININBB'), { endToEndId: `E2E-PAGE-${i}`, amount: inr(value), creditorAgent: 'HDFCINBB' })));
    for (const answer of sent) madeUetrs.push(expectOk(answer, 201).uetr);
    const accountId = net.accounts['HDFCINBB INR']!;
    const all = expectOk(await call<TransfersPage>(node, 'GET', `/v1/accounts/${accountId}/transfers?limit=1000`, { key: k('HDFCINBB') }), 200);
    assert.equal(all.next, null);
    assert.deepEqual([all.transfers[0]!.kind, all.transfers[0]!.direction, all.transfers[0]!.amount, all.transfers[0]!.endToEndId, all.transfers[0]!.uetr], ['funds_in', 'credit', inr('1000000.00'), 'open-HDFCINBB', null]);
    const pageUetrs = sent.map((answer) => answer.body.uetr).sort();
    assert.deepEqual(all.transfers.filter((t) => t.endToEndId.startsWith('E2E-PAGE-')).map((t) => t.uetr).sort(), pageUetrs);
    assert.ok(all.transfers.length >= 12, `${all.transfers.length} transfers`);
    // The account's balance is the sum of its transfers.
    const sum = all.transfers.reduce((total, t) => total + (t.direction === 'credit' ? 1n : -1n) * minor(t.amount.value), 0n);
    assert.equal(decimal(sum), await balance(node, k('HDFCINBB'), 'INR'));

    const paged: TransferEntry[] = [];
    let pages = 0;
    let after: string | null = null;
    do {
      const query: string = after === null ? '?limit=2' : `?limit=2&after=${after}`;
      const page: TransfersPage = expectOk(await call<TransfersPage>(node, 'GET', `/v1/accounts/${accountId}/transfers${query}`, { key: k('HDFCINBB') }), 200);
      assert.ok(page.transfers.length <= 2, `${page.transfers.length} transfers on a page of 2`);
      paged.push(...page.transfers);
      after = page.next;
      pages += 1;
      assert.ok(pages <= all.transfers.length, 'paging ends');
    } while (after !== null);
    assert.deepEqual(paged.map((t) => t.id), all.transfers.map((t) => t.id));
    assert.equal(new Set(paged.map((t) => t.id)).size, paged.length);
    assert.equal(pages, Math.ceil(all.transfers.length / 2));

    // Another bank's account is not there for this key.
    assertProblem(await call(node, 'GET', `/v1/accounts/${accountId}/transfers`, { key: k('SBININBB') }), 404, 'not-found');
  });

  it('a statement for a period: opening balance plus its entries is the closing balance', async () => {
    const accountId = net.accounts['HDFCINBB INR']!;
    const all = expectOk(await call<TransfersPage>(node, 'GET', `/v1/accounts/${accountId}/transfers?limit=1000`, { key: k('HDFCINBB') }), 200).transfers;
    const signed = (t: TransferEntry): bigint => (t.direction === 'credit' ? 1n : -1n) * minor(t.amount.value);
    const n = all.length;
    assert.ok(n >= 6, `${n} transfers`);
    // (from, to]: from the moment of the 2nd transfer to that of the (n-1)th.
    const from = all[1]!.at;
    const to = all[n - 2]!.at;
    const statement = expectOk(
      await call<StatementView>(node, 'GET', `/v1/accounts/${accountId}/statement?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { key: k('HDFCINBB') }),
      200,
    );
    assert.deepEqual([statement.account, statement.currency, statement.from, statement.to, statement.complete], [accountId, 'INR', from, to, true]);
    assert.deepEqual(statement.entries.map((t) => t.id), all.slice(2, n - 1).map((t) => t.id));
    const opening = all.slice(0, 2).reduce((total, t) => total + signed(t), 0n);
    const closing = all.slice(0, n - 1).reduce((total, t) => total + signed(t), 0n);
    assert.deepEqual(statement.openingBalance, inr(decimal(opening)));
    assert.deepEqual(statement.closingBalance, inr(decimal(closing)));
    const fromEntries = statement.entries.reduce((total, t) => total + signed(t), minor(statement.openingBalance.value));
    assert.equal(decimal(fromEntries), statement.closingBalance.value);

    // The same moment written with an offset is the same period.
    const inIndia = (iso: string): string => `${new Date(Date.parse(`${iso.slice(0, 23)}Z`) + 5.5 * 3_600_000).toISOString().slice(0, 23)}${iso.slice(23, 26)}+05:30`;
    const offset = expectOk(
      await call<StatementView>(node, 'GET', `/v1/accounts/${accountId}/statement?from=${encodeURIComponent(inIndia(from))}&to=${encodeURIComponent(inIndia(to))}`, { key: k('HDFCINBB') }),
      200,
    );
    assert.deepEqual(offset, statement);

    // The whole history: from nothing to the current balance.
    const whole = expectOk(
      await call<StatementView>(node, 'GET', `/v1/accounts/${accountId}/statement?from=2000-01-01T00:00:00Z&to=${encodeURIComponent(all[n - 1]!.at)}`, { key: operatorKey }),
      200,
    );
    assert.equal(whole.openingBalance.value, '0.00');
    assert.equal(whole.entries.length, n);
    assert.equal(whole.closingBalance.value, await balance(node, k('HDFCINBB'), 'INR'));
    assertProblem(await call(node, 'GET', `/v1/accounts/${accountId}/statement?from=${encodeURIComponent(to)}&to=${encodeURIComponent(from)}`, { key: operatorKey }), 400, 'invalid-request');
  });

  it('numbers inbox events from 1 without gaps; reading on with after= sees each event once', async () => {
    const key = k('BKCHCNBJ');
    const whole = await inbox(node, key, '?limit=1000');
    const n = whole.events.length;
    assert.ok(n >= 5, `${n} events`);
    assert.deepEqual(whole.events.map((e) => e.seq), Array.from({ length: n }, (_, i) => i + 1));
    assert.deepEqual(whole.events.map((e) => e.id), whole.events.map((e) => String(e.seq)));
    assert.equal(whole.next, n);
    assert.deepEqual([whole.events[0]!.type, whole.events[0]!.reference, whole.events[0]!.amount, whole.events[0]!.payment], ['funds.credited', 'open-BKCHCNBJ', cny('1000000.00'), null]);

    const oneByOne: InboxEventView[] = [];
    let cursor = 0;
    for (;;) {
      const page = await inbox(node, key, `?after=${cursor}&limit=1`);
      if (page.events.length === 0) {
        assert.equal(page.next, cursor);
        break;
      }
      assert.equal(page.events.length, 1);
      oneByOne.push(...page.events);
      cursor = page.next;
    }
    assert.deepEqual(oneByOne, whole.events);

    const body = { endToEndId: 'E2E-INBOX', amount: cny('7.77'), creditorAgent: 'BKCHCNBJ', debtorName: 'Payer Ltd', creditorName: 'Payee Co', remittanceInformation: 'order 5' };
    const payment = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), body), 201);
    madeUetrs.push(payment.uetr);
    const fresh = await inbox(node, key, `?after=${cursor}`);
    assert.equal(fresh.next, n + 1);
    assert.equal(fresh.events.length, 1);
    const received = fresh.events[0]!;
    assert.deepEqual(picked(received, eventFields), {
      seq: n + 1,
      id: String(n + 1),
      type: 'payment.received',
      status: 'settled',
      reason: null,
      reference: payment.uetr,
      amount: cny('7.77'),
      payment: { uetr: payment.uetr, endToEndId: 'E2E-INBOX', debtorAgent: 'ICBKCNBJ', creditorAgent: 'BKCHCNBJ', debtorName: 'Payer Ltd', creditorName: 'Payee Co', remittanceInformation: 'order 5', fx: null },
    });
    assert.equal(received.at, payment.history.at(-1)!.at);
    const senderSide = (await inbox(node, k('ICBKCNBJ'), '?limit=1000')).events.at(-1)!;
    assert.deepEqual([senderSide.type, senderSide.status, senderSide.reference, senderSide.amount, senderSide.payment?.uetr], ['payment.settled', 'settled', payment.uetr, cny('7.77'), payment.uetr]);
    assert.deepEqual((await inbox(node, key, `?after=${n + 1}`)).events, []);
  });

  it('long polling answers as soon as a payment arrives', async () => {
    const key = k('BKCHCNBJ');
    const cursor = (await inbox(node, key, '?limit=1000')).next;
    const startedMs = performance.now();
    const polling = inbox(node, key, `?after=${cursor}&waitMs=8000`);
    await sleep(200);
    const payment = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), { endToEndId: 'E2E-POLL', amount: cny('1.00'), creditorAgent: 'BKCHCNBJ' }), 201);
    madeUetrs.push(payment.uetr);
    const page = await polling;
    const tookMs = performance.now() - startedMs;
    assert.ok(tookMs >= 150 && tookMs < 2000, `answered after ${Math.round(tookMs)} ms, not at the end of waitMs`);
    assert.deepEqual(page.events.map((e) => [e.seq, e.type, e.reference]), [[cursor + 1, 'payment.received', payment.uetr]]);
    assert.equal(page.next, cursor + 1);
  });

  it('long polling answers empty once waitMs passes with nothing new', async () => {
    const key = k('BKCHCNBJ');
    const cursor = (await inbox(node, key, '?limit=1000')).next;
    const startedMs = performance.now();
    const page = await inbox(node, key, `?after=${cursor}&waitMs=400`);
    const tookMs = performance.now() - startedMs;
    assert.ok(tookMs >= 390 && tookMs < 2000, `answered after ${Math.round(tookMs)} ms`);
    assert.deepEqual(page, { events: [], next: cursor });
  });

  it('a suspended participant neither sends nor receives, and nothing moves', async () => {
    const accountsBefore = await allAccounts(node);
    const hdfcInboxBefore = (await inbox(node, k('HDFCINBB'), '?limit=1000')).next;
    const suspended = expectOk(await call<ParticipantView>(node, 'POST', '/v1/participants/HDFCINBB/suspension', { key: operatorKey }), 200);
    assert.equal(suspended.suspended, true);

    const uetr = randomUUID();
    const idempotencyKey = newIdempotencyKey();
    const body = { uetr, endToEndId: 'E2E-SUSP', amount: inr('3.00'), creditorAgent: 'SBININBB' };
    assertProblem(await sendPayment(node, k('HDFCINBB'), body, idempotencyKey), 422, 'participant-suspended');
    assertProblem(await sendPayment(node, k('SBININBB'), { endToEndId: 'E2E-SUSP-2', amount: inr('3.00'), creditorAgent: 'HDFCINBB' }), 422, 'participant-suspended');
    assertProblem(await sendPayment(node, k('COOPINBBXXX'), { endToEndId: 'E2E-SUSP-3', amount: inr('3.00'), creditorAgent: 'HDFCINBB' }), 422, 'participant-suspended');
    assert.deepEqual(await allAccounts(node), accountsBefore);
    // Refused requests leave no trace: no payment under the UETR, no inbox event but the suspension's.
    assertProblem(await call(node, 'GET', `/v1/payments/${uetr}`, { key: operatorKey }), 404, 'not-found');
    const events = (await inbox(node, k('HDFCINBB'), `?after=${hdfcInboxBefore}`)).events;
    assert.deepEqual(events.map((e) => [e.type, e.reference]), [['participant.suspended', 'HDFCINBB']]);

    const resumed = expectOk(await call<ParticipantView>(node, 'DELETE', '/v1/participants/HDFCINBB/suspension', { key: operatorKey }), 200);
    assert.equal(resumed.suspended, false);
    // The refused request did not use up its key or its UETR.
    const sent = expectOk(await sendPayment<PaymentView>(node, k('HDFCINBB'), body, idempotencyKey), 201);
    madeUetrs.push(sent.uetr);
    assert.deepEqual([sent.uetr, sent.status], [uetr, 'settled']);
  });

  it('a suspended sponsor stops its indirect participant too', async () => {
    const accountsBefore = await allAccounts(node);
    expectOk(await call(node, 'POST', '/v1/participants/SBININBB/suspension', { key: operatorKey }), 200);
    assertProblem(await sendPayment(node, k('COOPINBBXXX'), { endToEndId: 'E2E-SUSP-4', amount: inr('3.00'), creditorAgent: 'HDFCINBB' }), 422, 'participant-suspended');
    assertProblem(await sendPayment(node, k('HDFCINBB'), { endToEndId: 'E2E-SUSP-5', amount: inr('3.00'), creditorAgent: 'COOPINBBXXX' }), 422, 'participant-suspended');
    assert.deepEqual(await allAccounts(node), accountsBefore);
    expectOk(await call(node, 'DELETE', '/v1/participants/SBININBB/suspension', { key: operatorKey }), 200);
    const sent = expectOk(await sendPayment<PaymentView>(node, k('COOPINBBXXX'), { endToEndId: 'E2E-SUSP-4', amount: inr('3.00'), creditorAgent: 'HDFCINBB' }), 201);
    madeUetrs.push(sent.uetr);
    assert.equal(sent.status, 'settled');
  });

  it('a revoked key is refused at once; the bank’s other keys keep working', async () => {
    const issued = expectOk(await call<{ keyId: string; key: string }>(node, 'POST', '/v1/participants/ICBKCNBJ/api-keys', { key: operatorKey }), 201);
    assert.equal((await call(node, 'GET', '/v1/accounts', { key: issued.key })).status, 200);
    assertProblem(await call(node, 'DELETE', `/v1/participants/BKCHCNBJ/api-keys/${issued.keyId}`, { key: operatorKey }), 404, 'not-found');
    assertProblem(await call(node, 'DELETE', `/v1/participants/ICBKCNBJ/api-keys/${issued.keyId}`, { key: k('ICBKCNBJ') }), 403, 'forbidden');
    const revoked = await call(node, 'DELETE', `/v1/participants/ICBKCNBJ/api-keys/${issued.keyId}`, { key: operatorKey });
    assert.equal(revoked.status, 204);
    assertProblem(await call(node, 'GET', '/v1/accounts', { key: issued.key }), 401, 'unauthorized');
    assertProblem(await sendPayment(node, issued.key, { endToEndId: 'E2E-REVOKED', amount: cny('1.00'), creditorAgent: 'BKCHCNBJ' }), 401, 'unauthorized');
    assertProblem(await call(node, 'GET', '/v1/inbox', { key: issued.key }), 401, 'unauthorized');
    assert.equal((await call(node, 'DELETE', `/v1/participants/ICBKCNBJ/api-keys/${issued.keyId}`, { key: operatorKey })).status, 204);
    assert.equal((await call(node, 'GET', '/v1/accounts', { key: k('ICBKCNBJ') })).status, 200);
    revokedKey = issued.key;
  });

  it('/healthz answers without a key; /metrics counts requests, journal commits and batch sizes', async () => {
    const scrape = async (): Promise<(pattern: RegExp) => number> => {
      const metrics = await call<string>(node, 'GET', '/metrics');
      assert.equal(metrics.status, 200);
      assert.match(metrics.contentType, /^text\/plain/);
      return (pattern: RegExp): number => {
        const match = pattern.exec(metrics.body);
        assert.ok(match !== null, `metrics contain ${pattern}`);
        return Number(match[1]);
      };
    };
    const settled = /^corridor_http_requests_total\{route="\/v1\/payments",method="POST",status="201"\} (\d+)$/m;
    const refused = /^corridor_http_requests_total\{route="\/v1\/payments",method="POST",status="422"\} (\d+)$/m;
    const commits = /^corridor_journal_commit_seconds_count (\d+)$/m;
    const batches = /^corridor_sequencer_batch_commands_count (\d+)$/m;
    const commands = /^corridor_sequencer_batch_commands_sum (\d+)$/m;

    const health = expectOk(await call<{ status: string; role: string; journalSeq: number }>(node, 'GET', '/healthz'), 200);
    assert.deepEqual([health.status, health.role], ['ok', 'leader']);
    assert.ok(Number.isSafeInteger(health.journalSeq) && health.journalSeq > 20, `journalSeq ${health.journalSeq}`);
    const before = await scrape();
    assert.equal(before(commits), health.journalSeq, 'every batch since the start had its commit timed');
    assert.equal(before(batches), health.journalSeq);
    assert.ok(before(commands) >= health.journalSeq, `${before(commands)} commands in ${health.journalSeq} batches`);

    expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), { endToEndId: 'E2E-HEALTH-1', amount: cny('1.00'), creditorAgent: 'BKCHCNBJ' }), 201);
    const later = expectOk(await call<{ journalSeq: number }>(node, 'GET', '/healthz'), 200);
    assert.equal(later.journalSeq, health.journalSeq + 1, 'one payment, one batch');
    expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), { endToEndId: 'E2E-HEALTH-2', amount: cny('1.00'), creditorAgent: 'BKCHCNBJ' }), 201);
    const middle = await scrape();
    assert.equal(middle(settled) - before(settled), 2);
    assert.equal(middle(commits) - before(commits), 2);
    assert.equal(middle(batches) - before(batches), 2);
    assert.equal(middle(commands) - before(commands), 2);
    assertProblem(await sendPayment(node, k('COOPINBBXXX'), { endToEndId: 'E2E-HEALTH-3', amount: inr('1.00'), creditorAgent: 'SBININBB' }), 422, 'same-agent');

    const after = await scrape();
    assert.equal(after(settled) - before(settled), 2);
    assert.equal(after(refused) - before(refused), 1);
    assert.ok(after(/^corridor_http_requests_total\{route="\/v1\/payments\/:uetr",method="GET",status="404"\} (\d+)$/m) >= 1, 'tracking misses are counted');
    assert.ok(after(/^corridor_journal_commit_seconds_bucket\{le="\+Inf"\} (\d+)$/m) === after(commits), 'every commit falls in a bucket');
  });

  it('after a restart on the same journal, balances, payments, inbox and keys are all still there', async () => {
    const bics = ['SBININBB', 'HDFCINBB', 'ICBKCNBJ', 'BKCHCNBJ', 'COOPINBBXXX', 'RBISINBB'];
    const snapshot = async (): Promise<unknown> => ({
      accounts: await allAccounts(node),
      payments: await Promise.all(madeUetrs.map(async (uetr) => expectOk(await call<PaymentView>(node, 'GET', `/v1/payments/${uetr}`, { key: operatorKey }), 200))),
      inboxes: await Promise.all(bics.map((bic) => inbox(node, k(bic), '?limit=1000'))),
      participants: expectOk(await call<unknown>(node, 'GET', '/v1/participants', { key: operatorKey }), 200),
    });
    const before = await snapshot();
    const seqBefore = expectOk(await call<{ journalSeq: number }>(node, 'GET', '/healthz'), 200).journalSeq;
    assert.ok(madeUetrs.length >= 20, `${madeUetrs.length} payments to look for`);

    await node.close();
    assert.equal((await fetch(`${node.url}/healthz`).catch(() => null))?.status ?? 'closed', 'closed', 'the old server no longer answers');
    node = await startTestNode({ dir: node.dir, webhooks: false, operatorKey });

    assert.equal(expectOk(await call<{ journalSeq: number }>(node, 'GET', '/healthz'), 200).journalSeq, seqBefore);
    assert.deepEqual(await snapshot(), before);
    assertProblem(await call(node, 'GET', '/v1/accounts', { key: revokedKey }), 401, 'unauthorized');

    // Idempotency survives the restart, and new events follow on from the old ones.
    const retry = retryAfterRestart!;
    const retried = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), retry.body, retry.key), 200);
    assert.equal(retried.uetr, retry.uetr);
    const last = (await inbox(node, k('BKCHCNBJ'), '?limit=1000')).next;
    const payment = expectOk(await sendPayment<PaymentView>(node, k('ICBKCNBJ'), { endToEndId: 'E2E-AFTER', amount: cny('2.00'), creditorAgent: 'BKCHCNBJ' }), 201);
    const fresh = await inbox(node, k('BKCHCNBJ'), `?after=${last}`);
    assert.deepEqual(fresh.events.map((e) => [e.seq, e.reference]), [[last + 1, payment.uetr]]);
  });
});
