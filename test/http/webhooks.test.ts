/**
 * Webhooks end to end: a real node delivers inbox events to a local receiver (node:http on a
 * random port), signed, in order, at least once, and remembers across a restart what was
 * acknowledged. Retries use the default backoff (full jitter from 1 s), so failures are few.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { verifyWebhookSignature } from '../../src/http/webhooks/index.js';
import { call, onboardSmallNetwork, sendPayment, startTestNode, waitFor, type SmallNetwork, type TestNode } from './support.js';

interface WebhookEvent {
  seq: number;
  type: string;
  reference: string;
  status: string | null;
  amount: { value: string; currency: string } | null;
  payment: { uetr: string; debtorAgent: string; creditorAgent: string } | null;
}

interface Delivery {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly seqs: number[];
  readonly events: WebhookEvent[];
  /** What the receiver answered. */
  readonly status: number;
}

interface Receiver {
  readonly url: string;
  readonly deliveries: Delivery[];
  close(): Promise<void>;
}

/** A webhook receiver that answers the nth request (0-based) with `answer(n)`. */
async function startReceiver(answer: (index: number) => number = () => 200): Promise<Receiver> {
  const deliveries: Delivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const status = answer(deliveries.length);
      const events = (JSON.parse(body) as { events: WebhookEvent[] }).events;
      deliveries.push({ headers: request.headers, body, seqs: events.map((e) => e.seq), events, status });
      response.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'try later');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/corridor/hook`,
    deliveries,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error === undefined ? resolve() : reject(error)));
      }),
  };
}

/** Seqs acknowledged (answered 2xx), in delivery order. */
const acknowledged = (receiver: Receiver): number[] => receiver.deliveries.filter((d) => d.status === 200).flatMap((d) => d.seqs);

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

async function inboxLength(node: { url: string }, key: string): Promise<number> {
  const page = await call<{ next: number }>(node, 'GET', '/v1/inbox?limit=1000', { key });
  assert.equal(page.status, 200);
  return page.body.next;
}

async function pay(node: { url: string }, key: string, creditorAgent: string, currency: string, endToEndId: string): Promise<string> {
  const answer = await sendPayment<{ uetr: string; status: string }>(node, key, { endToEndId, amount: { value: '1.00', currency }, creditorAgent });
  assert.equal(answer.status, 201, JSON.stringify(answer.body));
  assert.equal(answer.body.status, 'settled');
  return answer.body.uetr;
}

describe('webhooks', () => {
  let node: TestNode;
  let net: SmallNetwork;
  const receivers: Receiver[] = [];
  before(async () => {
    node = await startTestNode();
    net = await onboardSmallNetwork(node);
  });
  after(async () => {
    await node.dispose();
    for (const receiver of receivers) await receiver.close();
  });

  it('delivers a bank’s events to its webhook in order, each signed with its secret', async () => {
    const receiver = await startReceiver();
    receivers.push(receiver);
    const secret = 'whsec-bkch-0123456789abcdef';
    const key = net.keys.BKCHCNBJ!;
    const set = await call<{ bic: string; webhook?: { url: string } | null }>(node, 'PUT', '/v1/participants/BKCHCNBJ/webhook', { key, body: { url: receiver.url, secret } });
    assert.equal(set.status, 200, JSON.stringify(set.body));
    assert.deepEqual(set.body.webhook, { url: receiver.url });
    // Another bank may neither see nor set it.
    const seen = await call<{ webhook?: unknown }>(node, 'GET', '/v1/participants/BKCHCNBJ', { key: net.keys.ICBKCNBJ! });
    assert.equal(seen.body.webhook, undefined);
    assert.equal((await call(node, 'PUT', '/v1/participants/BKCHCNBJ/webhook', { key: net.keys.ICBKCNBJ!, body: { url: receiver.url, secret } })).status, 404);
    assert.equal((await call(node, 'PUT', '/v1/participants/BKCHCNBJ/webhook', { key, body: { url: receiver.url, secret: 'short' } })).status, 400);

    const uetrs: string[] = [];
    for (let i = 0; i < 5; i++) uetrs.push(await pay(node, net.keys.ICBKCNBJ!, 'BKCHCNBJ', 'CNY', `E2E-HOOK-${i}`));
    const total = await inboxLength(node, key);
    assert.equal(total, 6, 'the opening funds and five payments');
    await waitFor('every event at the receiver', () => acknowledged(receiver).includes(total), 5_000);
    await sleep(100);

    // Nothing failed, so every event came exactly once, in order.
    assert.deepEqual(receiver.deliveries.flatMap((d) => d.seqs), range(1, total));
    const events = receiver.deliveries.flatMap((d) => d.events);
    assert.deepEqual([events[0]!.type, events[0]!.reference], ['funds.credited', 'open-BKCHCNBJ']);
    assert.deepEqual(
      events.slice(1).map((e) => [e.type, e.status, e.reference, e.amount?.value, e.payment?.uetr, e.payment?.debtorAgent, e.payment?.creditorAgent]),
      uetrs.map((uetr) => ['payment.received', 'settled', uetr, '1.00', uetr, 'ICBKCNBJ', 'BKCHCNBJ']),
    );
    // The events are the inbox's, as the API shows them.
    const inboxPage = await call<{ events: unknown[] }>(node, 'GET', '/v1/inbox', { key });
    assert.deepEqual(events, inboxPage.body.events);

    const nowSeconds = Math.floor(Date.now() / 1000);
    for (const delivery of receiver.deliveries) {
      const signature = delivery.headers['corridor-signature'];
      assert.equal(typeof signature, 'string', 'a Corridor-Signature header');
      assert.match(signature as string, /^t=\d+,v1=[0-9a-f]{64}$/);
      assert.equal(verifyWebhookSignature(secret, signature as string, delivery.body, nowSeconds), true, 'verifies with the secret');
      assert.equal(verifyWebhookSignature('whsec-some-other-secret-000', signature as string, delivery.body, nowSeconds), false, 'fails with another secret');
      assert.equal(verifyWebhookSignature(secret, signature as string, delivery.body.replace('"seq":', '"seq": '), nowSeconds), false, 'fails for another body');
      assert.equal(delivery.headers['corridor-delivery-id'], `BKCHCNBJ-${delivery.seqs[0]}-${delivery.seqs.at(-1)}`);
      assert.match(delivery.headers['content-type'] ?? '', /^application\/json/);
    }
    // The other bank configured no webhook and gets none.
    assert.ok(receiver.deliveries.every((d) => d.events.every((e) => e.type !== 'payment.settled')), 'only the receiving bank’s events');
  });

  it('a receiver that answers 500 at first still gets every event, in order, none lost', async () => {
    const failuresFirst = 2;
    const receiver = await startReceiver((index) => (index < failuresFirst ? 500 : 200));
    receivers.push(receiver);
    const secret = 'whsec-hdfc-0123456789abcdef';
    const key = net.keys.HDFCINBB!;
    assert.equal((await call(node, 'PUT', '/v1/participants/HDFCINBB/webhook', { key, body: { url: receiver.url, secret } })).status, 200);
    await waitFor('the first attempt', () => receiver.deliveries.length >= 1, 5_000);
    // Events that arrive while the receiver fails must follow, not be lost.
    for (let i = 0; i < 4; i++) await pay(node, net.keys.SBININBB!, 'HDFCINBB', 'INR', `E2E-RETRY-${i}`);
    const total = await inboxLength(node, key);
    assert.equal(total, 5);
    await waitFor('every event acknowledged', () => acknowledged(receiver).includes(total), 9_000);
    await sleep(100);

    assert.deepEqual(acknowledged(receiver), range(1, total), 'each seq acknowledged once, in order');
    assert.equal(receiver.deliveries.filter((d) => d.status === 500).length, failuresFirst);
    // Each request starts right after what was acknowledged: a repeat only follows a failure.
    let acked = 0;
    for (const delivery of receiver.deliveries) {
      assert.deepEqual(delivery.seqs, range(acked + 1, acked + delivery.seqs.length), `request ${String(delivery.headers['corridor-delivery-id'])} follows ${acked}`);
      assert.ok(verifyWebhookSignature(secret, delivery.headers['corridor-signature'] as string, delivery.body, Math.floor(Date.now() / 1000)), 'each attempt is signed');
      if (delivery.status === 200) acked = delivery.seqs.at(-1)!;
    }
    assert.equal(acked, total);
  });

  it('after a restart the node does not redeliver acknowledged events, and delivers new ones', async () => {
    const receiver = receivers[1]!;
    const key = net.keys.HDFCINBB!;
    const total = await inboxLength(node, key);
    assert.deepEqual(acknowledged(receiver), range(1, total));
    const deliveriesBefore = receiver.deliveries.length;

    await node.close();
    node = await startTestNode({ dir: node.dir, operatorKey: node.operatorKey });
    // The dispatcher polls at start and then every second: give it more than one round.
    await sleep(1_500);
    assert.equal(receiver.deliveries.length, deliveriesBefore, `no old events again: ${JSON.stringify(receiver.deliveries.slice(deliveriesBefore).map((d) => d.seqs))}`);

    const uetr = await pay(node, net.keys.SBININBB!, 'HDFCINBB', 'INR', 'E2E-AFTER-RESTART');
    await waitFor('the new event', () => receiver.deliveries.length > deliveriesBefore, 5_000);
    await sleep(100);
    const fresh = receiver.deliveries.slice(deliveriesBefore);
    assert.deepEqual(fresh.map((d) => [d.status, d.seqs]), [[200, [total + 1]]]);
    assert.equal(fresh[0]!.events[0]!.reference, uetr);
  });
});
