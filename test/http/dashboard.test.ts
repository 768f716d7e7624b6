/**
 * The dashboard's HTTP edge on a real node (SQLite, random port): the static shell, the
 * operator aggregates against the accounts API, the recent list's bound, and the event stream:
 * what it says, how many may be open, that it never holds the shutdown, and (on a real
 * Writable that stops reading) that a slow client's buffer stays bounded and is told to resync.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { ServerResponse } from 'node:http';
import { EventStream } from '../../src/http/dashboard/event-stream.js';
import { RecentPayments } from '../../src/http/dashboard/recent-payments.js';
import { call, expectProblem, expectStatus, onboardSmallNetwork, openStream, sendPayment, startTestNode, waitFor, type SmallNetwork, type TestNode } from './support.js';

describe('dashboard HTTP edge', () => {
  let node: TestNode;
  let net: SmallNetwork;

  before(async () => {
    node = await startTestNode({ webhooks: false, dashboard: { streamsMax: 2, recentPaymentsMax: 5, heartbeatMs: 200 } });
    net = await onboardSmallNetwork(node);
  });
  after(async () => {
    await node.dispose();
  });

  it('serves the page at / without a key, with a strict content security policy, and nothing outside its files', async () => {
    const page = await call(node, 'GET', '/');
    assert.equal(page.status, 200);
    assert.match(page.contentType, /^text\/html/);
    assert.match(page.headers.get('content-security-policy') ?? '', /script-src 'self'/);
    assert.match(String(page.body), /<script type="module" src="\/web\/app.js">/);
    const script = await call(node, 'GET', '/web/app.js');
    assert.equal(script.status, 200);
    assert.match(script.contentType, /^text\/javascript/);
    for (const path of ['/web/..%2Fpackage.json', '/web/nothing.js', '/web/%2e%2e%2f%2e%2e%2fpackage.json']) assert.equal((await call(node, 'GET', path)).status, 404, path);
  });

  it('the overview shows each settlement account as the accounts API has it, and the day’s totals', async () => {
    const sent = await sendPayment<{ status: string }>(node, net.keys.SBININBB!, { endToEndId: 'dash-1', amount: { value: '125.50', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
    assert.equal(sent.body.status, 'settled');
    const overview = await expectStatus<{ currencies: { currency: string; exponent: number; settled: { count: number; value: { value: string } }; liquidityUsed: { value: string }; participants: { bic: string; balance: { value: string }; available: { value: string }; creditLine: { value: string } }[] }[] }>(
      200,
      call(node, 'GET', '/v1/operator/overview', { key: net.operatorKey }),
    );
    const inr = overview.currencies.find((c) => c.currency === 'INR')!;
    assert.deepEqual([inr.exponent, inr.settled.count, inr.settled.value.value, inr.liquidityUsed.value], [2, 1, '125.50', '125.50']);
    const accounts = await expectStatus<{ accounts: { participant: string; currency: string; kind: string; balance: { value: string }; available: { value: string }; creditLine: { value: string } }[] }>(200, call(node, 'GET', '/v1/accounts', { key: net.operatorKey }));
    for (const account of accounts.accounts.filter((a) => a.kind === 'settlement')) {
      const row = overview.currencies.find((c) => c.currency === account.currency)!.participants.find((p) => p.bic === account.participant)!;
      assert.deepEqual([row.balance.value, row.available.value, row.creditLine.value], [account.balance.value, account.available.value, account.creditLine.value], account.participant);
    }
    const chart = await expectStatus<{ points: { gross: { value: string } }[] }>(200, call(node, 'GET', '/v1/operator/currencies/INR/liquidity', { key: net.operatorKey }));
    assert.ok(chart.points.length >= 1 && chart.points.length <= 96);
    assert.equal(chart.points.at(-1)!.gross.value, '125.50');
  });

  it('the event stream says hello, then tells of each payment with its status', async () => {
    const stream = await openStream(node, net.operatorKey);
    assert.equal(stream.status, 200);
    await waitFor('hello', () => stream.events.some((e) => e.name === 'hello'));
    const sent = await sendPayment<{ uetr: string }>(node, net.keys.HDFCINBB!, { endToEndId: 'dash-2', amount: { value: '7.00', currency: 'INR' }, creditorAgent: 'SBININBB' });
    await waitFor('the payment on the stream', () => stream.events.some((e) => e.name === 'changes' && e.data.payments!.some((p) => p.uetr === sent.body.uetr && p.status === 'settled')));
    await waitFor('a heartbeat while quiet', () => stream.events.some((e) => e.name === 'heartbeat'));
    stream.close();
    await stream.ended;
  });

  it('at most streamsMax streams at once: the next gets 503, and a closed one frees its place', async () => {
    const first = await openStream(node, net.operatorKey);
    const second = await openStream(node, net.operatorKey);
    const third = await call(node, 'GET', '/v1/operator/events', { key: net.operatorKey });
    assert.equal(third.status, 503);
    first.close();
    await first.ended;
    await waitFor('a place frees', async () => {
      const again = await openStream(node, net.operatorKey);
      again.close();
      await again.ended;
      return again.status === 200;
    });
    second.close();
    await second.ended;
  });

  it('the recent list keeps the newest recentPaymentsMax payments, newest first', async () => {
    const uetrs: string[] = [];
    for (let i = 0; i < 8; i += 1) uetrs.push((await sendPayment<{ uetr: string }>(node, net.keys.ICBKCNBJ!, { endToEndId: `dash-r${i}`, amount: { value: '1.00', currency: 'CNY' }, creditorAgent: 'BKCHCNBJ' })).body.uetr);
    await waitFor('the feed caught up', async () => {
      const list = await expectStatus<{ payments: { uetr: string }[] }>(200, call(node, 'GET', '/v1/operator/payments', { key: net.operatorKey }));
      return list.payments[0]?.uetr === uetrs.at(-1);
    });
    const list = await expectStatus<{ payments: { uetr: string }[] }>(200, call(node, 'GET', '/v1/operator/payments', { key: net.operatorKey }));
    assert.deepEqual(list.payments.map((p) => p.uetr), uetrs.slice(-5).reverse());
    assert.equal((await call(node, 'GET', '/v1/operator/payments?limit=6', { key: net.operatorKey })).status, 400);
  });

  it('the operator’s cancellation is recorded as the operator’s: in the payment’s history and the sender’s inbox event; the sender’s own is not', async () => {
    type Paid = { uetr: string; status: string; history: { status: string; reason: { code: string } | null; by?: string }[] };
    type Inbox = { events: { type: string; reference: string; reason: { code: string } | null; by?: string }[] };
    // Beyond HDFC's balance: it queues (rtgs), so it can be cancelled.
    const queue = async (id: string) => (await sendPayment<Paid>(node, net.keys.HDFCINBB!, { endToEndId: id, amount: { value: '5000000.00', currency: 'INR' }, creditorAgent: 'SBININBB' })).body;
    const byOperator = await queue('dash-cancel-op');
    const bySender = await queue('dash-cancel-own');
    assert.deepEqual([byOperator.status, bySender.status], ['queued', 'queued']);
    const cancelled = await expectStatus<Paid>(200, call(node, 'POST', `/v1/operator/payments/${byOperator.uetr}/cancel`, { key: net.operatorKey }));
    const own = await expectStatus<Paid>(200, call(node, 'POST', `/v1/payments/${bySender.uetr}/cancel`, { key: net.keys.HDFCINBB! }));
    assert.deepEqual([cancelled.status, cancelled.history.at(-1)!.reason!.code, cancelled.history.at(-1)!.by], ['rejected', 'DS02', 'operator']);
    assert.ok(cancelled.history.slice(0, -1).every((h) => h.by === undefined), 'only the cancellation is the operator’s');
    assert.deepEqual([own.status, own.history.at(-1)!.reason!.code, own.history.at(-1)!.by], ['rejected', 'DS02', undefined]);
    const events = (await expectStatus<Inbox>(200, call(node, 'GET', '/v1/inbox?after=0&limit=1000', { key: net.keys.HDFCINBB! }))).events;
    const rejection = (uetr: string) => events.find((e) => e.type === 'payment.rejected' && e.reference === uetr)!;
    assert.deepEqual([rejection(byOperator.uetr).reason!.code, rejection(byOperator.uetr).by], ['DS02', 'operator']);
    assert.equal(rejection(bySender.uetr).by, undefined);
    // A retry answers the same and journals nothing more.
    const again = await expectStatus<Paid>(200, call(node, 'POST', `/v1/operator/payments/${byOperator.uetr}/cancel`, { key: net.operatorKey }));
    assert.equal(again.history.length, cancelled.history.length);
  });

  it('closing the node ends open streams instead of waiting for them', async () => {
    const other = await startTestNode({ webhooks: false });
    const stream = await openStream(other, other.operatorKey);
    await waitFor('hello', () => stream.events.some((e) => e.name === 'hello'));
    await other.dispose();
    await stream.ended;
  });
});

describe('event stream buffer', () => {
  /** A real Writable that accepts nothing until released: what a client that stopped reading looks like. */
  function stalledResponse(): { response: ServerResponse; written: string[]; release(): void } {
    const written: string[] = [];
    const held: (() => void)[] = [];
    let released = false;
    const writable = new Writable({
      highWaterMark: 64,
      write(chunk: Buffer, _encoding, done) {
        written.push(chunk.toString());
        if (released) done();
        else held.push(done);
      },
    });
    return {
      response: writable as unknown as ServerResponse,
      written,
      release() {
        released = true;
        for (const done of held.splice(0)) done();
      },
    };
  }

  it('a client that stops reading holds at most the buffer limit; when it reads again it is told to resync', async () => {
    const stalled = stalledResponse();
    const { response, written } = stalled;
    const bufferedBytesMax = 1024;
    const stream = new EventStream(response, bufferedBytesMax, () => undefined);
    const payload = { payments: 'x'.repeat(300) };
    for (let i = 0; i < 1000; i += 1) stream.send('changes', payload);
    const buffered = (response as unknown as Writable).writableLength;
    assert.ok(buffered <= bufferedBytesMax + 400, `${buffered} bytes buffered`);
    assert.ok(stream.skipped > 990, `${stream.skipped} events skipped`);
    stalled.release();
    await waitFor('resync after the drain', () => written.some((w) => w.startsWith('event: resync')));
    stream.send('changes', { after: true });
    await waitFor('events flow again', () => written.some((w) => w.includes('"after":true')));
    stream.end();
  });

  it('the recent list never grows beyond its capacity', () => {
    const recent = new RecentPayments(3);
    for (let i = 0; i < 1000; i += 1) recent.add(`p${i}`);
    assert.equal(recent.size, 3);
    assert.deepEqual(recent.newest(10), ['p999', 'p998', 'p997']);
    assert.equal(recent.add('p999'), false);
  });
});

describe('dashboard FX panel route', () => {
  let node: TestNode;
  let net: SmallNetwork;
  const provider = 'FXPRSGSG';
  let providerKey: string;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
    const op = (method: string, path: string, body?: unknown) => expectStatus(201, call(node, method, path, { key: net.operatorKey, body }));
    await op('POST', '/v1/participants', { bic: provider, name: 'FX Provider', country: 'SG', type: 'direct', roles: ['fx_provider'], currencies: ['INR', 'CNY'] });
    providerKey = ((await op('POST', `/v1/participants/${provider}/api-keys`)) as { key: string }).key;
    await op('POST', '/v1/funding', { direction: 'in', participant: provider, amount: { value: '100000.00', currency: 'INR' }, reference: 'fx-inr' });
    await op('POST', '/v1/funding', { direction: 'in', participant: provider, amount: { value: '10000.00', currency: 'CNY' }, reference: 'fx-cny' });
    const p = (path: string, body: unknown) => expectStatus(201, call(node, 'POST', path, { key: providerKey, body }));
    await p('/v1/fx/inventory', { direction: 'in', amount: { value: '100000.00', currency: 'INR' }, reference: 'inv-inr' });
    await p('/v1/fx/inventory', { direction: 'in', amount: { value: '10000.00', currency: 'CNY' }, reference: 'inv-cny' });
    await p('/v1/fx/quotes', { id: 'Q-CNYINR-2', base: 'CNY', counter: 'INR', bid: '11.6', ask: '11.75', sizeMin: '0.01', sizeMax: '500.00', ttlSeconds: 3600 });
    await p('/v1/fx/quotes', { id: 'Q-CNYINR-1', base: 'CNY', counter: 'INR', bid: '11.62', ask: '11.70', sizeMin: '0.01', sizeMax: '5000.00', ttlSeconds: 3600 });
  });
  after(async () => {
    await node.dispose();
  });

  interface PanelJson {
    quotes: { id: string; bid: string | null; ask: string | null; sizeMin: { value: string }; sizeMax: { value: string }; expiresAt: string }[];
    quotesTotal: number;
    flows: { sourceCurrency: string; targetCurrency: string; count: number; sent: { value: string; currency: string }; delivered: { value: string; currency: string } }[];
  }

  it('lists the live quotes as GET /v1/fx/quotes shows them to the operator, ordered, rates as exact decimal text', async () => {
    const panel = await expectStatus<PanelJson>(200, call(node, 'GET', '/v1/operator/fx', { key: net.operatorKey }));
    const listed = await expectStatus<{ quotes: PanelJson['quotes'] }>(200, call(node, 'GET', '/v1/fx/quotes', { key: net.operatorKey }));
    assert.deepEqual(panel.quotes.map((q) => q.id), ['Q-CNYINR-1', 'Q-CNYINR-2'], 'by pair, provider, then id');
    assert.deepEqual(panel.quotes, [...listed.quotes].sort((a, b) => (a.id < b.id ? -1 : 1)));
    assert.deepEqual([panel.quotes[1]!.bid, panel.quotes[1]!.ask, panel.quotes[1]!.sizeMax.value], ['11.6', '11.75', '500.00']);
    assert.equal(panel.quotesTotal, 2);
    assert.deepEqual(panel.flows, []);
  });

  it('a settled FX payment shows in the pair’s flow: count, sent and delivered, exact; a bank may not read the panel', async () => {
    const paid = await expectStatus<{ status: string; fx: { delivered: { value: string } } }>(
      201,
      call(node, 'POST', '/v1/fx/payments', { key: net.keys.SBININBB!, headers: { 'idempotency-key': 'panel-fx-1' }, body: { send: { value: '1170.00', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'panel-fx-1', creditorAgent: 'ICBKCNBJ' } }),
    );
    assert.equal(paid.status, 'settled');
    const panel = await expectStatus<PanelJson>(200, call(node, 'GET', '/v1/operator/fx', { key: net.operatorKey }));
    assert.deepEqual(panel.flows.map((f) => [f.sourceCurrency, f.targetCurrency, f.count, f.sent.value, f.sent.currency, f.delivered.value, f.delivered.currency]), [['INR', 'CNY', 1, '1170.00', 'INR', paid.fx.delivered.value, 'CNY']]);
    assert.equal(paid.fx.delivered.value, '100.00', '1170.00 INR at the ask 11.70');
    // The per-currency panels count the legs: INR from SBI into the provider, CNY from the provider to ICBC.
    type Overview = { currencies: { currency: string; settled: { count: number; value: { value: string }; fx: { count: number; value: { value: string } } }; participants: { bic: string; settledSent: { value: string }; settledReceived: { value: string } }[] }[] };
    const overview = await expectStatus<Overview>(200, call(node, 'GET', '/v1/operator/overview', { key: net.operatorKey }));
    const of = (code: string) => overview.currencies.find((c) => c.currency === code)!;
    assert.deepEqual([of('INR').settled.fx.count, of('INR').settled.fx.value.value, of('CNY').settled.fx.count, of('CNY').settled.fx.value.value], [1, '1170.00', 1, '100.00']);
    assert.equal(of('INR').participants.find((p) => p.bic === 'SBININBB')!.settledSent.value, '1170.00');
    assert.equal(of('CNY').participants.find((p) => p.bic === 'ICBKCNBJ')!.settledReceived.value, '100.00');
    const chart = await expectStatus<{ points: { gross: { value: string } }[] }>(200, call(node, 'GET', '/v1/operator/currencies/CNY/liquidity', { key: net.operatorKey }));
    assert.equal(chart.points.at(-1)!.gross.value, '100.00', 'the chart counts the leg');
    assert.equal((await call(node, 'GET', '/v1/operator/fx', { key: net.keys.SBININBB! })).status, 403);
    assert.equal((await call(node, 'GET', '/v1/operator/fx')).status, 401);
  });
});

describe('dashboard: payments held by screening (read-only for the operator)', () => {
  let node: TestNode;
  let net: SmallNetwork;
  const list = ['list_id,entry_id,entity_type,primary_name,aliases,listed_on,birth_dates,countries,bics,remarks', 'OFAC-SDN,1002,individual,Viktor PETRENKO,,2014-03-20,1961,UA|RU,,'].join('\n');

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
    const uploaded = await call(node, 'PUT', '/v1/screening/lists/OFAC-SDN/versions/2026-01', { key: net.operatorKey, body: list, headers: { 'content-type': 'text/csv' } });
    assert.equal(uploaded.status, 201, JSON.stringify(uploaded.body));
  });
  after(async () => {
    await node.dispose();
  });

  type Overview = { currencies: { currency: string; held: { count: number; value: { value: string }; oldestSince: string | null } }[] };
  type Held = { holds: { uetr: string; state: string; heldAt: string; hits: { listId: string; field: string; listedName?: string; score: number }[]; payment: { status: string } }[]; total: number };

  it('the overview counts held payments per currency; the list explains each hit; a bank may not read it, nor the operator decide', async () => {
    const empty = await expectStatus<Overview>(200, call(node, 'GET', '/v1/operator/overview', { key: net.operatorKey }));
    assert.deepEqual(empty.currencies.map((c) => [c.currency, c.held.count, c.held.value.value, c.held.oldestSince]), [['INR', 0, '0.00', null], ['CNY', 0, '0.00', null]]);
    const sent = await sendPayment<{ uetr: string; status: string }>(node, net.keys.SBININBB!, { endToEndId: 'held-dash', amount: { value: '250.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Viktor Petrenco' });
    assert.equal(sent.body.status, 'held');
    const overview = await expectStatus<Overview>(200, call(node, 'GET', '/v1/operator/overview', { key: net.operatorKey }));
    const inr = overview.currencies.find((c) => c.currency === 'INR')!;
    assert.deepEqual([inr.held.count, inr.held.value.value], [1, '250.00']);
    const held = await expectStatus<Held>(200, call(node, 'GET', '/v1/operator/currencies/INR/holds', { key: net.operatorKey }));
    assert.equal(held.total, 1);
    assert.deepEqual(held.holds.map((h) => [h.uetr, h.state, h.payment.status, h.heldAt]), [[sent.body.uetr, 'open', 'held', inr.held.oldestSince]]);
    assert.deepEqual(held.holds[0]!.hits.map((h) => [h.listId, h.field, h.listedName]), [['OFAC-SDN', 'creditor.name', 'Viktor PETRENKO']]);
    assert.deepEqual((await expectStatus<Held>(200, call(node, 'GET', '/v1/operator/currencies/CNY/holds', { key: net.operatorKey }))).total, 0);
    expectProblem(await call(node, 'GET', '/v1/operator/currencies/XXX/holds', { key: net.operatorKey }), 422, 'unknown-currency');
    assert.equal((await call(node, 'GET', '/v1/operator/currencies/INR/holds', { key: net.keys.SBININBB! })).status, 403);
    assert.equal((await call(node, 'GET', '/v1/operator/currencies/INR/holds')).status, 401);
    // Decisions are the compliance officers': the operator key may not release it.
    assert.equal((await call(node, 'POST', `/v1/screening/holds/${sent.body.uetr}/release`, { key: net.operatorKey, body: { note: 'operator tries' } })).status, 403);
  });
});
