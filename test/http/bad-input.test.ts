/**
 * What the API does with input that is wrong: malformed, mistyped, oversized, in the wrong media
 * type, naming what does not exist. Every answer is a precise problem (RFC 9457, a stable type,
 * a title, the status, a detail, nothing of the server's insides) and the node's state
 * fingerprint is the same afterwards.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { TSchema } from '@sinclair/typebox';
import { allRoutes } from '../../src/http/routes/index.js';
import type { ProblemSlug } from '../../src/http/problems.js';
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

type Json = Record<string, unknown>;

interface Endpoint {
  readonly name: string;
  readonly operationId: string;
  readonly method: string;
  readonly path: string;
  readonly key: (net: SmallNetwork) => string;
  /** Sends a fresh Idempotency-Key with every request. */
  readonly idempotent?: boolean;
  /** A body the server accepts; each case breaks one thing about it. */
  readonly valid: () => Json;
  readonly okStatus: number;
  /** Fields of the wrong JSON type: [what, the body]. */
  readonly wrongTypes: readonly (readonly [string, Json, string])[];
}

const paymentBody = (): Json => ({ endToEndId: 'bad-input-ok', amount: { value: '12.34', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
const fundingBody = (): Json => ({ direction: 'in', participant: 'HDFCINBB', amount: { value: '10.00', currency: 'INR' }, reference: 'bad-input-ok' });
const participantBody = (): Json => ({ bic: 'YESBINBB', name: 'Yes Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] });
const webhookBody = (): Json => ({ url: 'https://hdfc.example/hooks/corridor', secret: 'a-long-enough-secret-0123' });

const endpoints: readonly Endpoint[] = [
  {
    name: 'POST /v1/payments',
    operationId: 'sendPayment',
    method: 'POST',
    path: '/v1/payments',
    key: (net) => net.keys.SBININBB!,
    idempotent: true,
    valid: paymentBody,
    okStatus: 201,
    wrongTypes: [
      ['amount.value as a number', { ...paymentBody(), amount: { value: 12.34, currency: 'INR' } }, 'body/amount/value'],
      ['creditorAgent as a number', { ...paymentBody(), creditorAgent: 12345678 }, 'body/creditorAgent'],
      ['amount as a string', { ...paymentBody(), amount: '12.34 INR' }, 'body/amount'],
      ['endToEndId as null', { ...paymentBody(), endToEndId: null }, 'body/endToEndId'],
      ['debtorAgent as an array', { ...paymentBody(), debtorAgent: ['SBININBB'] }, 'body/debtorAgent'],
    ],
  },
  {
    name: 'POST /v1/funding',
    operationId: 'moveFunds',
    method: 'POST',
    path: '/v1/funding',
    key: (net) => net.operatorKey,
    valid: fundingBody,
    okStatus: 201,
    wrongTypes: [
      ['amount.value as a number', { ...fundingBody(), amount: { value: 10, currency: 'INR' } }, 'body/amount/value'],
      ['participant as a number', { ...fundingBody(), participant: 7 }, 'body/participant'],
      ['direction outside its enum', { ...fundingBody(), direction: 'sideways' }, 'body/direction'],
      ['reference as an object', { ...fundingBody(), reference: { id: 'x' } }, 'body/reference'],
    ],
  },
  {
    name: 'POST /v1/participants',
    operationId: 'addParticipant',
    method: 'POST',
    path: '/v1/participants',
    key: (net) => net.operatorKey,
    valid: participantBody,
    okStatus: 201,
    wrongTypes: [
      ['roles as a string', { ...participantBody(), roles: 'bank' }, 'body/roles'],
      ['currencies as a string', { ...participantBody(), currencies: 'INR' }, 'body/currencies'],
      ['name as a number', { ...participantBody(), name: 42 }, 'body/name'],
      ['type outside its enum', { ...participantBody(), type: 'both' }, 'body/type'],
    ],
  },
  {
    name: 'PUT /v1/participants/HDFCINBB/limits/INR',
    operationId: 'setLimits',
    method: 'PUT',
    path: '/v1/participants/HDFCINBB/limits/INR',
    key: (net) => net.operatorKey,
    valid: () => ({ creditLine: '250.00' }),
    okStatus: 200,
    wrongTypes: [
      ['creditLine as a number', { creditLine: 250 }, 'body/creditLine'],
      ['netDebitCap as a boolean', { netDebitCap: true }, 'body/netDebitCap'],
    ],
  },
  {
    name: 'PUT /v1/participants/HDFCINBB/webhook',
    operationId: 'setWebhook',
    method: 'PUT',
    path: '/v1/participants/HDFCINBB/webhook',
    key: (net) => net.keys.HDFCINBB!,
    valid: webhookBody,
    okStatus: 200,
    wrongTypes: [
      ['url as a number', { ...webhookBody(), url: 42 }, 'body/url'],
      ['secret as a number', { ...webhookBody(), secret: 1234567890123456 }, 'body/secret'],
    ],
  },
];

/** Paths of the required fields of an object schema, nested ones included: ['amount', 'amount.value', …]. */
function requiredPaths(schema: TSchema, prefix = ''): string[] {
  const object = schema as { required?: string[]; properties?: Record<string, TSchema> };
  const paths: string[] = [];
  for (const name of object.required ?? []) {
    const path = prefix === '' ? name : `${prefix}.${name}`;
    paths.push(path);
    const property = object.properties?.[name];
    if (property !== undefined && (property as { type?: string }).type === 'object') paths.push(...requiredPaths(property, path));
  }
  return paths;
}

function without(body: Json, path: string): Json {
  const copy = structuredClone(body);
  const parts = path.split('.');
  let target: Json = copy;
  for (const part of parts.slice(0, -1)) target = target[part] as Json;
  delete target[parts.at(-1)!];
  return copy;
}

function bodySchema(operationId: string): TSchema {
  const route = allRoutes.find((r) => r.operationId === operationId);
  assert.ok(route?.body !== undefined, `${operationId} takes a body`);
  return route.body;
}

describe('bad input', () => {
  let node: TestNode;
  let net: SmallNetwork;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
  });
  after(async () => {
    await node.dispose();
  });

  function send(endpoint: Endpoint, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const all = { ...(endpoint.idempotent === true ? { 'idempotency-key': newIdempotencyKey() } : {}), ...headers };
    return call(node, endpoint.method, endpoint.path, { key: endpoint.key(net), body, headers: all });
  }

  /** The problem, and nothing changed. */
  async function expectRefused(endpoint: Endpoint, body: unknown, status: number, slug: ProblemSlug, headers: Record<string, string> = {}) {
    return expectUnchanged(node, async () => expectProblem(await send(endpoint, body, headers), status, slug), `${endpoint.name} ${typeof body === 'string' ? body.slice(0, 60) : JSON.stringify(body).slice(0, 200)}`);
  }

  for (const endpoint of endpoints) {
    describe(endpoint.name, () => {
      it('malformed JSON: 400 invalid-request', async () => {
        const valid = JSON.stringify(endpoint.valid());
        const broken = ['{', '{"a":', valid.slice(0, -1), `${valid}}`, `${valid.slice(0, -1)},}`, "{'endToEndId':'x'}", 'undefined', 'NaN', '{"a":1}{"b":2}', '\u0000'];
        for (const text of broken) {
          const problem = await expectRefused(endpoint, text, 400, 'invalid-request');
          assert.equal(problem.detail, 'the body is not valid JSON', text);
        }
      });

      it('an empty body, null, an array, a string: 400 invalid-request', async () => {
        for (const text of ['', 'null', JSON.stringify([endpoint.valid()]), '"text"', '42']) await expectRefused(endpoint, text, 400, 'invalid-request');
      });

      it('prototype pollution attempts: 400 invalid-request', async () => {
        const valid = JSON.stringify(endpoint.valid()).slice(1);
        for (const text of [`{"__proto__":{"admin":true},${valid}`, `{"constructor":{"prototype":{"admin":true}},${valid}`]) {
          await expectRefused(endpoint, text, 400, 'invalid-request');
        }
        assert.equal(({} as { admin?: unknown }).admin, undefined);
      });

      for (const [what, body, path] of endpoint.wrongTypes) {
        it(`wrong type, ${what}: 400 invalid-request at ${path}`, async () => {
          const problem = await expectRefused(endpoint, body, 400, 'invalid-request');
          assert.equal(problem.errors?.[0]?.path, path);
        });
      }

      it('an unknown field: 400 invalid-request naming it', async () => {
        const problem = await expectRefused(endpoint, { ...endpoint.valid(), isAdmin: true }, 400, 'invalid-request');
        assert.match(problem.detail, /isAdmin/);
        assert.equal(problem.errors?.[0]?.path, 'body/isAdmin');
        const amount = endpoint.valid().amount;
        if (amount !== undefined) {
          const nested = await expectRefused(endpoint, { ...endpoint.valid(), amount: { ...(amount as Json), fee: '1.00' } }, 400, 'invalid-request');
          assert.match(nested.detail, /fee/);
          assert.equal(nested.errors?.[0]?.path, 'body/amount/fee');
        }
      });

      it('each required field missing: 400 invalid-request naming it', async () => {
        const required = requiredPaths(bodySchema(endpoint.operationId));
        if (endpoint.operationId === 'setLimits') {
          assert.deepEqual(required, []);
          const problem = await expectRefused(endpoint, {}, 400, 'invalid-request');
          assert.match(problem.detail, /fewer than 1 propert/);
          return;
        }
        assert.ok(required.length >= 2, `required fields of ${endpoint.operationId}: ${required.join(', ')}`);
        for (const path of required) {
          const problem = await expectRefused(endpoint, without(endpoint.valid(), path), 400, 'invalid-request');
          const name = path.split('.').at(-1)!;
          assert.match(problem.detail, new RegExp(`required property '${name}'`), path);
        }
      });

      it('a body over 64 KiB: 413 body-too-large', async () => {
        const valid = JSON.stringify(endpoint.valid());
        // Valid JSON, only too long: whitespace is allowed between tokens.
        const padded = `{${' '.repeat(64 * 1024)}${valid.slice(1)}`;
        const problem = await expectRefused(endpoint, padded, 413, 'body-too-large');
        assert.equal(problem.detail, `at most ${64 * 1024} bytes`);
        await expectRefused(endpoint, JSON.stringify({ ...endpoint.valid(), pad: 'x'.repeat(100 * 1024) }), 413, 'body-too-large');
      });

      it('a body in another media type: 415 unsupported-media-type', async () => {
        const valid = JSON.stringify(endpoint.valid());
        for (const type of ['application/xml', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/vnd.api+json', 'application/jsonx']) {
          await expectRefused(endpoint, valid, 415, 'unsupported-media-type', { 'content-type': type });
        }
      });

      it('the valid body these cases break is accepted (positive control)', async () => {
        const answer = await send(endpoint, endpoint.valid());
        assert.equal(answer.status, endpoint.okStatus, JSON.stringify(answer.body));
        // …with a charset parameter too.
        if (endpoint.operationId === 'sendPayment') {
          const again = await send(endpoint, endpoint.valid(), { 'content-type': 'application/json; charset=utf-8' });
          assert.equal(again.status, 201, JSON.stringify(again.body));
        }
      });
    });
  }

  it(
    'a JSON body sent as text/plain: 415 unsupported-media-type on every endpoint that takes a body',
    async () => {
      for (const endpoint of endpoints) await expectRefused(endpoint, JSON.stringify(endpoint.valid()), 415, 'unsupported-media-type', { 'content-type': 'text/plain' });
    },
  );

  describe('POST /v1/payments: what the payment says', () => {
    const endpoint = endpoints[0]!;
    const withAmount = (value: string, currency = 'INR'): Json => ({ ...paymentBody(), amount: { value, currency } });

    it('a currency not on the network: 422 unknown-currency; not a currency code: 400', async () => {
      const problem = await expectRefused(endpoint, withAmount('10.00', 'USD'), 422, 'unknown-currency');
      assert.match(problem.detail, /USD/);
      for (const code of ['XXX1', 'inr', 'IN', 'INRR', '']) await expectRefused(endpoint, withAmount('10.00', code), 400, 'invalid-request');
    });

    it('more decimals than the currency has: 422 amount-precision', async () => {
      for (const value of ['1.234', '1.230', '0.001']) {
        const problem = await expectRefused(endpoint, withAmount(value), 422, 'amount-precision');
        assert.match(problem.detail, /2/);
      }
    });

    it('zero and out-of-range amounts: 422 amount-invalid', async () => {
      for (const value of ['0', '0.00', '0.0', '9999999999999999999']) await expectRefused(endpoint, withAmount(value), 422, 'amount-invalid');
    });

    it('amounts that are not plain decimals: 400 invalid-request', async () => {
      for (const value of ['-5', '-0.01', '+5', '1e5', '1E5', ' 5', '5 ', '05', '007.50', '.5', '5.', '1,000.00', '1 000', '0x10', 'Infinity', 'NaN', '', '١٢']) {
        const problem = await expectRefused(endpoint, withAmount(value), 400, 'invalid-request');
        assert.equal(problem.errors?.[0]?.path, 'body/amount/value', value);
      }
    });

    it('an endToEndId of 36 characters, or empty: 400 invalid-request', async () => {
      for (const endToEndId of ['x'.repeat(36), '']) {
        const problem = await expectRefused(endpoint, { ...paymentBody(), endToEndId }, 400, 'invalid-request');
        assert.equal(problem.errors?.[0]?.path, 'body/endToEndId');
      }
      await expectRefused(endpoint, { ...paymentBody(), endToEndId: 'tab\there' }, 400, 'invalid-request');
    });

    it('a UETR that is not a lowercase UUID v4: 400 invalid-request', async () => {
      const bad = ['not-a-uuid', '3F2504E0-4F89-41D3-9A0C-0305E82C3301', '3f2504e0-4f89-11d3-9a0c-0305e82c3301', '{3f2504e0-4f89-41d3-9a0c-0305e82c3301}', '3f2504e04f8941d39a0c0305e82c3301', '3f2504e0-4f89-41d3-9a0c-0305e82c330'];
      for (const uetr of bad) {
        const problem = await expectRefused(endpoint, { ...paymentBody(), uetr }, 400, 'invalid-request');
        assert.equal(problem.errors?.[0]?.path, 'body/uetr', uetr);
      }
    });

    it('no usable Idempotency-Key: 400 invalid-request', async () => {
      const bodyText = JSON.stringify(paymentBody());
      const noKey = await expectUnchanged(node, () => call(node, 'POST', '/v1/payments', { key: net.keys.SBININBB!, body: bodyText }));
      assert.match(expectProblem(noKey, 400, 'invalid-request').detail, /Idempotency-Key/);
      for (const value of ['', 'x'.repeat(129), 'tab\tinside']) await expectRefused(endpoint, bodyText, 400, 'invalid-request', { 'idempotency-key': value });
    });

    it('an unknown creditor or debtor agent: 422 unknown-participant; not a BIC: 400', async () => {
      const creditor = await expectRefused(endpoint, { ...paymentBody(), creditorAgent: 'ZZZZINBB' }, 422, 'unknown-participant');
      assert.match(creditor.detail, /ZZZZINBB/);
      await expectRefused(endpoint, { ...paymentBody(), debtorAgent: 'ZZZZINBBXXX' }, 422, 'unknown-participant');
      for (const bic of ['hdfcinbb', 'HDFC', 'HDFCINBB1', 'HDFC-INBB']) await expectRefused(endpoint, { ...paymentBody(), creditorAgent: bic }, 400, 'invalid-request');
    });

    it('paying yourself, or the participant you settle for: 422 same-agent', async () => {
      for (const creditorAgent of ['SBININBB', 'COOPINBBXXX']) {
        const answer = await send(endpoint, { ...paymentBody(), creditorAgent });
        expectProblem(answer, 422, 'same-agent');
      }
      const before = node.node.network.payments.size;
      await send(endpoint, { ...paymentBody(), creditorAgent: 'SBININBB' });
      assert.equal(node.node.network.payments.size, before, 'no payment recorded');
    });

    it('paying yourself leaves the state fingerprint unchanged', async () => {
      await expectRefused(endpoint, { ...paymentBody(), creditorAgent: 'SBININBB' }, 422, 'same-agent');
    });
  });

  describe('POST /v1/funding: what the movement says', () => {
    const endpoint = endpoints[1]!;
    const withAmount = (value: string, currency = 'INR'): Json => ({ ...fundingBody(), amount: { value, currency } });

    it('unknown currency 422, bad code 400, precision 422, zero 422, not a decimal 400, reference too long 400', async () => {
      await expectRefused(endpoint, withAmount('10.00', 'USD'), 422, 'unknown-currency');
      await expectRefused(endpoint, withAmount('10.00', 'XXX1'), 400, 'invalid-request');
      await expectRefused(endpoint, withAmount('1.234'), 422, 'amount-precision');
      await expectRefused(endpoint, withAmount('0'), 422, 'amount-invalid');
      for (const value of ['-5', '1e5', ' 5', '05']) await expectRefused(endpoint, withAmount(value), 400, 'invalid-request');
      await expectRefused(endpoint, { ...fundingBody(), reference: 'r'.repeat(36) }, 400, 'invalid-request');
      await expectRefused(endpoint, { ...fundingBody(), reference: '' }, 400, 'invalid-request');
    });

    it('an unknown participant: 422 unknown-participant', async () => {
      const answer = await call(node, 'POST', '/v1/funding', { key: net.operatorKey, body: { ...fundingBody(), participant: 'ZZZZINBB', reference: 'unknown-1' } });
      expectProblem(answer, 422, 'unknown-participant');
    });

    it('an unknown participant leaves the state fingerprint unchanged', async () => {
      await expectRefused(endpoint, { ...fundingBody(), participant: 'ZZZZINBB', reference: 'unknown-2' }, 422, 'unknown-participant');
    });
  });

  describe('POST /v1/participants: what the participant says', () => {
    const endpoint = endpoints[2]!;

    it('not a currency code, not a BIC, bad country, no roles, repeated roles, name too long: 400', async () => {
      const bad: Json[] = [
        { ...participantBody(), currencies: ['XXX1'] },
        { ...participantBody(), currencies: ['INR', 'INR'] },
        { ...participantBody(), bic: 'yesbinbb' },
        { ...participantBody(), country: 'IND' },
        { ...participantBody(), roles: [] },
        { ...participantBody(), roles: ['bank', 'bank'] },
        { ...participantBody(), roles: ['admin'] },
        { ...participantBody(), name: '' },
        { ...participantBody(), name: 'n'.repeat(141) },
        { ...participantBody(), sponsor: 'nope' },
      ];
      for (const body of bad) await expectRefused(endpoint, body, 400, 'invalid-request');
    });

    it('a currency not on the network: 422 unknown-currency', async () => {
      expectProblem(await call(node, 'POST', '/v1/participants', { key: net.operatorKey, body: { ...participantBody(), bic: 'USDBINBB', currencies: ['USD'] } }), 422, 'unknown-currency');
      assert.equal(node.node.network.participants.has('USDBINBB'), false);
    });

    it('a currency not on the network leaves the state fingerprint unchanged', async () => {
      await expectRefused(endpoint, { ...participantBody(), bic: 'USDCINBB', currencies: ['USD'] }, 422, 'unknown-currency');
    });
  });

  describe('PUT /v1/participants/{bic}/limits/{currency}: what the limits say', () => {
    const limits = (path: string, body: unknown) => call(node, 'PUT', path, { key: net.operatorKey, body });

    it('a currency not on the network 422; not a code 400; an unknown participant 404; not a BIC 400', async () => {
      await expectUnchanged(node, async () => {
        expectProblem(await limits('/v1/participants/HDFCINBB/limits/USD', { creditLine: '5.00' }), 422, 'unknown-currency');
        for (const code of ['XXX1', 'inr', 'IN']) expectProblem(await limits(`/v1/participants/HDFCINBB/limits/${code}`, { creditLine: '5.00' }), 400, 'invalid-request');
        expectProblem(await limits('/v1/participants/ZZZZINBB/limits/INR', { creditLine: '5.00' }), 404, 'not-found');
        expectProblem(await limits('/v1/participants/hdfcinbb/limits/INR', { creditLine: '5.00' }), 400, 'invalid-request');
      });
    });

    it('too many decimals 422 amount-precision; not a decimal 400', async () => {
      await expectUnchanged(node, async () => {
        expectProblem(await limits('/v1/participants/HDFCINBB/limits/INR', { creditLine: '1.234' }), 422, 'amount-precision');
        expectProblem(await limits('/v1/participants/HDFCINBB/limits/INR', { netDebitCap: '0.001' }), 422, 'amount-precision');
        for (const value of ['-5', '1e5', ' 5', '05', '']) expectProblem(await limits('/v1/participants/HDFCINBB/limits/INR', { creditLine: value }), 400, 'invalid-request');
      });
    });
  });

  describe('PUT /v1/participants/{bic}/webhook: what the webhook says', () => {
    it('not a URL, a URL too long, a secret too short or too long: 400; an unknown participant: 404', async () => {
      const put = (path: string, body: unknown) => call(node, 'PUT', path, { key: net.operatorKey, body });
      await expectUnchanged(node, async () => {
        for (const body of [
          { ...webhookBody(), url: 'not a url' },
          { ...webhookBody(), url: '' },
          { ...webhookBody(), url: `https://x.example/${'a'.repeat(2048)}` },
          { ...webhookBody(), secret: 's'.repeat(15) },
          { ...webhookBody(), secret: 's'.repeat(257) },
        ]) {
          expectProblem(await put('/v1/participants/HDFCINBB/webhook', body), 400, 'invalid-request');
        }
        expectProblem(await put('/v1/participants/ZZZZINBB/webhook', webhookBody()), 404, 'not-found');
      });
    });
  });

  describe('paths and queries', () => {
    const op = () => net.operatorKey;

    it('malformed path parameters: 400 invalid-request', async () => {
      await expectUnchanged(node, async () => {
        for (const path of ['/v1/payments/not-a-uuid', '/v1/payments/3F2504E0-4F89-41D3-9A0C-0305E82C3301', '/v1/accounts/xyz', `/v1/accounts/${'A'.repeat(32)}`, '/v1/participants/sbininbb']) {
          expectProblem(await call(node, 'GET', path, { key: op() }), 400, 'invalid-request');
        }
      });
    });

    it('unknown and malformed query parameters: 400 invalid-request', async () => {
      const account = net.accounts['SBININBB INR']!;
      await expectUnchanged(node, async () => {
        const cases = [
          '/v1/accounts?isAdmin=true',
          '/v1/accounts?participant=sbininbb',
          '/v1/accounts?participant=SBININBB&participant=HDFCINBB',
          `/v1/accounts/${account}/transfers?limit=0`,
          `/v1/accounts/${account}/transfers?limit=5000`,
          `/v1/accounts/${account}/transfers?limit=ten`,
          `/v1/accounts/${account}/transfers?after=-1`,
          `/v1/accounts/${account}/statement`,
          `/v1/accounts/${account}/statement?from=yesterday&to=2026-01-01T00:00:00Z`,
          `/v1/accounts/${account}/statement?from=2027-01-01T00:00:00Z&to=2026-01-01T00:00:00Z`,
        ];
        for (const path of cases) expectProblem(await call(node, 'GET', path, { key: op() }), 400, 'invalid-request');
        for (const path of ['/v1/inbox?waitMs=abc', '/v1/inbox?after=x', '/v1/inbox?limit=0']) expectProblem(await call(node, 'GET', path, { key: net.keys.SBININBB! }), 400, 'invalid-request');
      });
    });

    it('an unknown route or method: 404 not-found, with or without a key', async () => {
      await expectUnchanged(node, async () => {
        for (const key of [null, op(), net.keys.SBININBB!]) {
          for (const [method, path] of [
            ['GET', '/v1/nothing'],
            // `/` is the operator dashboard's page; nothing else of the site root is.
            ['GET', '/index.html'],
            ['GET', '/web/nothing.js'],
            ['POST', '/v1/payments/extra'],
            ['PATCH', '/v1/payments'],
            ['GET', '/V1/ACCOUNTS'],
            ['DELETE', '/v1/accounts'],
          ] as const) {
            const problem = expectProblem(await call(node, method, path, { key }), 404, 'not-found');
            assert.equal(problem.detail, `no route ${method} ${path}`);
          }
        }
      });
    });

    it(
      'a path with broken percent-encoding: 400 as a problem',
      async () => {
        await expectUnchanged(node, async () => {
          expectProblem(await call(node, 'GET', '/v1/participants/%E0%A4%A', { key: op() }), 400, 'invalid-request');
        });
      },
    );

    it(
      'a path parameter over fastify’s maxParamLength: a 4xx problem',
      async () => {
        await expectUnchanged(node, async () => {
          const answer = await call(node, 'GET', `/v1/participants/${'A'.repeat(300)}`, { key: op() });
          expectProblem(answer, 400, 'invalid-request');
        });
      },
    );
  });

  it('none of the cases above moved money or created anything', async () => {
    // The positive controls did: one payment of 12.34 (twice, two keys), one funding of 10.00, one participant.
    const accounts = await expectStatus<{ accounts: { participant: string; balance: { value: string } }[] }>(200, call(node, 'GET', '/v1/accounts?participant=SBININBB', { key: net.operatorKey }));
    assert.equal(accounts.accounts.find((a) => a.participant === 'SBININBB')?.balance.value, '999975.32');
    assert.equal(node.node.network.payments.size, 2);
    assert.equal(node.node.network.fundings.size, 5);
    assert.equal(node.node.network.participants.size, 8);
  });
});
