/**
 * The node's protective limits, configured at start: requests per second per API key (a burst
 * is cut off with 429 rate-limited and Retry-After, other keys carry on) and the largest body
 * (413 body-too-large, measured in bytes, whether or not the client says the length up front).
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import {
  call,
  expectProblem,
  expectStatus,
  expectUnchanged,
  newIdempotencyKey,
  onboardSmallNetwork,
  startTestNode,
  type Answer,
  type SmallNetwork,
  type TestNode,
} from './support.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** n requests at once. */
function burst(n: number, send: (i: number) => Promise<Answer>): Promise<Answer[]> {
  return Promise.all(Array.from({ length: n }, (_unused, i) => send(i)));
}

const statuses = (answers: readonly Answer[]) => answers.map((a) => a.status);
const count = (answers: readonly Answer[], status: number) => answers.filter((a) => a.status === status).length;

/** A payment body of exactly `bytes` bytes: valid JSON, padded with whitespace. */
function paddedPayment(bytes: number, endToEndId: string, creditorAgent = 'HDFCINBB'): string {
  const text = JSON.stringify({ endToEndId, amount: { value: '1.00', currency: 'INR' }, creditorAgent });
  assert.ok(bytes >= text.length);
  return `{${' '.repeat(bytes - text.length)}${text.slice(1)}`;
}

async function createKey(node: TestNode, operatorKey: string, bic: string): Promise<string> {
  return (await expectStatus<{ key: string }>(201, call(node, 'POST', `/v1/participants/${bic}/api-keys`, { key: operatorKey }))).key;
}

async function balance(node: TestNode, operatorKey: string, bic: string): Promise<string> {
  const { accounts } = await expectStatus<{ accounts: { participant: string; balance: { value: string } }[] }>(200, call(node, 'GET', `/v1/accounts?participant=${bic}`, { key: operatorKey }));
  return accounts.find((a) => a.participant === bic)!.balance.value;
}

describe('rate limit per key: requestsPerSecondPerKey 20', () => {
  const perSecond = 20;
  let node: TestNode;
  let net: SmallNetwork;
  let keyA: string;
  let keyB: string;
  let keyC: string;

  before(async () => {
    // Onboarding takes about 20 operator requests in well under a second: do it without the
    // limit, then restart the same journal with it.
    const setup = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(setup);
    await setup.close();
    node = await startTestNode({ dir: setup.dir, operatorKey: net.operatorKey, webhooks: false, limits: { requestsPerSecondPerKey: perSecond } });
    keyA = await createKey(node, net.operatorKey, 'SBININBB');
    keyB = await createKey(node, net.operatorKey, 'SBININBB');
    keyC = await createKey(node, net.operatorKey, 'HDFCINBB');
  });
  after(async () => {
    await node.dispose();
  });

  it('a burst of 60 with one key: 20 pass, the rest get 429 rate-limited with Retry-After; other keys in the same burst are not limited', async () => {
    const started = performance.now();
    // Another key of the same participant and another participant's key, in the same instant.
    const [answers, sameParticipant, otherParticipant] = await Promise.all([
      burst(60, () => call(node, 'GET', '/v1/accounts', { key: keyA })),
      burst(10, () => call(node, 'GET', '/v1/accounts', { key: keyB })),
      burst(10, () => call(node, 'GET', '/v1/accounts', { key: keyC })),
    ]);
    const elapsedMs = performance.now() - started;
    assert.deepEqual(statuses(sameParticipant), Array(10).fill(200));
    assert.deepEqual(statuses(otherParticipant), Array(10).fill(200));
    assert.deepEqual([...new Set(statuses(answers))].sort(), [200, 429]);
    const ok = count(answers, 200);
    // One window of one second holds the whole burst unless the machine is very busy.
    if (elapsedMs < 900) assert.equal(ok, perSecond, `in ${elapsedMs} ms`);
    else assert.ok(ok >= perSecond && ok <= perSecond * (Math.ceil(elapsedMs / 1000) + 1), `${ok} passed in ${elapsedMs} ms`);
    for (const answer of answers.filter((a) => a.status === 429)) {
      const problem = expectProblem(answer, 429, 'rate-limited');
      assert.match(problem.detail, /at most 20 requests per second per key/);
      const retryAfter = answer.headers.get('retry-after');
      assert.match(retryAfter ?? '', /^[0-9]+$/, 'Retry-After in whole seconds');
      assert.ok(Number(retryAfter) >= 0 && Number(retryAfter) <= 1, `Retry-After ${retryAfter}`);
      assert.equal(answer.headers.get('x-ratelimit-limit'), String(perSecond));
      assert.equal(answer.headers.get('x-ratelimit-remaining'), '0');
    }
  });

  it('the limit is a window, not a ban: after Retry-After the key works again', async () => {
    const limited = await call(node, 'GET', '/v1/accounts', { key: keyA });
    const waitMs = limited.status === 429 ? Number(limited.headers.get('retry-after') ?? '1') * 1000 + 100 : 0;
    await sleep(waitMs);
    await expectStatus(200, call(node, 'GET', '/v1/accounts', { key: keyA }));
  });

  it('a rate-limited payment does nothing: only the payments that passed moved money', async () => {
    await sleep(1100); // a fresh window for keyB
    const before = await balance(node, net.operatorKey, 'SBININBB');
    const paymentsBefore = node.node.network.payments.size;
    const started = performance.now();
    const answers = await burst(50, (i) =>
      call(node, 'POST', '/v1/payments', { key: keyB, headers: { 'idempotency-key': newIdempotencyKey() }, body: { endToEndId: `burst-${i}`, amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' } }),
    );
    const elapsedMs = performance.now() - started;
    const created = count(answers, 201);
    assert.equal(created + count(answers, 429), 50, JSON.stringify(statuses(answers)));
    if (elapsedMs < 900) assert.equal(created, perSecond, `in ${elapsedMs} ms`);
    else assert.ok(created >= 1 && created <= perSecond * (Math.ceil(elapsedMs / 1000) + 1), `${created} passed in ${elapsedMs} ms`);
    assert.equal(node.node.network.payments.size - paymentsBefore, created);
    const after = await balance(node, net.operatorKey, 'SBININBB');
    assert.equal(Math.round((Number(before) - Number(after)) * 100), created * 100);
  });

  it('health, metrics and the OpenAPI document are not rate-limited (probes and tools poll them)', async () => {
    for (const path of ['/healthz', '/metrics', '/openapi.json']) {
      const answers = await burst(3 * perSecond, () => call(node, 'GET', path));
      assert.deepEqual(statuses(answers), Array(3 * perSecond).fill(200), path);
    }
  });

  it(
    'requests without a valid key are limited per address',
    async () => {
      await sleep(1100);
      const noKey = await burst(3 * perSecond, () => call(node, 'GET', '/v1/accounts'));
      assert.ok(count(noKey, 429) >= perSecond, `no key: ${JSON.stringify(statuses(noKey))}`);
      for (const answer of noKey.filter((a) => a.status === 429)) expectProblem(answer, 429, 'rate-limited');
      await sleep(1100);
      const guessed = await burst(3 * perSecond, (i) => call(node, 'GET', '/v1/accounts', { key: `GUESS${String(i).padStart(8, '0')}.${'A'.repeat(43)}` }));
      assert.ok(count(guessed, 429) >= perSecond, `guessed keys: ${JSON.stringify(statuses(guessed))}`);
    },
  );

  it('a body of 3 KB is accepted under the default body limit', async () => {
    const answer = await call(node, 'POST', '/v1/payments', { key: keyC, headers: { 'idempotency-key': newIdempotencyKey() }, body: paddedPayment(3 * 1024, 'default-limit', 'SBININBB') });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });
});

/** POSTs `chunks` with Transfer-Encoding: chunked (no Content-Length), pausing between them. */
function postChunked(url: string, path: string, headers: Record<string, string>, chunks: readonly string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = request(new URL(path, url), { method: 'POST', headers: { ...headers, 'transfer-encoding': 'chunked' } }, (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => {
        const contentType = String(res.headers['content-type'] ?? '');
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') responseHeaders.set(name, value);
        resolve({ status: res.statusCode ?? 0, body: contentType.includes('json') ? (JSON.parse(text) as unknown) : text, contentType, headers: responseHeaders });
      });
    });
    // The server may answer 413 and close before the last chunk: that is the point, not an error.
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    void (async () => {
      for (const chunk of chunks) {
        if (answered || req.destroyed) return;
        req.write(chunk);
        await sleep(5);
      }
      req.end();
    })();
  });
}

describe('body limit: bodyBytesMax 2048', () => {
  const limit = 2048;
  let node: TestNode;
  let net: SmallNetwork;

  before(async () => {
    node = await startTestNode({ webhooks: false, limits: { bodyBytesMax: limit } });
    net = await onboardSmallNetwork(node);
  });
  after(async () => {
    await node.dispose();
  });

  const pay = (body: string) => call(node, 'POST', '/v1/payments', { key: net.keys.SBININBB!, headers: { 'idempotency-key': newIdempotencyKey() }, body });

  it('a 3 KB body: 413 body-too-large naming the limit, and nothing changes', async () => {
    const problem = await expectUnchanged(node, async () => expectProblem(await pay(paddedPayment(3 * 1024, 'three-kb')), 413, 'body-too-large'));
    assert.equal(problem.detail, `at most ${limit} bytes`);
  });

  it('exactly the limit is accepted, one byte more is not', async () => {
    const atLimit = await pay(paddedPayment(limit, 'at-limit'));
    assert.equal(atLimit.status, 201, JSON.stringify(atLimit.body));
    await expectUnchanged(node, async () => expectProblem(await pay(paddedPayment(limit + 1, 'over-limit')), 413, 'body-too-large'));
    // Bytes, not characters: 2038 characters, 20 of which take two bytes in UTF-8.
    const multiByte = paddedPayment(limit - 10, 'é'.repeat(20));
    assert.deepEqual([multiByte.length, Buffer.byteLength(multiByte)], [limit - 10, limit + 10]);
    await expectUnchanged(node, async () => expectProblem(await pay(multiByte), 413, 'body-too-large'));
  });

  it('a 3 KB body sent chunked, without Content-Length: 413 body-too-large, and nothing changes', async () => {
    const body = paddedPayment(3 * 1024, 'chunked');
    const chunks = [body.slice(0, 1024), body.slice(1024, 2048), body.slice(2048)];
    const headers = { authorization: `Bearer ${net.keys.SBININBB!}`, 'content-type': 'application/json', 'idempotency-key': newIdempotencyKey() };
    const problem = await expectUnchanged(node, async () => expectProblem(await postChunked(node.url, '/v1/payments', headers, chunks), 413, 'body-too-large'));
    assert.equal(problem.detail, `at most ${limit} bytes`);
    // The same, small enough, goes through chunked as well.
    const small = paddedPayment(1500, 'chunked-small');
    const answer = await postChunked(node.url, '/v1/payments', { ...headers, 'idempotency-key': newIdempotencyKey() }, [small.slice(0, 700), small.slice(700)]);
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  });

  it('the limit holds on every endpoint that takes a body', async () => {
    const pad = (value: object) => `{${' '.repeat(3 * 1024)}${JSON.stringify(value).slice(1)}`;
    const cases: [string, string, string, object][] = [
      ['POST', '/v1/funding', net.operatorKey, { direction: 'in', participant: 'HDFCINBB', amount: { value: '1.00', currency: 'INR' }, reference: 'big' }],
      ['POST', '/v1/participants', net.operatorKey, { bic: 'YESBINBB', name: 'Yes Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] }],
      ['PUT', '/v1/participants/HDFCINBB/limits/INR', net.operatorKey, { creditLine: '5.00' }],
      ['PUT', '/v1/participants/HDFCINBB/webhook', net.keys.HDFCINBB!, { url: 'https://hdfc.example/hook', secret: 'sixteen-characters-long' }],
      ['POST', '/v1/participants/HDFCINBB/currencies', net.operatorKey, { currency: 'CNY' }],
      ['POST', '/v1/currencies', net.operatorKey, { code: 'JPY', mode: 'rtgs', agent: 'RBISINBB' }],
    ];
    await expectUnchanged(node, async () => {
      for (const [method, path, key, body] of cases) expectProblem(await call(node, method, path, { key, body: pad(body) }), 413, 'body-too-large');
    });
  });
});
