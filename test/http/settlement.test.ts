/**
 * Settlement in the running node, end to end over HTTP: rtgs queues and what settles them, the
 * LSM's scheduled gridlock resolution, dns windows with their reports, end of day, and the
 * refusals that must leave the node's state as it was. One node, its settlement clock ticking
 * every 50 ms.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SettlementClock, parseEndOfDay } from '../../src/node/settlement-clock.js';
import type { NodeHandle } from '../../src/http/services.js';
import { parseIsoMicros } from '../../src/http/views.js';
import { bank, dnsNode, fundIn, payment, registerCurrency, setWindowSchedule, standardNode, type TestNode as CoreNode } from '../../src/core/network/test-support/commands.js';
import { call, expectProblem, expectStatus, expectUnchanged, onboardSmallNetwork, sendPayment, startTestNode, waitFor, type SmallNetwork, type TestNode } from './support.js';

interface Money {
  value: string;
  currency: string;
}
interface Reason {
  code: string;
  description: string;
}
interface PaymentView {
  uetr: string;
  status: string;
  isoStatus: string | null;
  reason: Reason | null;
  transferId: string | null;
  history: { status: string; isoStatus: string | null; at: string }[];
}
interface QueueView {
  total: number;
  payments: { uetr: string; status: string; priority: string; payer: string; position: number; held: boolean; amount: Money }[];
}
interface OverviewView {
  mode: string;
  day: number;
  waiting: { count: number; value: Money };
  openWindow: number | null;
  windowSeconds: number | null;
}
interface WindowView {
  windowId: number;
  status: string;
  reason: Reason | null;
  payments: number;
  gross: Money;
  net: Money;
  history: { status: string; at: string }[];
  participants: { participant: string; sent: Money; received: Money; net: Money }[];
}

/** Decimal text → hundredths (both test currencies have two decimals). */
function cents(value: string): bigint {
  const negative = value.startsWith('-');
  const [whole, fraction = ''] = (negative ? value.slice(1) : value).split('.');
  const n = BigInt(whole!) * 100n + BigInt(fraction.padEnd(2, '0'));
  return negative ? -n : n;
}

describe('settlement over HTTP', () => {
  let node: TestNode;
  let net: SmallNetwork;
  let op: string;
  const key = (bic: string): string => net.keys[bic]!;
  const balance = async (bic: string, currency: string): Promise<bigint> => {
    const { accounts } = await expectStatus<{ accounts: { currency: string; balance: { value: string } }[] }>(200, call(node, 'GET', '/v1/accounts', { key: key(bic) }));
    return cents(accounts.find((a) => a.currency === currency)!.balance.value);
  };
  const track = (uetr: string, bic: string) => expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: key(bic) }));
  const inboxTypes = async (bic: string, uetr: string): Promise<string[]> => {
    const page = await expectStatus<{ events: { type: string; reference: string }[] }>(200, call(node, 'GET', '/v1/inbox?limit=1000', { key: key(bic) }));
    return page.events.filter((e) => e.reference === uetr).map((e) => e.type);
  };
  const post = (path: string, body?: unknown) => expectStatus(201, call(node, 'POST', path, { key: op, body }));

  before(async () => {
    node = await startTestNode({ webhooks: false, settlementClock: { tickMs: 50 } });
    net = await onboardSmallNetwork(node);
    op = net.operatorKey;
  });
  after(async () => {
    await node.dispose();
  });

  it('rtgs: a payment beyond the payer’s liquidity queues (201, PDNG); funding the payer settles it', async () => {
    const sent = await sendPayment<PaymentView>(node, key('HDFCINBB'), { endToEndId: 'SETTLE-Q1', amount: { value: '1500000.00', currency: 'INR' }, creditorAgent: 'SBININBB' });
    assert.equal(sent.status, 201);
    assert.deepEqual([sent.body.status, sent.body.isoStatus, sent.body.transferId], ['queued', 'PDNG', null]);
    const uetr: string = sent.body.uetr;
    assert.equal(await balance('HDFCINBB', 'INR'), 100_000_000n, 'nothing moved');

    // The payer and the operator see it waiting; the payee does not.
    const own = await expectStatus<QueueView>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: key('HDFCINBB') }));
    assert.deepEqual(
      own.payments.map((p) => [p.uetr, p.status, p.priority, p.payer, p.position, p.amount.value]),
      [[uetr, 'queued', 'normal', 'HDFCINBB', 1, '1500000.00']],
    );
    assert.equal((await expectStatus<QueueView>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: key('SBININBB') }))).total, 0);
    assert.equal((await expectStatus<QueueView>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: op }))).total, 1);
    const overview = await expectStatus<OverviewView>(200, call(node, 'GET', '/v1/settlement/INR', { key: key('HDFCINBB') }));
    assert.deepEqual([overview.mode, overview.day, overview.waiting.count, overview.waiting.value.value, overview.openWindow], ['rtgs', 1, 1, '1500000.00', null]);
    assert.deepEqual(await inboxTypes('HDFCINBB', uetr), ['payment.queued']);
    assert.deepEqual(await inboxTypes('SBININBB', uetr), []);

    await post('/v1/funding', { direction: 'in', participant: 'HDFCINBB', amount: { value: '500000.00', currency: 'INR' }, reference: 'settle-q1-cover' });
    const settled = await track(uetr, 'HDFCINBB');
    assert.deepEqual(
      settled.history.map((h) => [h.status, h.isoStatus]),
      [
        ['received', 'RCVD'],
        ['validated', 'ACTC'],
        ['queued', 'PDNG'],
        ['settled', 'ACSC'],
      ],
    );
    assert.notEqual(settled.transferId, null);
    assert.equal(await balance('HDFCINBB', 'INR'), 0n);
    assert.equal(await balance('SBININBB', 'INR'), 250_000_000n);
    assert.deepEqual(await inboxTypes('HDFCINBB', uetr), ['payment.queued', 'payment.settled']);
    assert.deepEqual(await inboxTypes('SBININBB', uetr), ['payment.received']);
    assert.equal((await expectStatus<QueueView>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: op }))).total, 0);
  });

  it('rtgs: urgent payments may use the payer’s urgent reserve, normal ones wait; a suspended payee’s queued payments are held until it is resumed', async () => {
    const reserve = (bic: string, urgent: string, as = key(bic)) => call<unknown>(node, 'PUT', `/v1/settlement/INR/reserves/${bic}`, { key: as, body: { urgent } });
    const set = (await expectStatus(200, reserve('SBININBB', '2000000.00'))) as { urgent: Money; liquidity: Money };
    assert.deepEqual([set.urgent.value, set.liquidity.value], ['2000000.00', '2500000.00']);
    const normal = await sendPayment<PaymentView & { priority: string }>(node, key('SBININBB'), { endToEndId: 'RESERVE-N', amount: { value: '600000.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
    assert.deepEqual([normal.body.status, normal.body.priority], ['queued', 'normal'], 'only 500000.00 is free for normal payments');
    const urgent = await sendPayment<PaymentView & { priority: string }>(node, key('SBININBB'), { endToEndId: 'RESERVE-U', amount: { value: '2100000.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', priority: 'urgent' });
    assert.deepEqual([urgent.status, urgent.body.status, urgent.body.priority], [201, 'settled', 'urgent']);

    await expectUnchanged(node, async () => {
      expectProblem(await reserve('SBININBB', '-1.00'), 400, 'invalid-request');
      expectProblem(await reserve('SBININBB', '1.001'), 422, 'amount-precision');
      expectProblem(await reserve('SBININBB', '1.00', key('HDFCINBB')), 404, 'not-found');
      expectProblem(await reserve('COOPINBBXXX', '1.00'), 422, 'participant-not-in-currency');
      expectProblem(await call(node, 'PUT', '/v1/settlement/GBP/reserves/SBININBB', { key: op, body: { urgent: '1.00' } }), 422, 'unknown-currency');
      expectProblem(await call(node, 'POST', '/v1/payments', { key: key('SBININBB'), headers: { 'idempotency-key': 'prio-bad' }, body: { endToEndId: 'P', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', priority: 'HIGH' } }), 400, 'invalid-request');
    });

    // The payee is suspended: the queued payment is held; funding the payer and lifting the reserve settle nothing.
    await expectStatus(200, call(node, 'POST', '/v1/participants/HDFCINBB/suspension', { key: op }));
    await expectStatus(200, reserve('SBININBB', '0.00', op));
    await post('/v1/funding', { direction: 'in', participant: 'SBININBB', amount: { value: '300000.00', currency: 'INR' }, reference: 'reserve-cover' });
    const queue = await expectStatus<QueueView>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: key('SBININBB') }));
    assert.deepEqual(queue.payments.map((p) => [p.uetr, p.status, p.held]), [[normal.body.uetr, 'queued', true]]);
    assert.equal((await track(normal.body.uetr, 'SBININBB')).isoStatus, 'PDNG');
    // Resumed: it takes its place again and settles at once.
    await expectStatus(200, call(node, 'DELETE', '/v1/participants/HDFCINBB/suspension', { key: op }));
    assert.equal((await track(normal.body.uetr, 'SBININBB')).status, 'settled');
    assert.equal(await balance('SBININBB', 'INR'), 10_000_000n);
    assert.equal((await expectStatus<QueueView>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: op }))).total, 0);
  });

  it('rtgs-lsm: a gridlock of three banks with no liquidity resolves on the clock’s tick, settling all three at once', async () => {
    await post('/v1/currencies', { code: 'EUR', mode: 'rtgs-lsm', agent: 'RBISINBB' });
    for (const bic of ['SBININBB', 'HDFCINBB', 'ICBKCNBJ']) await expectStatus(200, call(node, 'POST', `/v1/participants/${bic}/currencies`, { key: op, body: { currency: 'EUR' } }));
    const circle: [string, string][] = [
      ['SBININBB', 'HDFCINBB'],
      ['HDFCINBB', 'ICBKCNBJ'],
      ['ICBKCNBJ', 'SBININBB'],
    ];
    const uetrs: string[] = [];
    for (const [from, to] of circle) {
      const sent = await sendPayment<PaymentView>(node, key(from), { endToEndId: `GRID-${from}`, amount: { value: '100.00', currency: 'EUR' }, creditorAgent: to });
      assert.equal(sent.status, 201);
      // The answer shows the payment as it is once durable: the last one closes the circle, and the
      // clock's tick may already have resolved it by then (the tick runs every 50 ms).
      const last = uetrs.length === circle.length - 1;
      assert.ok(sent.body.status === 'queued' || (last && sent.body.status === 'settled'), `${from} → ${to} waits: nobody has any EUR (${sent.body.status})`);
      uetrs.push(sent.body.uetr);
    }
    await waitFor('the tick to resolve the gridlock', async () => (await Promise.all(uetrs.map((u, i) => track(u, circle[i]![0])))).every((p) => p.status === 'settled'));
    for (const bic of ['SBININBB', 'HDFCINBB', 'ICBKCNBJ']) assert.equal(await balance(bic, 'EUR'), 0n, `${bic} paid and was paid 100.00`);
    // One run settled them together: one linked chain, its transfers a microsecond apart.
    const settledAt = await Promise.all(uetrs.map(async (u, i) => parseIsoMicros((await track(u, circle[i]![0])).history.at(-1)!.at)!));
    assert.ok(Math.max(...settledAt) - Math.min(...settledAt) <= 2, settledAt.join(', '));
  });

  it('dns: payments move positions (ACSP); closing fixes them, the report nets to zero; settling moves the net amounts', async () => {
    await post('/v1/currencies', { code: 'CHF', mode: 'dns', agent: 'PBOCCNBJ' });
    for (const bic of ['SBININBB', 'HDFCINBB', 'ICBKCNBJ']) await expectStatus(200, call(node, 'POST', `/v1/participants/${bic}/currencies`, { key: op, body: { currency: 'CHF' } }));
    for (const bic of ['SBININBB', 'HDFCINBB', 'ICBKCNBJ']) await post('/v1/funding', { direction: 'in', participant: bic, amount: { value: '1000.00', currency: 'CHF' }, reference: `chf-${bic}` });
    const pays: [string, string, string][] = [
      ['SBININBB', 'HDFCINBB', '300.00'],
      ['HDFCINBB', 'ICBKCNBJ', '100.00'],
      ['ICBKCNBJ', 'SBININBB', '50.00'],
    ];
    const uetrs: string[] = [];
    for (const [from, to, value] of pays) {
      const sent = await sendPayment<PaymentView>(node, key(from), { endToEndId: `DNS-${from}`, amount: { value, currency: 'CHF' }, creditorAgent: to });
      assert.deepEqual([sent.status, sent.body.status, sent.body.isoStatus], [201, 'accepted', 'ACSP']);
      uetrs.push(sent.body.uetr);
    }
    // Beyond the cap (its liquidity, as none was set): rejected at once, AM14.
    const beyond = await sendPayment<PaymentView>(node, key('HDFCINBB'), { endToEndId: 'DNS-BEYOND', amount: { value: '1200.01', currency: 'CHF' }, creditorAgent: 'SBININBB' });
    assert.deepEqual([beyond.body.status, beyond.body.reason?.code], ['rejected', 'AM14']);
    assert.equal(await balance('SBININBB', 'CHF'), 100_000n, 'nothing moves before the window settles');

    const open = await expectStatus<{ windows: WindowView[] }>(200, call(node, 'GET', '/v1/settlement/CHF/windows', { key: op }));
    assert.deepEqual(open.windows.map((w) => [w.windowId, w.status, w.payments]), [[1, 'open', 3]]);
    // A participant sees its own row only.
    const mine = await expectStatus<WindowView>(200, call(node, 'GET', '/v1/settlement/CHF/windows/1', { key: key('SBININBB') }));
    assert.deepEqual(mine.participants.map((p) => [p.participant, p.net.value]), [['SBININBB', '-250.00']]);

    const closed = await expectStatus<WindowView>(200, call(node, 'POST', '/v1/settlement/CHF/windows/1/close', { key: op }));
    assert.equal(closed.status, 'closed');
    assert.deepEqual(
      closed.participants.map((p) => [p.participant, p.sent.value, p.received.value, p.net.value]),
      [
        ['SBININBB', '300.00', '50.00', '-250.00'],
        ['HDFCINBB', '100.00', '300.00', '200.00'],
        ['ICBKCNBJ', '50.00', '100.00', '50.00'],
      ],
    );
    assert.equal(closed.participants.reduce((sum, p) => sum + cents(p.net.value), 0n), 0n, 'net positions sum to zero');
    assert.deepEqual([closed.gross.value, closed.net.value], ['450.00', '250.00']);

    const settled = await expectStatus<WindowView>(200, call(node, 'POST', '/v1/settlement/CHF/windows/1/settle', { key: op }));
    assert.deepEqual(settled.history.map((h) => h.status), ['open', 'closed', 'settling', 'settled']);
    assert.deepEqual([await balance('SBININBB', 'CHF'), await balance('HDFCINBB', 'CHF'), await balance('ICBKCNBJ', 'CHF')], [75_000n, 120_000n, 105_000n]);
    for (const [i, u] of uetrs.entries()) {
      const p = await track(u, pays[i]![0]);
      assert.deepEqual([p.status, p.isoStatus, p.transferId], ['settled', 'ACSC', null]);
    }
    assert.deepEqual(await inboxTypes('HDFCINBB', uetrs[0]!), ['payment.received']);
    assert.deepEqual(await inboxTypes('SBININBB', uetrs[0]!), ['payment.accepted', 'payment.settled']);

    // The same report as CSV: one row per participant and a TOTAL row; the nets sum to zero.
    const csv = await call(node, 'GET', '/v1/settlement/CHF/windows/1?format=csv', { key: op });
    assert.equal(csv.status, 200);
    assert.match(csv.contentType, /^text\/csv/);
    const rows = (csv.body as string).trim().split('\r\n').map((line) => line.split(','));
    assert.deepEqual(rows[0], ['window', 'participant', 'sent', 'received', 'net']);
    assert.deepEqual(rows.at(-1), ['1', 'TOTAL', '450.00', '450.00', '250.00']);
    assert.equal(rows.slice(1, -1).reduce((sum, row) => sum + cents(row[4]!), 0n), 0n);
    const list = await expectStatus<{ windows: WindowView[] }>(200, call(node, 'GET', '/v1/settlement/CHF/windows', { key: op }));
    assert.deepEqual(list.windows.map((w) => [w.windowId, w.status]), [[2, 'open'], [1, 'settled']]);
  });

  it('dns: an aborted window settles nothing; its payments are rejected AB04', async () => {
    const sent = await sendPayment<PaymentView>(node, key('ICBKCNBJ'), { endToEndId: 'DNS-ABORT', amount: { value: '10.00', currency: 'CHF' }, creditorAgent: 'HDFCINBB' });
    assert.equal(sent.body.status, 'accepted');
    await expectStatus(200, call(node, 'POST', '/v1/settlement/CHF/windows/2/close', { key: op }));
    const aborted = await expectStatus<WindowView>(200, call(node, 'POST', '/v1/settlement/CHF/windows/2/abort', { key: op }));
    assert.deepEqual([aborted.status, aborted.reason?.code], ['aborted', 'AB04']);
    const p = await track(sent.body.uetr, 'ICBKCNBJ');
    assert.deepEqual([p.status, p.reason?.code], ['rejected', 'AB04']);
    assert.equal(await balance('ICBKCNBJ', 'CHF'), 105_000n);
  });

  it('refusals answer a problem and change nothing: a settled payment, a closed window, the wrong mode, foreign and unknown things', async () => {
    const settled = await sendPayment<PaymentView>(node, key('SBININBB'), { endToEndId: 'SETTLE-DONE', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
    assert.equal(settled.body.status, 'settled');
    const queued = await sendPayment<PaymentView>(node, key('SBININBB'), { endToEndId: 'SETTLE-WAIT', amount: { value: '9000000.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
    assert.equal(queued.body.status, 'queued');
    await expectUnchanged(node, async () => {
      expectProblem(await call(node, 'POST', `/v1/payments/${settled.body.uetr}/cancel`, { key: key('SBININBB') }), 409, 'not-cancellable');
      expectProblem(await call(node, 'POST', `/v1/payments/${queued.body.uetr}/cancel`, { key: key('HDFCINBB') }), 404, 'not-found');
      expectProblem(await call(node, 'POST', `/v1/payments/${queued.body.uetr}/cancel`, { key: key('ICBKCNBJ') }), 404, 'not-found');
      expectProblem(await call(node, 'POST', '/v1/settlement/CHF/windows/1/close', { key: op }), 409, 'window-state');
      expectProblem(await call(node, 'POST', '/v1/settlement/CHF/windows/1/abort', { key: op }), 409, 'window-state');
      expectProblem(await call(node, 'POST', '/v1/settlement/CHF/windows/3/settle', { key: op }), 409, 'window-state');
      expectProblem(await call(node, 'POST', '/v1/settlement/CHF/windows/9/close', { key: op }), 404, 'not-found');
      expectProblem(await call(node, 'POST', '/v1/settlement/INR/windows/1/close', { key: op }), 422, 'settlement-mode');
      expectProblem(await call(node, 'POST', '/v1/settlement/GBP/windows/1/close', { key: op }), 422, 'unknown-currency');
      expectProblem(await call(node, 'PUT', '/v1/settlement/INR/schedule', { key: op, body: { windowSeconds: 3600 } }), 422, 'settlement-mode');
      expectProblem(await call(node, 'PUT', '/v1/settlement/CHF/schedule', { key: op, body: { windowSeconds: 59 } }), 400, 'invalid-request');
      expectProblem(await call(node, 'POST', '/v1/settlement/CHF/windows/0/close', { key: op }), 400, 'invalid-request');
      expectProblem(await call(node, 'GET', '/v1/settlement/CHF/windows/7', { key: op }), 404, 'not-found');
      expectProblem(await call(node, 'GET', '/v1/settlement/CNY/queue', { key: key('SBININBB') }), 404, 'not-found');
      expectProblem(await call(node, 'GET', '/v1/settlement/INR/queue?limit=0', { key: op }), 400, 'invalid-request');
    });
    // The sender takes its queued payment back: rejected DS02; again, the same answer.
    const cancelled = await expectStatus<PaymentView>(200, call(node, 'POST', `/v1/payments/${queued.body.uetr}/cancel`, { key: key('SBININBB') }));
    assert.deepEqual([cancelled.status, cancelled.reason?.code], ['rejected', 'DS02']);
    await expectUnchanged(node, async () => assert.deepEqual(await expectStatus<PaymentView>(200, call(node, 'POST', `/v1/payments/${queued.body.uetr}/cancel`, { key: key('SBININBB') })), cancelled));
  });

  it('end of day rejects what is still queued (AB03) and starts the next business day', async () => {
    const stuck = await sendPayment<PaymentView>(node, key('ICBKCNBJ'), { endToEndId: 'SETTLE-EOD', amount: { value: '9000000.00', currency: 'CNY' }, creditorAgent: 'BKCHCNBJ' });
    assert.equal(stuck.body.status, 'queued');
    const next = await expectStatus<OverviewView>(200, call(node, 'POST', '/v1/settlement/CNY/end-of-day', { key: op }));
    assert.deepEqual([next.day, next.waiting.count], [2, 0]);
    const p = await track(stuck.body.uetr, 'ICBKCNBJ');
    assert.deepEqual([p.status, p.reason?.code], ['rejected', 'AB03']);
    // dns: the open window closes and settles at end of day.
    const sent = await sendPayment<PaymentView>(node, key('HDFCINBB'), { endToEndId: 'DNS-EOD', amount: { value: '5.00', currency: 'CHF' }, creditorAgent: 'ICBKCNBJ' });
    assert.equal(sent.body.status, 'accepted');
    const chf = await expectStatus<OverviewView>(200, call(node, 'POST', '/v1/settlement/CHF/end-of-day', { key: op }));
    assert.deepEqual([chf.day, chf.openWindow], [2, 4]);
    assert.equal((await track(sent.body.uetr, 'HDFCINBB')).status, 'settled');
    const schedule = await expectStatus<OverviewView>(200, call(node, 'PUT', '/v1/settlement/CHF/schedule', { key: op, body: { windowSeconds: 900 } }));
    assert.equal(schedule.windowSeconds, 900);
  });
});

describe('the settlement clock', () => {
  /** A node handle over a core test node: submit applies a command as a batch of its own, at the clock's time. */
  function handleOf(core: CoreNode, submitted: string[], nowUs: () => number): NodeHandle {
    return {
      network: core.state.network,
      state: core.state.ledger,
      headSeq: 0,
      waitingCommands: 0,
      readBarrier: () => Promise.resolve(),
      submit: (command) => {
        submitted.push(`${command.type} ${'currency' in command ? command.currency : ''}`);
        // An empty batch brings the node's clock up to the settlement clock's.
        if (core.nextTimestamp < nowUs()) core.apply([], nowUs() - core.nextTimestamp - 1);
        const { results, timestamps } = core.apply([command]);
        return Promise.resolve({ result: results[0]!, timestamp: timestamps[0]! });
      },
      submitTogether: () => Promise.reject(new Error('not used')),
      drain: () => Promise.resolve(),
      stateHash: () => Buffer.alloc(0),
    };
  }

  it('reads HH:MM end-of-day times, and refuses others', () => {
    assert.equal(parseEndOfDay('00:00'), 0);
    assert.equal(parseEndOfDay('17:30'), 17 * 60 + 30);
    for (const bad of ['24:00', '7:30', '17:60', '1730', '']) assert.throws(() => parseEndOfDay(bad), RangeError);
  });

  it('ticks an rtgs-lsm currency only when queued payments wait for a gridlock run, and a dns window when it is due', async () => {
    const core = standardNode();
    core.apply([registerCurrency('JPY', { mode: 'rtgs-lsm', agent: 'ECBKDEFF' })]);
    const submitted: string[] = [];
    let now = core.nextTimestamp;
    const clock = new SettlementClock({ node: () => handleOf(core, submitted, () => now), nowUs: () => now });
    await clock.round();
    assert.deepEqual(submitted, [], 'nothing waits');
    const dns = dnsNode();
    const dnsSubmitted: string[] = [];
    const dnsClock = new SettlementClock({ node: () => handleOf(dns, dnsSubmitted, () => now), nowUs: () => now });
    dns.each([setWindowSchedule('CHF', 60), payment({ seed: 1, currency: 'CHF', from: bank.A, to: bank.B, amount: 10n })]);
    now = dns.nextTimestamp;
    await dnsClock.round();
    assert.deepEqual(dnsSubmitted, []);
    now += 61_000_000;
    await dnsClock.round();
    assert.deepEqual(dnsSubmitted, ['settlement_tick CHF']);
    assert.equal(dns.state.network.settlement.get('CHF')!.windows[0]!.status, 'settled');
  });

  it('ends the day once the configured time has passed since the last end of day', async () => {
    const core = standardNode();
    const submitted: string[] = [];
    core.one(fundIn(bank.A, 'EUR', 1n, 'F'));
    const queued = payment({ seed: 'q', from: bank.A, to: bank.B, amount: 10n });
    core.one(queued);
    const start = core.nextTimestamp;
    const minute = Math.floor(((start / 60_000_000) % 1440) + 1) % 1440;
    const hhmm = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    let now = start;
    const clock = new SettlementClock({ node: () => handleOf(core, submitted, () => now), nowUs: () => now, endOfDay: hhmm });
    await clock.round();
    assert.deepEqual(submitted, [], 'not yet');
    now = start + 61_000_000;
    await clock.round();
    assert.deepEqual(submitted.sort(), ['end_of_day EUR', 'end_of_day USD']);
    assert.equal(core.state.network.payments.get(queued.uetr)!.reason, 'AB03');
    await clock.round();
    assert.equal(submitted.length, 2, 'once a day');
  });
});
