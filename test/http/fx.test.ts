/**
 * FX over HTTP on a real node: a provider quotes INR/CNY, banks hold routes and pay across
 * currencies; bad input is refused with its problem and leaves the state fingerprint as it was;
 * many payments race for one provider's inventory.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildPacs008, renderPart } from '../../src/iso20022/index.js';
import type { ProblemSlug } from '../../src/http/problems.js';
import { call, type Answer, expectProblem, expectStatus, expectUnchanged, newIdempotencyKey, startTestNode, type TestNode } from './support.js';
import { fxPay, onboardProvider, provider, type AccountsJson, type Fixture, type InboxJson, type PaymentJson, type QuoteJson, type RouteJson } from './fx-support.js';

describe('FX over HTTP', () => {
  let node: TestNode;
  let fx: Fixture;
  before(async () => {
    node = await startTestNode({ webhooks: false });
    fx = await onboardProvider(node);
  });
  after(async () => {
    await node.dispose();
  });

  it('lists live quotes to banks, and the policy', async () => {
    const { quotes } = await expectStatus<{ quotes: QuoteJson[] }>(200, call(node, 'GET', '/v1/fx/quotes?base=CNY', { key: fx.net.keys.SBININBB! }));
    assert.deepEqual(quotes.map((q) => [q.id, q.provider, q.bid, q.ask, q.sizeMin.value, q.sizeMax.currency]), [['CNYINR-1', provider, '11.62', '11.7', '0.01', 'CNY']]);
    const policy = await expectStatus<{ routeHops: number }>(200, call(node, 'GET', '/v1/fx/policy', { key: fx.net.keys.SBININBB! }));
    assert.equal(policy.routeHops, 2);
  });

  it('holds a route, then pays on it: SBININBB sends 1170.00 INR, ICBKCNBJ receives 100.00 CNY, rate and legs stated', async () => {
    const route = await expectStatus<RouteJson>(201, call(node, 'POST', '/v1/fx/routes', { key: fx.net.keys.SBININBB!, body: { send: { value: '1170.00', currency: 'INR' }, targetCurrency: 'CNY', holdSeconds: 60 } }));
    assert.deepEqual([route.sent, route.delivered, route.rate], [{ value: '1170.00', currency: 'INR' }, { value: '100.00', currency: 'CNY' }, '0.08547008547']);
    assert.deepEqual(route.legs, [{ provider, quoteId: 'CNYINR-1', pair: 'CNY/INR', side: 'ask', rate: '11.7', providerGets: { value: '1170.00', currency: 'INR' }, providerGives: { value: '100.00', currency: 'CNY' } }]);
    const paid = await fxPay(node, fx.net.keys.SBININBB!, { send: { value: '1170.00', currency: 'INR' }, targetCurrency: 'CNY', routeId: route.routeId, endToEndId: 'fx-1', creditorAgent: 'ICBKCNBJ' });
    assert.equal(paid.status, 201, JSON.stringify(paid.body));
    const p = paid.body;
    assert.deepEqual([p.status, p.isoStatus, p.amount, p.fx.delivered, p.fx.routeId], ['settled', 'ACSC', { value: '1170.00', currency: 'INR' }, { value: '100.00', currency: 'CNY' }, route.routeId]);
    // The creditor's inbox states what it received, in its currency, and the rate.
    const inbox = await expectStatus<InboxJson>(200, call(node, 'GET', '/v1/inbox', { key: fx.net.keys.ICBKCNBJ! }));
    const received = inbox.events.find((e) => e.reference === p.uetr)!;
    assert.deepEqual([received.type, received.amount, received.payment.fx.rate, received.payment.fx.sent], ['payment.received', { value: '100.00', currency: 'CNY' }, '0.08547008547', { value: '1170.00', currency: 'INR' }]);
    // The same route cannot price a second payment.
    expectProblem(await fxPay(node, fx.net.keys.SBININBB!, { send: { value: '1170.00', currency: 'INR' }, targetCurrency: 'CNY', routeId: route.routeId, endToEndId: 'fx-2', creditorAgent: 'ICBKCNBJ' }), 409, 'fx-route-used');
  });

  it('pays without a held route (deliver exactly 50.00 CNY); a retry answers the first answer', async () => {
    const key = newIdempotencyKey();
    const body = { deliver: { value: '50.00', currency: 'CNY' }, sourceCurrency: 'INR', endToEndId: 'fx-3', creditorAgent: 'BKCHCNBJ' };
    const first = await fxPay(node, fx.net.keys.HDFCINBB!, body, key);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual([first.body.amount, first.body.fx.delivered], [{ value: '585.00', currency: 'INR' }, { value: '50.00', currency: 'CNY' }]);
    const again = await fxPay(node, fx.net.keys.HDFCINBB!, body, key);
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
  });

  it('refuses bad input with a precise problem and no state change', async () => {
    const sbi = fx.net.keys.SBININBB!;
    const refusals: [() => Promise<Answer>, number, ProblemSlug][] = [
      [() => call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'Z', base: 'CNY', counter: 'INR', bid: '0', ask: '11.7', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 422, 'fx-rate-invalid'],
      [() => call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'N', base: 'CNY', counter: 'INR', bid: '-11.6', ask: '11.7', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 422, 'fx-rate-invalid'],
      [() => call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'A', base: 'CNY', counter: 'INR', bid: '11.6', ask: '99999999999', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 422, 'fx-rate-invalid'],
      [() => call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'X', base: 'CNY', counter: 'USD', bid: '0.14', ask: '0.15', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 422, 'unknown-currency'],
      [() => call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'C', base: 'CNY', counter: 'INR', bid: '11.8', ask: '11.7', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 422, 'fx-quote-invalid'],
      [() => call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'CNYINR-1', base: 'CNY', counter: 'INR', bid: '11.6', ask: '11.7', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 409, 'already-exists'],
      [() => call(node, 'POST', '/v1/fx/quotes', { key: sbi, body: { id: 'B', base: 'CNY', counter: 'INR', bid: '11.6', ask: '11.7', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 403, 'forbidden'],
      [() => call(node, 'DELETE', '/v1/fx/quotes/NOPE', { key: fx.providerKey }), 404, 'not-found'],
      [() => call(node, 'POST', '/v1/fx/routes', { key: sbi, body: { send: { value: '10.00', currency: 'INR' }, targetCurrency: 'INR' } }), 422, 'fx-same-currency'],
      [() => call(node, 'POST', '/v1/fx/routes', { key: sbi, body: { send: { value: '100000.00', currency: 'INR' }, targetCurrency: 'CNY' } }), 422, 'fx-amount-outside-quote-sizes'],
      [() => call(node, 'POST', '/v1/fx/routes', { key: sbi, body: { send: { value: '10.00', currency: 'INR' }, deliver: { value: '1.00', currency: 'CNY' } } }), 400, 'invalid-request'],
      [() => call(node, 'POST', '/v1/fx/routes', { key: sbi, body: { send: { value: '10.001', currency: 'INR' }, targetCurrency: 'CNY' } }), 422, 'amount-precision'],
      [() => call(node, 'POST', '/v1/fx/routes', { key: sbi, body: { send: { value: '0.00', currency: 'INR' }, targetCurrency: 'CNY' } }), 422, 'amount-invalid'],
      [() => fxPay(node, sbi, { send: { value: '10.00', currency: 'INR' }, targetCurrency: 'CNY', routeId: '00000000-0000-4000-8000-000000000000', endToEndId: 'x', creditorAgent: 'ICBKCNBJ' }), 404, 'not-found'],
      [() => fxPay(node, sbi, { send: { value: '10.00', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'x', creditorAgent: 'HDFCINBB' }), 422, 'participant-not-in-currency'],
      [() => call(node, 'PUT', '/v1/fx/policy', { key: fx.net.operatorKey, body: { referenceRates: { 'CNY/INR': '0' }, referenceDeviationBps: 100, pairsAllowed: null, vehicleCurrenciesExcluded: [], routeHops: 2 } }), 422, 'fx-rate-invalid'],
    ];
    for (const [request, status, slug] of refusals) {
      await expectUnchanged(node, async () => expectProblem(await request(), status, slug), slug);
    }
  });

  it('a pacs.008 with InstdAmt in INR and IntrBkSttlmAmt in CNY settles as an FX payment (pacs.002 ACSC)', async () => {
    const uetr = randomUUID();
    const xml = renderPart(
      buildPacs008({
        messageId: 'fx-iso-1',
        creationDateTime: '2026-03-02T10:00:00+00:00',
        instructingAgent: 'SBININBB',
        instructedAgent: 'ICBKCNBJ',
        transactions: [{ uetr, endToEndId: 'fx-iso-1', settlementAmount: { value: '10.00', currency: 'CNY' }, settlementDate: '2026-03-02', fx: { instructedAmount: { value: '117.00', currency: 'INR' }, exchangeRate: '0.08547' }, debtor: { name: 'A' }, debtorAgent: 'SBININBB', creditorAgent: 'ICBKCNBJ', creditor: { name: 'B' } }],
      }),
    );
    const answer = await call<string>(node, 'POST', '/v1/iso20022', { key: fx.net.keys.SBININBB!, body: xml, headers: { 'content-type': 'application/xml' } });
    assert.equal(answer.status, 200, answer.body);
    assert.match(answer.body, /<TxSts>ACSC<\/TxSts>/);
    // The pacs.002 states both amounts and the rate: IntrBkSttlmAmt in CNY, InstdAmt in INR, XchgRate in its supplementary data.
    assert.match(answer.body, /<IntrBkSttlmAmt Ccy="CNY">10.00<\/IntrBkSttlmAmt>/);
    assert.match(answer.body, /<InstdAmt Ccy="INR">117.00<\/InstdAmt>/);
    assert.match(answer.body, /<XchgRate>0.0854700854<\/XchgRate>/);
    const payment = await expectStatus<PaymentJson>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: fx.net.keys.ICBKCNBJ! }));
    assert.deepEqual([payment.status, payment.amount, payment.fx.delivered], ['settled', { value: '117.00', currency: 'INR' }, { value: '10.00', currency: 'CNY' }]);
  });

  it('a route id held by another participant is refused as not found, and changes nothing', async () => {
    const route = await expectStatus<RouteJson>(201, call(node, 'POST', '/v1/fx/routes', { key: fx.net.keys.HDFCINBB!, body: { send: { value: '10.00', currency: 'INR' }, targetCurrency: 'CNY' } }));
    await expectUnchanged(node, async () =>
      expectProblem(await fxPay(node, fx.net.keys.SBININBB!, { send: { value: '10.00', currency: 'INR' }, targetCurrency: 'CNY', routeId: route.routeId, endToEndId: 'stolen', creditorAgent: 'ICBKCNBJ' }), 404, 'not-found'),
    );
  });

  it('a withdrawn quote prices nothing more; the operator’s band refuses a quote far from the reference', async () => {
    await expectStatus(201, call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'TMP', base: 'CNY', counter: 'INR', bid: '11.5', ask: '11.9', sizeMin: '0.01', sizeMax: '10.00', ttlSeconds: 60 } }));
    await expectStatus(204, call(node, 'DELETE', '/v1/fx/quotes/TMP', { key: fx.providerKey }));
    const { quotes } = await expectStatus<{ quotes: QuoteJson[] }>(200, call(node, 'GET', '/v1/fx/quotes', { key: fx.providerKey }));
    assert.deepEqual(quotes.map((q) => q.id), ['CNYINR-1']);
    await expectStatus(200, call(node, 'PUT', '/v1/fx/policy', { key: fx.net.operatorKey, body: { referenceRates: { 'CNY/INR': '11.66' }, referenceDeviationBps: 100, pairsAllowed: null, vehicleCurrenciesExcluded: [], routeHops: 2 } }));
    await expectUnchanged(node, async () =>
      expectProblem(await call(node, 'POST', '/v1/fx/quotes', { key: fx.providerKey, body: { id: 'FAR', base: 'CNY', counter: 'INR', bid: '13.0', ask: '13.1', sizeMin: '1.00', sizeMax: '2.00', ttlSeconds: 60 } }), 422, 'fx-rate-outside-band'),
    );
  });
});

describe('FX payments racing for one provider’s inventory', () => {
  let node: TestNode;
  let fx: Fixture;
  before(async () => {
    node = await startTestNode({ webhooks: false });
    fx = await onboardProvider(node);
  });
  after(async () => {
    await node.dispose();
  });

  it('exactly as many settle as the inventory covers; the rest are rejected AM04 whole, and CNY is conserved', async () => {
    // The provider's 10,000.00 CNY covers 100 payments delivering 100.00 CNY each; 160 race for it.
    const senders = ['SBININBB', 'HDFCINBB'];
    const answers = await Promise.all(
      Array.from({ length: 160 }, (_, i) => fxPay(node, fx.net.keys[senders[i % 2]!]!, { deliver: { value: '100.00', currency: 'CNY' }, sourceCurrency: 'INR', endToEndId: `race-${i}`, creditorAgent: i % 3 === 0 ? 'BKCHCNBJ' : 'ICBKCNBJ' })),
    );
    const statuses = answers.map((a) => a.body.status);
    assert.ok(answers.every((a) => a.status === 201), JSON.stringify(answers.find((a) => a.status !== 201)?.body));
    assert.equal(statuses.filter((s) => s === 'settled').length, 100);
    assert.equal(statuses.filter((s) => s === 'rejected').length, 60);
    for (const a of answers) if (a.body.status === 'rejected') assert.equal(a.body.reason?.code, 'AM04');
    const { accounts } = await expectStatus<AccountsJson>(200, call(node, 'GET', '/v1/accounts', { key: fx.net.operatorKey }));
    const cny = accounts.filter((a) => a.currency === 'CNY' && a.kind === 'settlement');
    const held = cny.reduce((sum, a) => sum + Math.round(Number(a.balance.value) * 100), 0);
    // Banks funded 2 × 1,000,000.00 CNY; the provider's 10,000.00 CNY all went to the payees.
    assert.equal(held, 2 * 100_000_000 + 1_000_000);
  });
});

describe('FX payments are screened like same-currency ones', () => {
  let node: TestNode;
  let fx: Fixture;
  let officerKey: string;
  const list = ['list_id,entry_id,entity_type,primary_name,aliases,listed_on,birth_dates,countries,bics,remarks', 'SDN,1002,individual,Viktor PETRENKO,,2014-03-20,1961,UA|RU,,', 'SDN,1003,entity,Oceanic Shadow Trading LLC,,2020-01-01,,,,'].join('\n');
  interface HeldPayment extends PaymentJson {
    readonly history: { readonly status: string; readonly isoStatus: string | null }[];
  }
  const inrBalance = async (bic: string) => {
    const { accounts } = await expectStatus<{ accounts: (AccountsJson['accounts'][number] & { participant: string })[] }>(200, call(node, 'GET', '/v1/accounts', { key: fx.net.operatorKey }));
    return accounts.find((a) => a.participant === bic && a.currency === 'INR' && a.kind === 'settlement')!.balance.value;
  };
  before(async () => {
    node = await startTestNode({ webhooks: false });
    fx = await onboardProvider(node);
    await expectStatus(201, call(node, 'PUT', '/v1/screening/lists/SDN/versions/v1', { key: fx.net.operatorKey, body: list, headers: { 'content-type': 'text/csv' } }));
    officerKey = (await expectStatus<{ key: string }>(201, call(node, 'POST', '/v1/screening/officers/maria.k/api-keys', { key: fx.net.operatorKey }))).key;
  });
  after(async () => {
    await node.dispose();
  });

  it('an FX payment to a listed ultimate creditor is held (PDNG) with nothing moved, then released, priced and settled', async () => {
    const sbi = fx.net.keys.SBININBB!;
    const before = await inrBalance('SBININBB');
    const sent = await fxPay(node, sbi, { send: { value: '1170.00', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'fx-held-1', creditorAgent: 'ICBKCNBJ', ultimateCreditor: { name: 'Oceanic Shadow Trading' } });
    assert.equal(sent.status, 201, JSON.stringify(sent.body));
    assert.deepEqual([sent.body.status, sent.body.isoStatus], ['held', 'PDNG']);
    assert.equal(await inrBalance('SBININBB'), before);
    const uetr = sent.body.uetr;
    // The creditor side learns nothing while it is held.
    expectProblem(await call(node, 'GET', `/v1/payments/${uetr}`, { key: fx.net.keys.ICBKCNBJ! }), 404, 'not-found');
    const hold = await expectStatus<{ hits: { field: string }[] }>(200, call(node, 'GET', `/v1/screening/holds/${uetr}`, { key: officerKey }));
    assert.equal(hold.hits[0]!.field, 'ultimateCreditor.name');
    const released = await expectStatus<{ state: string; payment: HeldPayment }>(200, call(node, 'POST', `/v1/screening/holds/${uetr}/release`, { key: officerKey, body: { note: 'other party, per KYC file 12' } }));
    assert.equal(released.state, 'released');
    const p = released.payment;
    assert.deepEqual([p.status, p.amount, p.fx.delivered, p.fx.routeId], ['settled', { value: '1170.00', currency: 'INR' }, { value: '100.00', currency: 'CNY' }, null]);
    assert.deepEqual(p.history.map((h) => [h.status, h.isoStatus]), [['received', 'RCVD'], ['validated', 'ACTC'], ['held', 'PDNG'], ['released', 'ACTC'], ['settled', 'ACSC']]);
    assert.equal(await inrBalance('SBININBB'), (Number(before) - 1170).toFixed(2));
    assert.equal((await expectStatus<PaymentJson>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: fx.net.keys.ICBKCNBJ! }))).status, 'settled');
  });

  it('an FX payment rejected by the officer: the sender gets RR04, no money moves; a clear one settles at once', async () => {
    const hdfc = fx.net.keys.HDFCINBB!;
    const before = await inrBalance('HDFCINBB');
    const sent = await fxPay(node, hdfc, { deliver: { value: '10.00', currency: 'CNY' }, sourceCurrency: 'INR', endToEndId: 'fx-held-2', creditorAgent: 'BKCHCNBJ', creditorName: 'Viktor Petrenco' });
    assert.equal(sent.body.status, 'held');
    await expectStatus(200, call(node, 'POST', `/v1/screening/holds/${sent.body.uetr}/rejection`, { key: officerKey, body: { reason: 'RR04', note: 'confirmed match' } }));
    const tracked = await expectStatus<PaymentJson>(200, call(node, 'GET', `/v1/payments/${sent.body.uetr}`, { key: hdfc }));
    assert.deepEqual([tracked.status, tracked.reason?.code], ['rejected', 'RR04']);
    assert.equal(await inrBalance('HDFCINBB'), before);
    const clear = await fxPay(node, hdfc, { deliver: { value: '10.00', currency: 'CNY' }, sourceCurrency: 'INR', endToEndId: 'fx-clear', creditorAgent: 'BKCHCNBJ', creditorName: 'Beijing Tools Co' });
    assert.equal(clear.body.status, 'settled');
  });

  it('a pacs.008 FX transaction (InstdAmt in INR) to a listed creditor is answered PDNG, then released and settled', async () => {
    const uetr = randomUUID();
    const xml = renderPart(
      buildPacs008({
        messageId: 'fx-iso-held',
        creationDateTime: '2026-03-02T10:00:00+00:00',
        instructingAgent: 'SBININBB',
        instructedAgent: 'ICBKCNBJ',
        transactions: [{ uetr, endToEndId: 'fx-iso-held', settlementAmount: { value: '10.00', currency: 'CNY' }, settlementDate: '2026-03-02', fx: { instructedAmount: { value: '117.00', currency: 'INR' }, exchangeRate: '0.08547' }, debtor: { name: 'A' }, debtorAgent: 'SBININBB', creditorAgent: 'ICBKCNBJ', creditor: { name: 'Viktor Petrenco' } }],
      }),
    );
    const answer = await call<string>(node, 'POST', '/v1/iso20022', { key: fx.net.keys.SBININBB!, body: xml, headers: { 'content-type': 'application/xml' } });
    assert.equal(answer.status, 200, answer.body);
    assert.match(answer.body, /<TxSts>PDNG<\/TxSts>/);
    const released = await expectStatus<{ payment: PaymentJson }>(200, call(node, 'POST', `/v1/screening/holds/${uetr}/release`, { key: officerKey, body: { note: 'not the listed person' } }));
    assert.deepEqual([released.payment.status, released.payment.amount, released.payment.fx.delivered], ['settled', { value: '117.00', currency: 'INR' }, { value: '10.00', currency: 'CNY' }]);
  });

  it('screened fields beyond their schema (8 address lines) are refused with a problem and no state change', async () => {
    const answer = await expectUnchanged(node, () => fxPay(node, fx.net.keys.SBININBB!, { send: { value: '10.00', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'fx-long', creditorAgent: 'ICBKCNBJ', debtorAddress: Array.from({ length: 8 }, () => 'line') }));
    expectProblem(answer, 400, 'invalid-request');
  });
});
