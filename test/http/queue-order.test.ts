/**
 * The queue order as an operator's per-currency setting over HTTP: at registration, in the
 * currency view and the settlement overview, changed by PUT …/queue-order with its effect on
 * a blocked queue, and the refusals that leave the node as it was.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { call, expectProblem, expectStatus, expectUnchanged, onboardSmallNetwork, sendPayment, startTestNode, type SmallNetwork, type TestNode } from './support.js';

interface CurrencyView {
  code: string;
  mode: string;
  queueOrder: string | null;
}
interface PaymentView {
  uetr: string;
  status: string;
  isoStatus: string | null;
}

describe('queue order over HTTP', () => {
  let node: TestNode;
  let net: SmallNetwork;
  let op: string;
  const setOrder = (currency: string, body: unknown, key = op) => call<{ queueOrder: string | null; waiting: { count: number } }>(node, 'PUT', `/v1/settlement/${currency}/queue-order`, { key, body });
  const currencies = async (): Promise<Record<string, string | null>> => {
    const { currencies: list } = await expectStatus<{ currencies: CurrencyView[] }>(200, call(node, 'GET', '/v1/currencies', { key: op }));
    return Object.fromEntries(list.map((c) => [c.code, c.queueOrder]));
  };
  const pay = async (endToEndId: string, value: string): Promise<PaymentView> => {
    const sent = await sendPayment<PaymentView>(node, net.keys.HDFCINBB!, { endToEndId, amount: { value, currency: 'INR' }, creditorAgent: 'SBININBB' });
    assert.equal(sent.status, 201);
    return sent.body;
  };
  const track = async (uetr: string) => (await expectStatus<PaymentView>(200, call(node, 'GET', `/v1/payments/${uetr}`, { key: net.keys.HDFCINBB! }))).status;

  before(async () => {
    node = await startTestNode({ webhooks: false, settlementClock: false });
    net = await onboardSmallNetwork(node);
    op = net.operatorKey;
  });
  after(async () => {
    await node.dispose();
  });

  it('registration: fifo-bypass unless named; fifo when named; null for dns; shown in the currency view', async () => {
    const jpy = await expectStatus<CurrencyView>(201, call(node, 'POST', '/v1/currencies', { key: op, body: { code: 'JPY', mode: 'rtgs-lsm', agent: 'RBISINBB', queueOrder: 'fifo' } }));
    assert.equal(jpy.queueOrder, 'fifo');
    const chf = await expectStatus<CurrencyView>(201, call(node, 'POST', '/v1/currencies', { key: op, body: { code: 'CHF', mode: 'dns', agent: 'PBOCCNBJ' } }));
    assert.equal(chf.queueOrder, null);
    assert.deepEqual(await currencies(), { INR: 'fifo-bypass', CNY: 'fifo-bypass', JPY: 'fifo', CHF: null });
    // The same registration again is a retry (200); naming another order conflicts.
    assert.equal((await expectStatus<CurrencyView>(200, call(node, 'POST', '/v1/currencies', { key: op, body: { code: 'JPY', mode: 'rtgs-lsm', agent: 'RBISINBB', queueOrder: 'fifo' } }))).queueOrder, 'fifo');
    // Refused registrations are journaled with their result (as any registration is), and change no currency.
    const all = await currencies();
    expectProblem(await call(node, 'POST', '/v1/currencies', { key: op, body: { code: 'JPY', mode: 'rtgs-lsm', agent: 'RBISINBB', queueOrder: 'fifo-bypass' } }), 409, 'already-exists');
    expectProblem(await call(node, 'POST', '/v1/currencies', { key: op, body: { code: 'USD', mode: 'dns', agent: 'RBISINBB', queueOrder: 'fifo' } }), 422, 'settlement-mode');
    await expectUnchanged(node, async () => {
      expectProblem(await call(node, 'POST', '/v1/currencies', { key: op, body: { code: 'USD', mode: 'rtgs', agent: 'RBISINBB', queueOrder: 'FIFO' } }), 400, 'invalid-request');
    });
    assert.deepEqual(await currencies(), all);
  });

  it('a blocked normal head is overtaken under fifo-bypass, not under fifo; switching back to fifo-bypass settles the waiting payment at once', async () => {
    const head = await pay('QO-HEAD', '1500000.00');
    assert.equal(head.status, 'queued', 'beyond HDFCINBB’s 1,000,000.00');
    assert.equal((await pay('QO-BYPASS', '10.00')).status, 'settled', 'fifo-bypass: overtakes the blocked head');

    const set = await expectStatus(200, setOrder('INR', { queueOrder: 'fifo' }));
    assert.deepEqual([set.queueOrder, set.waiting.count], ['fifo', 1]);
    assert.equal((await currencies()).INR, 'fifo');
    const overview = await expectStatus<{ queueOrder: string }>(200, call(node, 'GET', '/v1/settlement/INR', { key: net.keys.HDFCINBB! }));
    assert.equal(overview.queueOrder, 'fifo', 'participants see the order in the overview');
    const waiting = await pay('QO-FIFO', '10.00');
    assert.deepEqual([waiting.status, waiting.isoStatus], ['queued', 'PDNG'], 'fifo: behind the blocked head');
    // The same order again changes nothing.
    await expectUnchanged(node, async () => assert.equal((await expectStatus(200, setOrder('INR', { queueOrder: 'fifo' }))).queueOrder, 'fifo'));

    const back = await expectStatus(200, setOrder('INR', { queueOrder: 'fifo-bypass' }));
    assert.deepEqual([back.queueOrder, back.waiting.count], ['fifo-bypass', 1]);
    assert.equal(await track(waiting.uetr), 'settled', 'settled in the request that allowed it to overtake');
    assert.equal(await track(head.uetr), 'queued', 'the head keeps its place');
  });

  it('refuses an unknown currency, a dns currency, a bad value and a participant, changing nothing', async () => {
    await expectUnchanged(node, async () => {
      expectProblem(await setOrder('GBP', { queueOrder: 'fifo' }), 422, 'unknown-currency');
      expectProblem(await setOrder('CHF', { queueOrder: 'fifo' }), 422, 'settlement-mode');
      expectProblem(await setOrder('INR', { queueOrder: 'lifo' }), 400, 'invalid-request');
      expectProblem(await setOrder('INR', {}), 400, 'invalid-request');
      expectProblem(await setOrder('INR', { queueOrder: 'fifo', extra: 1 }), 400, 'invalid-request');
      expectProblem(await setOrder('INR', { queueOrder: 'fifo' }, net.keys.HDFCINBB), 403, 'forbidden');
    });
    assert.equal((await currencies()).INR, 'fifo-bypass');
  });
});
