/**
 * FX payments waiting in the source currency's queue, over HTTP on a real node: a bank with no
 * INR pays CNY; its payment waits (PDNG) with the provider's CNY reserved, and settles whole when
 * its INR arrives, or ends whole (cancelled; its quote expired while it waited: AB05). The
 * provider hears what moved its inventory; a held route is visible to its holder only.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { call, expectProblem, expectStatus, startTestNode, type TestNode } from './support.js';
import { fxPay, onboardProvider, provider, type Fixture, type PaymentJson, type RouteJson } from './fx-support.js';

const payer = 'AXISINBB';

interface HistoryJson extends PaymentJson {
  readonly history: { readonly status: string; readonly isoStatus: string | null; readonly reason: { readonly code: string } | null }[];
}
interface ProviderEventJson {
  readonly type: string;
  readonly reference: string;
  readonly payment: { readonly debtorAgent: string; readonly creditorAgent: string; readonly debtorName: string; readonly fx: { readonly rate: string; readonly legs: { readonly provider: string; readonly providerGets: unknown; readonly providerGives: unknown }[] } } | null;
}
interface AccountJson {
  readonly currency: string;
  readonly kind: string;
  readonly debitsPending: { readonly value: string };
  readonly balance: { readonly value: string };
}

describe('FX payments waiting in the queue, over HTTP', () => {
  let node: TestNode;
  let fx: Fixture;
  let payerKey: string;
  const op = (method: string, path: string, status: number, body?: unknown) => expectStatus(status, call(node, method, path, { key: fx.net.operatorKey, body }));
  const fund = (value: string, reference: string) => op('POST', '/v1/funding', 201, { direction: 'in', participant: payer, amount: { value, currency: 'INR' }, reference });
  const payment = (uetr: string) => expectStatus<HistoryJson>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: payerKey }));
  let inventoryCny: string;
  const reservedCny = async () => (await expectStatus<AccountJson>(200, call(node, 'GET', `/v1/accounts/${inventoryCny}`, { key: fx.providerKey }))).debitsPending.value;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    fx = await onboardProvider(node);
    await op('POST', '/v1/participants', 201, { bic: payer, name: 'Axis Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] });
    payerKey = ((await op('POST', `/v1/participants/${payer}/api-keys`, 201)) as { key: string }).key;
    const policy: object = await expectStatus<object>(200, call(node, 'GET', '/v1/fx/policy', { key: fx.net.operatorKey }));
    await op('PUT', '/v1/fx/policy', 200, { ...policy, queueTimeoutMs: 60_000 });
    // The provider's CNY inventory account (what a move answers with), to watch its reservations.
    const moved = await expectStatus<{ accountId: string }>(201, call(node, 'POST', '/v1/fx/inventory', { key: fx.providerKey, body: { direction: 'out', amount: { value: '0.01', currency: 'CNY' }, reference: 'find-inventory' } }));
    inventoryCny = moved.accountId;
  });
  after(async () => {
    await node.dispose();
  });

  it('waits (PDNG) with the provider’s CNY reserved, then settles whole when the payer’s INR arrives; the provider hears it', async () => {
    const sent = await fxPay(node, payerKey, { send: { value: '117.00', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'wait-1', creditorAgent: 'ICBKCNBJ' });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.deepEqual([sent.body.status, sent.body.isoStatus, sent.body.amount, sent.body.fx.delivered, sent.body.fx.rate], ['queued', 'PDNG', { value: '117.00', currency: 'INR' }, { value: '10.00', currency: 'CNY' }, '0.08547008547']);
    assert.equal(await reservedCny(), '10.00');
    const queue = await expectStatus<{ payments: { uetr: string }[] }>(200, call(node, 'GET', '/v1/settlement/INR/queue', { key: payerKey }));
    assert.deepEqual(queue.payments.map((p) => p.uetr), [sent.body.uetr]);

    await fund('200.00', 'axis-1');
    const settled = await payment(sent.body.uetr);
    assert.deepEqual(settled.history.map((h) => `${h.status} ${h.isoStatus ?? ''}`), ['received RCVD', 'validated ACTC', 'queued PDNG', 'settled ACSC']);
    assert.deepEqual([settled.fx.sent, settled.fx.delivered, settled.fx.rate], [{ value: '117.00', currency: 'INR' }, { value: '10.00', currency: 'CNY' }, '0.08547008547']);
    assert.equal(await reservedCny(), '0.00');

    const { events } = await expectStatus<{ events: ProviderEventJson[] }>(200, call(node, 'GET', '/v1/inbox', { key: fx.providerKey }));
    const moved = events.find((e) => e.type === 'fx.inventory_moved' && e.reference === sent.body.uetr)!;
    assert.deepEqual([moved.payment!.debtorAgent, moved.payment!.creditorAgent, moved.payment!.debtorName, moved.payment!.fx.rate], [payer, 'ICBKCNBJ', '', '0.08547008547']);
    assert.deepEqual(moved.payment!.fx.legs, [{ provider, quoteId: 'CNYINR-1', pair: 'CNY/INR', side: 'ask', rate: '11.7', providerGets: { value: '117.00', currency: 'INR' }, providerGives: { value: '10.00', currency: 'CNY' } }]);
    const own = await expectStatus<{ events: { type: string; reference: string }[] }>(200, call(node, 'GET', '/v1/inbox', { key: payerKey }));
    assert.deepEqual(own.events.filter((e) => e.reference === sent.body.uetr).map((e) => e.type), ['payment.queued', 'payment.settled']);
  });

  it('the sender cancels it while it waits: rejected DS02, the reservation released', async () => {
    const sent = await fxPay(node, payerKey, { send: { value: '1170.00', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'wait-2', creditorAgent: 'ICBKCNBJ' });
    assert.equal(sent.body.status, 'queued');
    assert.equal(await reservedCny(), '100.00');
    await expectStatus(200, call(node, 'POST', `/v1/payments/${sent.body.uetr}/cancel`, { key: payerKey }));
    const cancelled = await payment(sent.body.uetr);
    assert.deepEqual([cancelled.status, cancelled.reason?.code], ['rejected', 'DS02']);
    assert.equal(await reservedCny(), '0.00');
  });

  it('races its quote’s expiry: settled at the firm price before it, rejected AB05 once it passed (liquidity arriving then moves nothing)', async () => {
    // A better price for 3 seconds: both payments are priced on it and wait.
    await expectStatus(201, call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'SHORT', base: 'CNY', counter: 'INR', bid: '11.6', ask: '11.65', sizeMin: '0.01', sizeMax: '100.00', ttlSeconds: 3 } }));
    const first = await fxPay(node, payerKey, { deliver: { value: '10.00', currency: 'CNY' }, sourceCurrency: 'INR', endToEndId: 'race-1', creditorAgent: 'ICBKCNBJ' });
    const second = await fxPay(node, payerKey, { deliver: { value: '10.00', currency: 'CNY' }, sourceCurrency: 'INR', endToEndId: 'race-2', creditorAgent: 'ICBKCNBJ' });
    assert.deepEqual([first.body.status, second.body.status, first.body.amount.value, first.body.fx.rate], ['queued', 'queued', '116.50', '0.0858369098712']);
    // Liquidity for the first one only arrives before the quote's expiry: it settles at the price it was given.
    await fund('116.50', 'axis-race-1');
    assert.equal((await payment(first.body.uetr)).status, 'settled');
    assert.equal((await payment(second.body.uetr)).status, 'queued');
    // The quote expires: with nothing else sent, the node's settlement clock ends the wait (this test only waits for it).
    let late = await payment(second.body.uetr);
    for (let tries = 0; late.status === 'queued' && tries < 100; tries += 1) {
      await sleep(100);
      late = await payment(second.body.uetr);
    }
    assert.deepEqual([late.status, late.reason?.code, late.history.at(-1)!.isoStatus], ['rejected', 'AB05', 'RJCT']);
    // Liquidity for it arriving now moves nothing.
    await fund('116.50', 'axis-race-2');
    assert.equal((await payment(second.body.uetr)).status, 'rejected');
    assert.equal(await reservedCny(), '0.00');
    const { accounts } = await expectStatus<{ accounts: AccountJson[] }>(200, call(node, 'GET', '/v1/accounts', { key: payerKey }));
    // 83.00 left from the first test, and the late 116.50 untouched.
    assert.equal(accounts.find((a) => a.kind === 'settlement')!.balance.value, '199.50');
  });

  it('GET /v1/fx/routes/{id}: the holder sees its held route (and which payment used it); anyone else 404', async () => {
    const route = await expectStatus<RouteJson>(201, call(node, 'POST', '/v1/fx/routes', { key: fx.net.keys.SBININBB!, body: { send: { value: '11.70', currency: 'INR' }, targetCurrency: 'CNY', holdSeconds: 60 } }));
    const seen = await expectStatus<RouteJson & { usedBy: string | null }>(200, call(node, 'GET', `/v1/fx/routes/${route.routeId}`, { key: fx.net.keys.SBININBB! }));
    assert.deepEqual(seen, route);
    expectProblem(await call(node, 'GET', `/v1/fx/routes/${route.routeId}`, { key: fx.net.keys.HDFCINBB! }), 404, 'not-found');
    expectProblem(await call(node, 'GET', `/v1/fx/routes/${route.routeId}`, { key: fx.providerKey }), 404, 'not-found');
    expectProblem(await call(node, 'GET', '/v1/fx/routes/00000000-0000-4000-8000-000000000000', { key: fx.net.keys.SBININBB! }), 404, 'not-found');
    const paid = await fxPay(node, fx.net.keys.SBININBB!, { send: { value: '11.70', currency: 'INR' }, targetCurrency: 'CNY', routeId: route.routeId, endToEndId: 'route-1', creditorAgent: 'ICBKCNBJ' });
    const used = await expectStatus<{ usedBy: string | null }>(200, call(node, 'GET', `/v1/fx/routes/${route.routeId}`, { key: fx.net.keys.SBININBB! }));
    assert.equal(used.usedBy, paid.body.uetr);
  });
});
