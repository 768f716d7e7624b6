import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { retryDelayMs } from './backoff.js';
import {
  WebhookDispatcher,
  type WebhookDeliveryReport,
  type WebhookDispatcherOptions,
  type WebhookSource,
  type WebhookTarget,
} from './dispatcher.js';
import { verifyWebhookSignature } from './signature.js';

interface InboxEvent {
  readonly seq: number;
  readonly kind: string;
}

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly seqs: number[];
  readonly atMs: number;
}

/** What the receiver answers to its index-th request: a status, or no answer at all. */
type Answer = (index: number) => number | 'hang' | Promise<number>;

interface Receiver {
  readonly url: string;
  readonly received: Received[];
  /** Most requests in flight at once, overall and per Corridor-Delivery-Id prefix (the bic). */
  readonly concurrency: { now: number; max: number; maxPerBic: number; perBic: Map<string, number> };
  close(): Promise<void>;
}

async function startReceiver(answer: Answer = () => 200): Promise<Receiver> {
  const received: Received[] = [];
  const concurrency = { now: 0, max: 0, maxPerBic: 0, perBic: new Map<string, number>() };
  const server = createServer((request, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const { events } = JSON.parse(body) as { events: InboxEvent[] };
      const index = received.length;
      received.push({ headers: request.headers, body, seqs: events.map((event) => event.seq), atMs: performance.now() });
      const bic = String(request.headers['corridor-delivery-id']).split('-')[0] ?? '';
      concurrency.now += 1;
      concurrency.perBic.set(bic, (concurrency.perBic.get(bic) ?? 0) + 1);
      concurrency.max = Math.max(concurrency.max, concurrency.now);
      concurrency.maxPerBic = Math.max(concurrency.maxPerBic, concurrency.perBic.get(bic) ?? 0);
      const finish = (status: number): void => {
        concurrency.now -= 1;
        concurrency.perBic.set(bic, (concurrency.perBic.get(bic) ?? 1) - 1);
        if (status >= 300 && status <= 399) response.setHeader('location', '/moved');
        response.writeHead(status).end('thanks');
      };
      const status = answer(index);
      if (status === 'hang') return;
      void Promise.resolve(status).then(finish);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/corridor`,
    received,
    concurrency,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The node's side, in memory: inboxes numbered 1, 2, 3… and the delivered marks. */
class FakeSource implements WebhookSource {
  readonly inboxes = new Map<string, InboxEvent[]>();
  readonly webhooks = new Map<string, { url: string; secret: string }>();
  readonly deliveredUpTo = new Map<string, number>();
  readonly deliveredCalls: { bic: string; upTo: number }[] = [];
  failEventsTimes = 0;

  configure(bic: string, url: string, secret = `secret-${bic}`): void {
    this.webhooks.set(bic, { url, secret });
  }

  add(bic: string, count: number): void {
    const inbox = this.inboxes.get(bic) ?? [];
    for (let index = 0; index < count; index++) inbox.push({ seq: inbox.length + 1, kind: 'payment_received' });
    this.inboxes.set(bic, inbox);
  }

  targets(): WebhookTarget[] {
    return [...this.webhooks].map(([bic, { url, secret }]) => ({
      bic, url, secret,
      deliveredUpTo: this.deliveredUpTo.get(bic) ?? 0,
      inboxLength: this.inboxes.get(bic)?.length ?? 0,
    }));
  }

  events(bic: string, after: number, limit: number): Promise<readonly { seq: number }[]> {
    if (this.failEventsTimes > 0) {
      this.failEventsTimes -= 1;
      return Promise.reject(new Error('database is locked'));
    }
    return Promise.resolve((this.inboxes.get(bic) ?? []).slice(after, after + limit));
  }

  delivered(bic: string, upTo: number): Promise<void> {
    this.deliveredCalls.push({ bic, upTo });
    this.deliveredUpTo.set(bic, upTo);
    return Promise.resolve();
  }
}

async function waitFor(what: string, condition: () => boolean, timeoutMs = 2_000): Promise<void> {
  const startMs = performance.now();
  while (!condition()) {
    if (performance.now() - startMs > timeoutMs) assert.fail(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

async function sleep(durationMs: number): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, durationMs));
}

/** A receiver, a source with bic BANKAAAA configured on it, and a dispatcher, torn down after `body`. */
async function withDispatcher(
  options: WebhookDispatcherOptions & { answer?: Answer },
  body: (setup: { receiver: Receiver; source: FakeSource; dispatcher: WebhookDispatcher; reports: WebhookDeliveryReport[] }) => Promise<void>,
): Promise<void> {
  const receiver = await startReceiver(options.answer);
  const source = new FakeSource();
  source.configure('BANKAAAA', receiver.url);
  const reports: WebhookDeliveryReport[] = [];
  const dispatcher = new WebhookDispatcher(source, {
    retryBaseMs: 20,
    pollIntervalMs: 1_000,
    ...options,
    onDelivery: (report) => {
      reports.push(report);
      options.onDelivery?.(report);
    },
  });
  try {
    await body({ receiver, source, dispatcher, reports });
  } finally {
    await dispatcher.stop();
    await receiver.close();
  }
}

describe('webhook dispatcher', () => {
  it('delivers events in order, in batches of batchEventsMax, recording each batch', async () => {
    await withDispatcher({ batchEventsMax: 3 }, async ({ receiver, source, dispatcher }) => {
      source.add('BANKAAAA', 7);
      dispatcher.start();
      dispatcher.notify('BANKAAAA');
      await waitFor('three batches recorded', () => source.deliveredCalls.length === 3);
      assert.deepEqual(receiver.received.map((request) => request.seqs), [[1, 2, 3], [4, 5, 6], [7]]);
      assert.deepEqual(source.deliveredCalls.map((call) => call.upTo), [3, 6, 7]);
      const [first] = receiver.received;
      assert.equal(first?.headers['content-type'], 'application/json');
      assert.equal(first?.headers['user-agent'], 'Corridor-Webhooks/1');
      assert.equal(first?.headers['corridor-delivery-id'], 'BANKAAAA-1-3');
      assert.deepEqual(JSON.parse(first?.body ?? ''), { events: [1, 2, 3].map((seq) => ({ seq, kind: 'payment_received' })) });
    });
  });

  it('signs so that the receiver verifies with the shared secret and not with another', async () => {
    await withDispatcher({}, async ({ receiver, source, dispatcher }) => {
      source.add('BANKAAAA', 2);
      dispatcher.start();
      await waitFor('a request', () => receiver.received.length === 1);
      const [request] = receiver.received;
      const header = String(request?.headers['corridor-signature']);
      const nowSeconds = Math.floor(Date.now() / 1000);
      assert.equal(verifyWebhookSignature('secret-BANKAAAA', header, request?.body ?? '', nowSeconds), true);
      assert.equal(verifyWebhookSignature('secret-BANKBBBB', header, request?.body ?? '', nowSeconds), false);
    });
  });

  it('retries a receiver answering 500 twice with growing delays, then records the batch once', async () => {
    const answers = [500, 500, 200];
    await withDispatcher(
      { retryBaseMs: 40, random: () => 1, answer: (index) => answers[index] ?? 200 },
      async ({ receiver, source, dispatcher, reports }) => {
        source.add('BANKAAAA', 3);
        dispatcher.start();
        dispatcher.notify('BANKAAAA');
        await waitFor('the batch recorded', () => source.deliveredCalls.length === 1);
        await sleep(60);
        assert.deepEqual(receiver.received.map((request) => request.seqs), [[1, 2, 3], [1, 2, 3], [1, 2, 3]]);
        assert.deepEqual(source.deliveredCalls, [{ bic: 'BANKAAAA', upTo: 3 }]);
        const ids = new Set(receiver.received.map((request) => request.headers['corridor-delivery-id']));
        assert.deepEqual([...ids], ['BANKAAAA-1-3']);
        const [first, second, third] = receiver.received.map((request) => request.atMs);
        const firstGapMs = (second ?? 0) - (first ?? 0);
        const secondGapMs = (third ?? 0) - (second ?? 0);
        assert.ok(firstGapMs >= 38, `first wait ${firstGapMs} ms is about retryBaseMs`);
        assert.ok(secondGapMs >= 78, `second wait ${secondGapMs} ms is about twice retryBaseMs`);
        assert.ok(secondGapMs > firstGapMs);
        assert.deepEqual(
          reports.map(({ ok, status, attempt, events }) => ({ ok, status, attempt, events })),
          [
            { ok: false, status: 500, attempt: 1, events: 3 },
            { ok: false, status: 500, attempt: 2, events: 3 },
            { ok: true, status: 200, attempt: 3, events: 3 },
          ],
        );
      },
    );
  });

  it('counts a receiver that hangs beyond timeoutMs as a failure and retries', async () => {
    await withDispatcher(
      { timeoutMs: 150, answer: (index) => (index === 0 ? 'hang' : 200) },
      async ({ receiver, source, dispatcher, reports }) => {
        source.add('BANKAAAA', 2);
        dispatcher.start();
        await waitFor('the batch recorded', () => source.deliveredCalls.length === 1);
        assert.equal(receiver.received.length, 2);
        assert.deepEqual(source.deliveredCalls, [{ bic: 'BANKAAAA', upTo: 2 }]);
        assert.equal(reports[0]?.ok, false);
        assert.equal(reports[0]?.status, null);
        assert.equal(reports[0]?.error, 'no answer within 150 ms');
        assert.deepEqual([reports[1]?.ok, reports[1]?.attempt], [true, 2]);
      },
    );
  });

  it('resets the attempt count after a success', async () => {
    const answers = [503, 200, 200];
    await withDispatcher(
      { batchEventsMax: 1, answer: (index) => answers[index] ?? 200 },
      async ({ source, dispatcher, reports }) => {
        source.add('BANKAAAA', 2);
        dispatcher.start();
        await waitFor('both events recorded', () => source.deliveredCalls.length === 2);
        assert.deepEqual(reports.map((report) => [report.ok, report.attempt]), [[false, 1], [true, 2], [true, 1]]);
      },
    );
  });

  it('delivers nothing twice after a success, however often it is notified or polls', async () => {
    await withDispatcher({ pollIntervalMs: 20 }, async ({ receiver, source, dispatcher }) => {
      source.add('BANKAAAA', 3);
      dispatcher.start();
      await waitFor('the batch recorded', () => source.deliveredCalls.length === 1);
      for (let round = 0; round < 5; round++) {
        dispatcher.notify('BANKAAAA');
        await sleep(20);
      }
      source.add('BANKAAAA', 2);
      dispatcher.notify('BANKAAAA');
      await waitFor('the new events recorded', () => source.deliveredCalls.length === 2);
      await sleep(60);
      assert.deepEqual(receiver.received.map((request) => request.seqs), [[1, 2, 3], [4, 5]]);
    });
  });

  it('coalesces repeated notifies into one request', async () => {
    await withDispatcher({}, async ({ receiver, source, dispatcher }) => {
      dispatcher.start();
      for (let index = 0; index < 10; index++) {
        source.add('BANKAAAA', 1);
        dispatcher.notify('BANKAAAA');
      }
      await waitFor('the batch recorded', () => source.deliveredCalls.length === 1);
      await sleep(30);
      assert.deepEqual(receiver.received.map((request) => request.seqs), [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    });
  });

  it('keeps one request in flight per participant and sends events notified meanwhile next', async () => {
    await withDispatcher({ answer: () => sleep(50).then(() => 200) }, async ({ receiver, source, dispatcher }) => {
      source.add('BANKAAAA', 2);
      dispatcher.start();
      dispatcher.notify('BANKAAAA');
      await waitFor('the first request', () => receiver.received.length === 1);
      source.add('BANKAAAA', 2);
      dispatcher.notify('BANKAAAA');
      dispatcher.notify('BANKAAAA');
      // Well before the 1 s poll: the notify itself must bring the second batch.
      await waitFor('both batches recorded', () => source.deliveredCalls.length === 2, 500);
      assert.deepEqual(receiver.received.map((request) => request.seqs), [[1, 2], [3, 4]]);
      assert.equal(receiver.concurrency.maxPerBic, 1);
    });
  });

  it('runs at most concurrencyMax requests at once across participants', async () => {
    await withDispatcher(
      { concurrencyMax: 2, answer: () => sleep(40).then(() => 200) },
      async ({ receiver, source, dispatcher }) => {
        for (const bic of ['BANKAAAA', 'BANKBBBB', 'BANKCCCC', 'BANKDDDD']) {
          source.configure(bic, receiver.url);
          source.add(bic, 1);
        }
        dispatcher.start();
        await waitFor('every participant recorded', () => source.deliveredCalls.length === 4);
        assert.ok(receiver.concurrency.max <= 2, `${receiver.concurrency.max} requests at once`);
        assert.deepEqual(source.deliveredCalls.map((call) => call.bic).sort(), ['BANKAAAA', 'BANKBBBB', 'BANKCCCC', 'BANKDDDD']);
      },
    );
  });

  it('finds undelivered events by polling targets() when no notify comes', async () => {
    await withDispatcher({ pollIntervalMs: 30 }, async ({ receiver, source, dispatcher }) => {
      source.add('BANKAAAA', 1);
      dispatcher.start();
      await waitFor('the first event recorded', () => source.deliveredCalls.length === 1);
      source.add('BANKAAAA', 1);
      await waitFor('the second event recorded by a poll', () => source.deliveredCalls.length === 2);
      assert.deepEqual(receiver.received.map((request) => request.seqs), [[1], [2]]);
    });
  });

  it('does not follow redirects: a 3xx is a failure', async () => {
    await withDispatcher({ retryBaseMs: 10_000, answer: () => 302 }, async ({ receiver, source, dispatcher, reports }) => {
      source.add('BANKAAAA', 1);
      dispatcher.start();
      await waitFor('a report', () => reports.length === 1);
      assert.deepEqual([reports[0]?.ok, reports[0]?.status], [false, 302]);
      assert.equal(receiver.received.length, 1);
      assert.deepEqual(source.deliveredCalls, []);
    });
  });

  it('survives a failing source and a throwing observer, and delivers once the source recovers', async () => {
    let observed = 0;
    await withDispatcher(
      {
        onDelivery: () => {
          observed += 1;
          throw new Error('observer bug');
        },
      },
      async ({ source, dispatcher, reports }) => {
        source.failEventsTimes = 2;
        source.add('BANKAAAA', 1);
        dispatcher.start();
        await waitFor('the event recorded', () => source.deliveredCalls.length === 1);
        assert.deepEqual(reports.map((report) => [report.ok, report.attempt]), [[false, 1], [false, 2], [true, 3]]);
        assert.equal(reports[0]?.error, 'events() failed: database is locked');
        assert.equal(observed, 3);
      },
    );
  });

  it('refuses events from a source that skips a seq', async () => {
    await withDispatcher({ retryBaseMs: 10_000 }, async ({ receiver, source, dispatcher, reports }) => {
      source.inboxes.set('BANKAAAA', [{ seq: 1, kind: 'a' }, { seq: 3, kind: 'b' }]);
      dispatcher.start();
      await waitFor('a report', () => reports.length === 1);
      assert.equal(reports[0]?.error, 'events() broke its contract: seq 3 where 2 was due');
      assert.equal(receiver.received.length, 0);
    });
  });

  it('stop() waits for a request in flight and its record', async () => {
    await withDispatcher({ answer: () => sleep(60).then(() => 200) }, async ({ receiver, source, dispatcher }) => {
      source.add('BANKAAAA', 1);
      dispatcher.start();
      await waitFor('the request', () => receiver.received.length === 1);
      await dispatcher.stop();
      assert.deepEqual(source.deliveredCalls, [{ bic: 'BANKAAAA', upTo: 1 }]);
    });
  });

  it('stop() resolves within about timeoutMs when a receiver hangs, and schedules nothing after', async () => {
    await withDispatcher({ timeoutMs: 200, answer: () => 'hang' }, async ({ receiver, source, dispatcher }) => {
      source.add('BANKAAAA', 1);
      dispatcher.start();
      await waitFor('the request', () => receiver.received.length === 1);
      const startMs = performance.now();
      await dispatcher.stop();
      assert.ok(performance.now() - startMs < 400, 'stop() resolved within about timeoutMs');
      source.add('BANKAAAA', 1);
      dispatcher.notify('BANKAAAA');
      await sleep(60);
      assert.equal(receiver.received.length, 1);
      assert.deepEqual(source.deliveredCalls, []);
    });
  });

  it('stop() resolves at once when idle', async () => {
    const dispatcher = new WebhookDispatcher(new FakeSource());
    dispatcher.start();
    await dispatcher.stop();
  });
});

describe('retryDelayMs', () => {
  it('doubles from the base per failure and caps at the maximum', () => {
    const top = (): number => 1;
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((failures) => retryDelayMs(failures, 100, 1_000, top)), [100, 200, 400, 800, 1_000, 1_000]);
    assert.equal(retryDelayMs(10_000, 1_000, 300_000, top), 300_000);
  });

  it('draws the wait uniformly below the ceiling (full jitter), clamping a faulty random source', () => {
    assert.equal(retryDelayMs(3, 100, 1_000, () => 0), 0);
    assert.equal(retryDelayMs(3, 100, 1_000, () => 0.5), 200);
    assert.equal(retryDelayMs(3, 100, 1_000, () => 7), 400);
    assert.equal(retryDelayMs(3, 100, 1_000, () => -1), 0);
    assert.equal(retryDelayMs(3, 100, 1_000, () => Number.NaN), 400);
  });
});
