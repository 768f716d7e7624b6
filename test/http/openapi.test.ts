/**
 * /openapi.json: a valid OpenAPI 3.1 document that lists every route of the table, documents
 * its problems, and whose schemas hold for what the server really answers: a set of real calls,
 * each answer validated (ajv, JSON Schema 2020-12) against the schema the document gives for
 * that operation and status.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { allRoutes } from '../../src/http/routes/index.js';
import { buildCamt056 } from '../../src/http/iso/camt056.js';
import { buildPacs008, renderPart } from '../../src/iso20022/index.js';
import {
  call,
  expectStatus,
  keyIdOfKey,
  newIdempotencyKey,
  onboardSmallNetwork,
  pathParams,
  startTestNode,
  type Answer,
  type SmallNetwork,
  type TestNode,
} from './support.js';

interface MediaObject {
  readonly schema: unknown;
}
interface ResponseObject {
  readonly description: string;
  readonly content?: Record<string, MediaObject>;
}
interface ParameterObject {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
}
interface Operation {
  readonly operationId: string;
  readonly security?: unknown[];
  readonly parameters?: ParameterObject[];
  readonly requestBody?: { readonly required?: boolean; readonly content: Record<string, MediaObject> };
  readonly responses: Record<string, ResponseObject>;
}
interface OpenApiDoc {
  readonly openapi: string;
  readonly info: { readonly title: string; readonly version: string };
  readonly security?: Record<string, unknown>[];
  readonly paths: Record<string, Record<string, Operation>>;
  readonly components: { readonly schemas: Record<string, unknown>; readonly securitySchemes: Record<string, { type: string; scheme?: string }> };
}

const componentsId = 'urn:corridor:openapi:components';

/** Local component references, rewritten to point into the components schema registered with ajv. */
function rewriteRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rewriteRefs);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/') ? `${componentsId}#/$defs/${value.slice('#/components/schemas/'.length)}` : rewriteRefs(value);
  }
  return out;
}

function operations(doc: OpenApiDoc): { path: string; method: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) => Object.entries(item).map(([method, op]) => ({ path, method, op })));
}

describe('GET /openapi.json', () => {
  let node: TestNode;
  let net: SmallNetwork;
  let doc: OpenApiDoc;
  let ajv: Ajv2020;
  const compiled = new Map<string, ValidateFunction>();

  before(async () => {
    node = await startTestNode({ webhooks: false });
    net = await onboardSmallNetwork(node);
    doc = await expectStatus<OpenApiDoc>(200, call(node, 'GET', '/openapi.json'));
    ajv = new Ajv2020({ strict: true, strictTypes: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ $id: componentsId, $defs: doc.components.schemas });
  });
  after(async () => {
    await node.dispose();
  });

  function schemaOf(method: string, template: string, status: number, mediaType: string): ValidateFunction {
    const id = `${method} ${template} ${status} ${mediaType}`;
    let validate = compiled.get(id);
    if (validate === undefined) {
      const op = doc.paths[template]?.[method.toLowerCase()];
      assert.ok(op !== undefined, `no operation ${method} ${template} in the document`);
      const response = op.responses[String(status)];
      assert.ok(response !== undefined, `${op.operationId} does not document status ${status}`);
      const media = response.content?.[mediaType];
      assert.ok(media !== undefined, `${op.operationId} ${status} does not document ${mediaType} (documents ${Object.keys(response.content ?? {}).join(', ') || 'no body'})`);
      validate = ajv.compile(rewriteRefs(media.schema) as object);
      compiled.set(id, validate);
    }
    return validate;
  }

  /** The answer is documented for its operation and status, and its body matches the schema. */
  function conforms(method: string, template: string, answer: Answer): void {
    const op = doc.paths[template]?.[method.toLowerCase()];
    assert.ok(op !== undefined, `no operation ${method} ${template} in the document`);
    const response = op.responses[String(answer.status)];
    assert.ok(response !== undefined, `${op.operationId} answered ${answer.status}, which the document does not list: ${JSON.stringify(answer.body)}`);
    if (response.content === undefined) {
      assert.equal(answer.body, '', `${op.operationId} ${answer.status} is documented without a body`);
      return;
    }
    const mediaType = answer.contentType.split(';')[0]!.trim();
    const validate = schemaOf(method, template, answer.status, mediaType);
    assert.ok(validate(answer.body), `${op.operationId} ${answer.status}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(answer.body)}`);
  }

  it('is served without a key as application/json', async () => {
    const answer = await call(node, 'GET', '/openapi.json');
    assert.equal(answer.status, 200);
    assert.match(answer.contentType, /^application\/json/);
    assert.deepEqual(answer.body, doc);
  });

  it('is a valid OpenAPI 3.1 document', async () => {
    assert.match(doc.openapi, /^3\.1\.\d+$/);
    const validator = new Validator();
    const result = await validator.validate(doc as unknown as Record<string, unknown>);
    assert.ok(result.valid, JSON.stringify(result.errors));
    assert.equal(validator.version, '3.1');
    assert.equal(doc.info.title, 'Corridor API');
  });

  it('lists every route of the table under its path and method, with its operationId, once', () => {
    for (const route of allRoutes) {
      const op = doc.paths[route.path]?.[route.method.toLowerCase()];
      assert.ok(op !== undefined, `${route.method} ${route.path} is missing`);
      assert.equal(op.operationId, route.operationId);
    }
    const ids = operations(doc).map((o) => o.op.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operationIds are unique');
    assert.equal(ids.length, allRoutes.length + 2, 'the routes, /healthz and /metrics');
  });

  it('documents every {name} of a path as a required path parameter, and no other', () => {
    for (const { path, method, op } of operations(doc)) {
      const documented = (op.parameters ?? []).filter((p) => p.in === 'path');
      assert.deepEqual(documented.map((p) => p.name).sort(), pathParams(path).sort(), `${method} ${path}`);
      for (const p of documented) assert.equal(p.required, true, `${method} ${path} {${p.name}}`);
    }
  });

  it('every non-public operation needs the bearer key and documents 401 as a problem; public ones need no key', () => {
    assert.deepEqual(doc.security, [{ apiKey: [] }]);
    assert.equal(doc.components.securitySchemes.apiKey?.type, 'http');
    assert.equal(doc.components.securitySchemes.apiKey?.scheme, 'bearer');
    for (const route of allRoutes) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      if (route.access === 'public') {
        assert.deepEqual(op.security, [], route.operationId);
        continue;
      }
      assert.equal(op.security, undefined, `${route.operationId} overrides the key requirement`);
      for (const status of ['401', '403', '429']) {
        const response = op.responses[status];
        assert.ok(response !== undefined, `${route.operationId} does not document ${status}`);
        assert.deepEqual(response.content?.['application/problem+json']?.schema, { $ref: '#/components/schemas/Problem' }, `${route.operationId} ${status}`);
      }
      assert.match(op.responses['401']!.description, /urn:corridor:problem:unauthorized/);
    }
    for (const path of ['/healthz', '/metrics']) assert.deepEqual(doc.paths[path]?.get?.security, [], path);
  });

  it('every operation that takes a body documents it as required application/json (a file: in its own media types)', () => {
    for (const route of allRoutes) {
      const op = doc.paths[route.path]![route.method.toLowerCase()]!;
      if (route.body === undefined && route.rawBody === undefined) assert.equal(op.requestBody, undefined, route.operationId);
      else {
        assert.equal(op.requestBody?.required, true, route.operationId);
        assert.deepEqual(Object.keys(op.requestBody.content), route.rawBody === undefined ? ['application/json'] : [...route.rawBody.mediaTypes], route.operationId);
      }
    }
  });

  it('the compiled response schemas are strict: they refuse what the server must never send', () => {
    const payment = schemaOf('POST', '/v1/payments', 201, 'application/json');
    assert.equal(payment({}), false);
    assert.equal(payment({ uetr: 'x' }), false);
    const problem = schemaOf('GET', '/v1/payments/{uetr}', 404, 'application/problem+json');
    assert.equal(problem({ type: 'x', title: 'y', status: 404, detail: 'z', stack: 'at f (x.ts:1)' }), false);
    assert.equal(problem({ type: 'x', title: 'y', status: '404', detail: 'z' }), false);
  });

  it(
    'every operation that takes a body documents 413 and 415, which the server answers for it',
    async () => {
      const missing: string[] = [];
      for (const route of allRoutes.filter((r) => r.body !== undefined)) {
        const path = route.path.replace(/\{([A-Za-z]+)\}/g, (_all, name: string) => ({ bic: 'HDFCINBB', currency: 'INR', keyId: 'HDFCINBB00000000', uetr: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', accountId: '0'.repeat(32) })[name] ?? name);
        const key = route.access === 'participant' ? net.keys.HDFCINBB! : net.operatorKey;
        const headers = { 'idempotency-key': newIdempotencyKey() };
        const tooLarge = await call(node, route.method, path, { key, body: `{"pad":"${'x'.repeat(70 * 1024)}"}`, headers });
        const wrongType = await call(node, route.method, path, { key, body: '<a/>', headers: { ...headers, 'content-type': 'application/xml' } });
        assert.equal(tooLarge.status, 413, route.operationId);
        assert.equal(wrongType.status, 415, route.operationId);
        const op = doc.paths[route.path]![route.method.toLowerCase()]!;
        for (const status of ['413', '415']) if (op.responses[status] === undefined) missing.push(`${route.operationId} ${status}`);
      }
      assert.deepEqual(missing, []);
    },
  );

  describe('what the server really answers matches the document', () => {
    const succeeded = new Set<string>();
    let uetr = '';
    let rejectedUetr = '';

    /** One real call: documented status, conforming body; 2xx answers count for the coverage check. */
    async function check(method: string, template: string, path: string, options: { key?: string | null; body?: unknown; headers?: Record<string, string> }, status: number): Promise<Answer> {
      const answer = await call(node, method, path, options);
      assert.equal(answer.status, status, `${method} ${path}: ${JSON.stringify(answer.body)}`);
      conforms(method, template, answer);
      if (status < 300) {
        const op = doc.paths[template]![method.toLowerCase()]!;
        succeeded.add(op.operationId);
      }
      return answer;
    }

    it('payments: send (201, and 200 for a retry), a queued one, track', async () => {
      const key = net.keys.SBININBB!;
      const idempotencyKey = newIdempotencyKey();
      const body = { endToEndId: 'openapi-1', amount: { value: '125.50', currency: 'INR' }, creditorAgent: 'HDFCINBB', debtorName: 'A', creditorName: 'B', remittanceInformation: 'invoice 1' };
      const sent = await check('POST', '/v1/payments', '/v1/payments', { key, body, headers: { 'idempotency-key': idempotencyKey } }, 201);
      uetr = (sent.body as { uetr: string }).uetr;
      assert.equal(sent.headers.get('location'), `/v1/payments/${uetr}`);
      await check('POST', '/v1/payments', '/v1/payments', { key, body, headers: { 'idempotency-key': idempotencyKey } }, 200);
      const rejected = await check('POST', '/v1/payments', '/v1/payments', { key: net.keys.HDFCINBB!, body: { endToEndId: 'openapi-2', amount: { value: '5000000.00', currency: 'INR' }, creditorAgent: 'SBININBB' }, headers: { 'idempotency-key': newIdempotencyKey() } }, 201);
      rejectedUetr = (rejected.body as { uetr: string }).uetr;
      // Beyond the payer's liquidity it waits in the payer's queue (PDNG).
      assert.deepEqual([(rejected.body as { status: string }).status, (rejected.body as { isoStatus: string }).isoStatus], ['queued', 'PDNG']);
      await check('GET', '/v1/payments/{uetr}', `/v1/payments/${uetr}`, { key }, 200);
      await check('GET', '/v1/payments/{uetr}', `/v1/payments/${rejectedUetr}`, { key: net.operatorKey }, 200);
    });

    it('accounts: list, one, transfers a page at a time, statement', async () => {
      const key = net.keys.SBININBB!;
      const account = net.accounts['SBININBB INR']!;
      await check('GET', '/v1/accounts', '/v1/accounts', { key }, 200);
      await check('GET', '/v1/accounts', '/v1/accounts', { key: net.operatorKey }, 200);
      await check('GET', '/v1/accounts/{accountId}', `/v1/accounts/${account}`, { key }, 200);
      const page = await check('GET', '/v1/accounts/{accountId}/transfers', `/v1/accounts/${account}/transfers?limit=1`, { key }, 200);
      const next = (page.body as { next: string | null }).next;
      assert.ok(next !== null, 'more than one transfer, so a next cursor');
      await check('GET', '/v1/accounts/{accountId}/transfers', `/v1/accounts/${account}/transfers?after=${next}`, { key }, 200);
      const statement = await check('GET', '/v1/accounts/{accountId}/statement', `/v1/accounts/${account}/statement?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00.000000Z`, { key }, 200);
      assert.ok((statement.body as { entries: unknown[] }).entries.length >= 2);
    });

    it('inbox, directory, currencies, health', async () => {
      const inbox = await check('GET', '/v1/inbox', '/v1/inbox', { key: net.keys.HDFCINBB! }, 200);
      assert.ok((inbox.body as { events: unknown[] }).events.length >= 1);
      await check('GET', '/v1/participants', '/v1/participants', { key: net.keys.SBININBB! }, 200);
      await check('GET', '/v1/participants', '/v1/participants', { key: net.operatorKey }, 200);
      await check('GET', '/v1/participants/{bic}', '/v1/participants/HDFCINBB', { key: net.keys.SBININBB! }, 200);
      await check('GET', '/v1/participants/{bic}', '/v1/participants/SBININBB', { key: net.keys.SBININBB! }, 200);
      await check('GET', '/v1/currencies', '/v1/currencies', { key: net.keys.SBININBB! }, 200);
      await check('GET', '/healthz', '/healthz', {}, 200);
      await check('GET', '/metrics', '/metrics', {}, 200);
    });

    it('funding: in (201), a retry (200), out', async () => {
      const body = { direction: 'in', participant: 'HDFCINBB', amount: { value: '300.00', currency: 'INR' }, reference: 'openapi-fund' };
      await check('POST', '/v1/funding', '/v1/funding', { key: net.operatorKey, body }, 201);
      await check('POST', '/v1/funding', '/v1/funding', { key: net.operatorKey, body }, 200);
      await check('POST', '/v1/funding', '/v1/funding', { key: net.keys.RBISINBB!, body: { ...body, direction: 'out', reference: 'openapi-fund-out' } }, 201);
    });

    it('fx: policy, inventory, quotes (post, list, replace, withdraw), a held route, a payment on it', async () => {
      const op = net.operatorKey;
      await expectStatus(201, call(node, 'POST', '/v1/participants', { key: op, body: { bic: 'FXPRSGSG', name: 'FX Provider', country: 'SG', type: 'direct', roles: ['fx_provider'], currencies: ['INR', 'CNY'] } }));
      const providerKey = (await expectStatus<{ key: string }>(201, call(node, 'POST', '/v1/participants/FXPRSGSG/api-keys', { key: op }))).key;
      for (const currency of ['INR', 'CNY']) await expectStatus(201, call(node, 'POST', '/v1/funding', { key: op, body: { direction: 'in', participant: 'FXPRSGSG', amount: { value: '1000.00', currency }, reference: `openapi-fx-${currency}` } }));
      await check('GET', '/v1/fx/policy', '/v1/fx/policy', { key: net.keys.SBININBB! }, 200);
      await check('PUT', '/v1/fx/policy', '/v1/fx/policy', { key: op, body: { referenceRates: { 'CNY/INR': '11.66' }, referenceDeviationBps: 500, pairsAllowed: null, vehicleCurrenciesExcluded: [], routeHops: 2 } }, 200);
      await check('POST', '/v1/fx/inventory', '/v1/fx/inventory', { key: providerKey, body: { direction: 'in', amount: { value: '500.00', currency: 'CNY' }, reference: 'openapi-inv' } }, 201);
      await check('POST', '/v1/fx/inventory', '/v1/fx/inventory', { key: providerKey, body: { direction: 'in', amount: { value: '500.00', currency: 'INR' }, reference: 'openapi-inv-inr' } }, 201);
      const quote = { base: 'CNY', counter: 'INR', bid: '11.62', ask: '11.70', sizeMin: '0.01', sizeMax: '100.00', ttlSeconds: 600 };
      await check('POST', '/v1/fx/quotes', '/v1/fx/quotes', { key: providerKey, body: { ...quote, id: 'OPENAPI-1' } }, 201);
      await check('POST', '/v1/fx/quotes', '/v1/fx/quotes', { key: providerKey, body: { ...quote, id: 'OPENAPI-2', bid: null, participants: [{ participant: 'SBININBB', ask: '11.68' }] } }, 201);
      await check('GET', '/v1/fx/quotes', '/v1/fx/quotes', { key: net.keys.SBININBB! }, 200);
      await check('PUT', '/v1/fx/quotes/{quoteId}', '/v1/fx/quotes/OPENAPI-1', { key: providerKey, body: { ...quote, ask: '11.69' } }, 200);
      const route = await check('POST', '/v1/fx/routes', '/v1/fx/routes', { key: net.keys.SBININBB!, body: { deliver: { value: '10.00', currency: 'CNY' }, sourceCurrency: 'INR' } }, 201);
      const routeId = (route.body as { routeId: string }).routeId;
      await check('GET', '/v1/fx/routes/{routeId}', `/v1/fx/routes/${routeId}`, { key: net.keys.SBININBB! }, 200);
      await check('GET', '/v1/fx/routes/{routeId}', `/v1/fx/routes/${routeId}`, { key: net.keys.HDFCINBB! }, 404);
      const body = { deliver: { value: '10.00', currency: 'CNY' }, sourceCurrency: 'INR', routeId, endToEndId: 'openapi-fx', creditorAgent: 'ICBKCNBJ' };
      const idempotencyKey = newIdempotencyKey();
      await check('POST', '/v1/fx/payments', '/v1/fx/payments', { key: net.keys.SBININBB!, body, headers: { 'idempotency-key': idempotencyKey } }, 201);
      await check('POST', '/v1/fx/payments', '/v1/fx/payments', { key: net.keys.SBININBB!, body, headers: { 'idempotency-key': idempotencyKey } }, 200);
      await check('DELETE', '/v1/fx/quotes/{quoteId}', '/v1/fx/quotes/OPENAPI-2', { key: providerKey }, 204);
      await check('POST', '/v1/fx/routes', '/v1/fx/routes', { key: net.keys.SBININBB!, body: { send: { value: '10.00', currency: 'INR' }, targetCurrency: 'INR' } }, 422);
    });

    it('administration: participants, keys, limits, suspension, webhooks, currencies', async () => {
      const op = net.operatorKey;
      const participant = { bic: 'AXISINBB', name: 'Axis Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] };
      await check('POST', '/v1/participants', '/v1/participants', { key: op, body: participant }, 201);
      await check('POST', '/v1/participants', '/v1/participants', { key: op, body: participant }, 200);
      const created = await check('POST', '/v1/participants/{bic}/api-keys', '/v1/participants/AXISINBB/api-keys', { key: op }, 201);
      const keyId = keyIdOfKey((created.body as { key: string }).key);
      await check('PUT', '/v1/participants/{bic}/limits/{currency}', '/v1/participants/AXISINBB/limits/INR', { key: op, body: { creditLine: '1000.00', netDebitCap: '800.00' } }, 200);
      await check('POST', '/v1/participants/{bic}/suspension', '/v1/participants/AXISINBB/suspension', { key: op }, 200);
      await check('DELETE', '/v1/participants/{bic}/suspension', '/v1/participants/AXISINBB/suspension', { key: op }, 200);
      await check('PUT', '/v1/participants/{bic}/webhook', '/v1/participants/AXISINBB/webhook', { key: op, body: { url: 'https://axis.example/hook', secret: 'openapi-webhook-secret' } }, 200);
      await check('DELETE', '/v1/participants/{bic}/webhook', '/v1/participants/AXISINBB/webhook', { key: op }, 204);
      await check('POST', '/v1/participants/{bic}/currencies', '/v1/participants/AXISINBB/currencies', { key: op, body: { currency: 'CNY' } }, 200);
      await check('DELETE', '/v1/participants/{bic}/api-keys/{keyId}', `/v1/participants/AXISINBB/api-keys/${keyId}`, { key: op }, 204);
      await check('POST', '/v1/currencies', '/v1/currencies', { key: op, body: { code: 'JPY', mode: 'rtgs', agent: 'RBISINBB' } }, 201);
      await check('POST', '/v1/currencies', '/v1/currencies', { key: op, body: { code: 'JPY', mode: 'rtgs', agent: 'RBISINBB' } }, 200);
    });

    it('problems: 400 with errors, 401, 403, 404, 409, 422', async () => {
      const key = net.keys.SBININBB!;
      const bad = await check('POST', '/v1/payments', '/v1/payments', { key, body: { endToEndId: 'x', amount: { value: 1, currency: 'INR' }, creditorAgent: 'HDFCINBB' }, headers: { 'idempotency-key': newIdempotencyKey() } }, 400);
      assert.ok(Array.isArray((bad.body as { errors?: unknown[] }).errors));
      await check('GET', '/v1/payments/{uetr}', `/v1/payments/${uetr}`, {}, 401);
      await check('GET', '/v1/inbox', '/v1/inbox', { key: net.operatorKey }, 403);
      await check('GET', '/v1/payments/{uetr}', `/v1/payments/${uetr}`, { key: net.keys.ICBKCNBJ! }, 404);
      const idempotencyKey = newIdempotencyKey();
      const body = { endToEndId: 'openapi-3', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' };
      await check('POST', '/v1/payments', '/v1/payments', { key, body, headers: { 'idempotency-key': idempotencyKey } }, 201);
      await check('POST', '/v1/payments', '/v1/payments', { key, body: { ...body, endToEndId: 'openapi-4' }, headers: { 'idempotency-key': idempotencyKey } }, 409);
      await check('POST', '/v1/payments', '/v1/payments', { key, body: { ...body, amount: { value: '1.001', currency: 'INR' } }, headers: { 'idempotency-key': newIdempotencyKey() } }, 422);
      await check('POST', '/v1/funding', '/v1/funding', { key: net.keys.HDFCINBB!, body: { direction: 'in', participant: 'HDFCINBB', amount: { value: '1.00', currency: 'INR' }, reference: 'self' } }, 403);
    });

    it('payment follow-ups: cancellation, its refusal, a return', async () => {
      const payTo = async (key: string, creditorAgent: string) => {
        const sent = await call<{ uetr: string }>(node, 'POST', '/v1/payments', { key, body: { endToEndId: 'openapi-follow', amount: { value: '20.00', currency: 'INR' }, creditorAgent }, headers: { 'idempotency-key': newIdempotencyKey() } });
        assert.equal(sent.status, 201);
        return sent.body.uetr;
      };
      const refused = await payTo(net.keys.SBININBB!, 'HDFCINBB');
      await check('POST', '/v1/payments/{uetr}/cancellation', `/v1/payments/${refused}/cancellation`, { key: net.keys.SBININBB!, body: { caseId: 'openapi-case', reason: 'DUPL' } }, 202);
      await check('POST', '/v1/payments/{uetr}/cancellation', `/v1/payments/${refused}/cancellation`, { key: net.keys.SBININBB!, body: { caseId: 'openapi-case', reason: 'DUPL' } }, 200);
      await check('POST', '/v1/payments/{uetr}/cancellation/rejection', `/v1/payments/${refused}/cancellation/rejection`, { key: net.keys.HDFCINBB!, body: { reason: 'CUST' } }, 200);
      await check('POST', '/v1/payments/{uetr}/return', `/v1/payments/${refused}/return`, { key: net.keys.HDFCINBB!, body: { returnId: 'openapi-return', amount: { value: '20.00', currency: 'INR' }, reason: 'FOCR' } }, 201);
      await check('POST', '/v1/payments/{uetr}/return', `/v1/payments/${refused}/return`, { key: net.keys.HDFCINBB!, body: { returnId: 'openapi-return', amount: { value: '20.00', currency: 'INR' }, reason: 'FOCR' } }, 200);
    });

    it('ISO 20022: a file (200 and 422 pacs.002, 202 for a camt.056), the feed, a camt.053, the version set', async () => {
      const key = net.keys.SBININBB!;
      const xml = (headers: Record<string, string> = {}) => ({ 'content-type': 'application/xml', ...headers });
      const uetr = randomUUID();
      const file = renderPart(
        buildPacs008({
          messageId: 'openapi-iso-1',
          creationDateTime: '2026-03-02T10:00:00+00:00',
          instructingAgent: 'SBININBB',
          instructedAgent: 'HDFCINBB',
          transactions: [{ uetr, endToEndId: 'openapi-iso', settlementAmount: { value: '3.00', currency: 'INR' }, settlementDate: '2026-03-02', debtor: { name: 'A' }, debtorAgent: 'SBININBB', creditorAgent: 'HDFCINBB', creditor: { name: 'B' } }],
        }),
      );
      await check('POST', '/v1/iso20022', '/v1/iso20022', { key, body: file, headers: xml() }, 200);
      await check('POST', '/v1/iso20022', '/v1/iso20022', { key, body: '<Document/>', headers: xml() }, 422);
      await check('POST', '/v1/iso20022', '/v1/iso20022', { key, body: file, headers: xml({ 'content-type': 'application/json' }) }, 415);
      const original = { message: { messageId: 'openapi-iso-1', messageNameId: 'pacs.008.001.08' }, uetr, endToEndId: 'openapi-iso' };
      const cancel = renderPart(buildCamt056({ assignmentId: 'openapi-cxl', creationDateTime: '2026-03-02T10:00:00+00:00', assigner: 'SBININBB', assignee: 'HDFCINBB', caseId: 'openapi-iso-case', caseCreator: 'SBININBB', original, originalSettlementAmount: { value: '3.00', currency: 'INR' }, reason: 'DUPL' }));
      await check('POST', '/v1/iso20022', '/v1/iso20022', { key, body: cancel, headers: xml() }, 202);
      const page = await check('GET', '/v1/iso20022/messages', '/v1/iso20022/messages?after=0&limit=1000', { key: net.keys.HDFCINBB! }, 200);
      assert.ok((page.body as { messages: unknown[] }).messages.length >= 3);
      const account = net.accounts['SBININBB INR']!;
      await check('GET', '/v1/accounts/{accountId}/camt053', `/v1/accounts/${account}/camt053?date=${new Date().toISOString().slice(0, 10)}`, { key }, 200);
      await check('PUT', '/v1/participants/{bic}/iso20022-versions', '/v1/participants/SBININBB/iso20022-versions', { key, body: { 'pacs.002': 'pacs.002.001.12' } }, 200);
      await check('PUT', '/v1/participants/{bic}/iso20022-versions', '/v1/participants/SBININBB/iso20022-versions', { key: net.operatorKey, body: {} }, 200);
    });

    it('settlement: overview, queue, windows and their reports, window actions, schedule, end of day, cancelling a queued payment', async () => {
      const op = net.operatorKey;
      const key = net.keys.HDFCINBB!;
      await check('GET', '/v1/settlement/{currency}', '/v1/settlement/INR', { key }, 200);
      await check('GET', '/v1/settlement/{currency}/queue', '/v1/settlement/INR/queue', { key: op }, 200);
      const queued = await call<{ uetr: string; status: string }>(node, 'POST', '/v1/payments', { key, body: { endToEndId: 'openapi-queued', amount: { value: '9000000.00', currency: 'INR' }, creditorAgent: 'SBININBB' }, headers: { 'idempotency-key': newIdempotencyKey() } });
      assert.equal(queued.body.status, 'queued');
      await check('POST', '/v1/payments/{uetr}/cancel', `/v1/payments/${queued.body.uetr}/cancel`, { key }, 200);
      await check('POST', '/v1/payments/{uetr}/cancel', `/v1/payments/${queued.body.uetr}/cancel`, { key }, 200);
      await check('POST', '/v1/currencies', '/v1/currencies', { key: op, body: { code: 'EUR', mode: 'dns', agent: 'RBISINBB' } }, 201);
      await check('PUT', '/v1/settlement/{currency}/schedule', '/v1/settlement/EUR/schedule', { key: op, body: { windowSeconds: 3600 } }, 200);
      await check('GET', '/v1/settlement/{currency}/windows', '/v1/settlement/EUR/windows', { key: op }, 200);
      await check('POST', '/v1/settlement/{currency}/windows/{windowId}/close', '/v1/settlement/EUR/windows/1/close', { key: op }, 200);
      await check('POST', '/v1/settlement/{currency}/windows/{windowId}/close', '/v1/settlement/EUR/windows/1/close', { key: op }, 409);
      await check('POST', '/v1/settlement/{currency}/windows/{windowId}/settle', '/v1/settlement/EUR/windows/1/settle', { key: op }, 200);
      await check('GET', '/v1/settlement/{currency}/windows/{windowId}', '/v1/settlement/EUR/windows/1', { key: op }, 200);
      // The same report as CSV: the document lists text/csv beside application/json for this 200.
      const content = doc.paths['/v1/settlement/{currency}/windows/{windowId}']!.get!.responses['200']!.content!;
      assert.deepEqual(Object.keys(content).sort(), ['application/json', 'text/csv']);
      const csv = await check('GET', '/v1/settlement/{currency}/windows/{windowId}', '/v1/settlement/EUR/windows/1?format=csv', { key: op }, 200);
      assert.match(csv.contentType, /^text\/csv/);
      assert.match(csv.body as string, /^window,participant,sent,received,net\r\n/);
      await check('POST', '/v1/settlement/{currency}/windows/{windowId}/close', '/v1/settlement/EUR/windows/2/close', { key: op }, 200);
      await check('POST', '/v1/settlement/{currency}/windows/{windowId}/abort', '/v1/settlement/EUR/windows/2/abort', { key: op }, 200);
      await check('POST', '/v1/settlement/{currency}/windows/{windowId}/close', '/v1/settlement/INR/windows/1/close', { key: op }, 422);
      await check('POST', '/v1/settlement/{currency}/end-of-day', '/v1/settlement/EUR/end-of-day', { key: op }, 200);
      await check('PUT', '/v1/settlement/{currency}/reserves/{bic}', '/v1/settlement/INR/reserves/HDFCINBB', { key, body: { urgent: '100.00' } }, 200);
      await check('PUT', '/v1/settlement/{currency}/reserves/{bic}', '/v1/settlement/EUR/reserves/HDFCINBB', { key: op, body: { urgent: '100.00' } }, 422);
      await check('GET', '/v1/settlement/{currency}/reserves/{bic}', '/v1/settlement/INR/reserves/HDFCINBB', { key: op }, 200);
      await check('PUT', '/v1/settlement/{currency}/queue-order', '/v1/settlement/INR/queue-order', { key: op, body: { queueOrder: 'fifo' } }, 200);
      await check('PUT', '/v1/settlement/{currency}/queue-order', '/v1/settlement/INR/queue-order', { key: op, body: { queueOrder: 'fifo-bypass' } }, 200);
      await check('PUT', '/v1/settlement/{currency}/queue-order', '/v1/settlement/EUR/queue-order', { key: op, body: { queueOrder: 'fifo' } }, 422);
    });

    it('screening: lists (and a refused file), thresholds, officer keys, holds and both decisions', async () => {
      const op = net.operatorKey;
      const csv = (body: string) => ({ key: op, body, headers: { 'content-type': 'text/csv' } });
      const list = 'list_id,entry_id,entity_type,primary_name\nOPENAPI,1,individual,Viktor PETRENKO\n';
      await check('PUT', '/v1/screening/lists/{listId}/versions/{version}', '/v1/screening/lists/OPENAPI/versions/v1', csv(list), 201);
      await check('PUT', '/v1/screening/lists/{listId}/versions/{version}', '/v1/screening/lists/OPENAPI/versions/v2', csv(`${list}OPENAPI,2,nobody,X\n`), 422);
      await check('PUT', '/v1/screening/lists/{listId}/versions/{version}', '/v1/screening/lists/OPENAPI/versions/v1', csv(list), 409);
      await check('PUT', '/v1/screening/lists/{listId}/versions/{version}', '/v1/screening/lists/OPENAPI/versions/v2', { ...csv(list), headers: { 'content-type': 'text/csv' } }, 201);
      await check('GET', '/v1/screening/lists', '/v1/screening/lists', { key: op }, 200);
      await check('PUT', '/v1/screening/lists/{listId}/active', '/v1/screening/lists/OPENAPI/active', { key: op, body: { version: 'v1' } }, 200);
      await check('DELETE', '/v1/screening/lists/{listId}/versions/{version}', '/v1/screening/lists/OPENAPI/versions/v2', { key: op }, 200);
      await check('DELETE', '/v1/screening/lists/{listId}/versions/{version}', '/v1/screening/lists/OPENAPI/versions/v1', { key: op }, 422);
      await check('PUT', '/v1/screening/lists/{listId}/jurisdictions', '/v1/screening/lists/OPENAPI/jurisdictions', { key: op, body: { jurisdictions: 'all' } }, 200);
      await check('PUT', '/v1/screening/thresholds', '/v1/screening/thresholds', { key: op, body: { nameThreshold: 0.9, tokenThreshold: 0.85 } }, 200);
      await check('PUT', '/v1/screening/thresholds', '/v1/screening/thresholds', { key: op, body: { nameThreshold: 0.8, tokenThreshold: 0.85 } }, 422);
      const officer = await check('POST', '/v1/screening/officers/{officer}/api-keys', '/v1/screening/officers/openapi/api-keys', { key: op }, 201);
      const officerKey = (officer.body as { key: string }).key;
      const spare = await check('POST', '/v1/screening/officers/{officer}/api-keys', '/v1/screening/officers/openapi/api-keys', { key: op }, 201);
      await check('DELETE', '/v1/screening/officers/{officer}/api-keys/{keyId}', `/v1/screening/officers/openapi/api-keys/${(spare.body as { keyId: string }).keyId}`, { key: op }, 204);
      const held = async () => {
        const sent = await call<{ uetr: string; status: string }>(node, 'POST', '/v1/payments', { key: net.keys.SBININBB!, body: { endToEndId: 'openapi-held', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Viktor Petrenko', debtorAddress: ['1 Main Street'] }, headers: { 'idempotency-key': newIdempotencyKey() } });
        assert.equal(sent.body.status, 'held');
        return sent.body.uetr;
      };
      const first = await held();
      const second = await held();
      // The operator's read-only view of the same holds (the dashboard's panel).
      await check('GET', '/v1/operator/currencies/{currency}/holds', '/v1/operator/currencies/INR/holds', { key: op }, 200);
      await check('GET', '/v1/operator/currencies/{currency}/holds', '/v1/operator/currencies/XXX/holds', { key: op }, 422);
      await check('GET', '/v1/screening/holds', '/v1/screening/holds?state=all', { key: officerKey }, 200);
      await check('GET', '/v1/screening/holds/{uetr}', `/v1/screening/holds/${first}`, { key: officerKey }, 200);
      await check('GET', '/v1/screening/holds/{uetr}', `/v1/screening/holds/${randomUUID()}`, { key: officerKey }, 404);
      await check('POST', '/v1/screening/holds/{uetr}/release', `/v1/screening/holds/${first}/release`, { key: officerKey, body: { note: 'released' } }, 200);
      await check('POST', '/v1/screening/holds/{uetr}/rejection', `/v1/screening/holds/${first}/rejection`, { key: officerKey, body: { reason: 'RR04', note: 'too late' } }, 409);
      await check('POST', '/v1/screening/holds/{uetr}/rejection', `/v1/screening/holds/${second}/rejection`, { key: officerKey, body: { reason: 'RR04', note: 'listed' } }, 200);
      // Stop screening against the list, so later calls of this file are not held.
      await check('PUT', '/v1/screening/lists/{listId}/active', '/v1/screening/lists/OPENAPI/active', { key: op, body: { version: null } }, 200);
    });

    it('operator dashboard: overview, the day’s liquidity, recent payments, the event stream, cancelling a queued payment', async () => {
      const op = net.operatorKey;
      await check('GET', '/v1/operator/overview', '/v1/operator/overview', { key: op }, 200);
      await check('GET', '/v1/operator/currencies/{currency}/liquidity', '/v1/operator/currencies/INR/liquidity', { key: op }, 200);
      await check('GET', '/v1/operator/fx', '/v1/operator/fx', { key: op }, 200);
      await check('GET', '/v1/operator/currencies/{currency}/liquidity', '/v1/operator/currencies/XXX/liquidity', { key: op }, 422);
      await check('GET', '/v1/operator/payments', '/v1/operator/payments?limit=5', { key: op }, 200);
      const queued = await call<{ uetr: string; status: string }>(node, 'POST', '/v1/payments', { key: net.keys.HDFCINBB!, body: { endToEndId: 'openapi-op-cancel', amount: { value: '9000000.00', currency: 'INR' }, creditorAgent: 'SBININBB' }, headers: { 'idempotency-key': newIdempotencyKey() } });
      assert.equal(queued.body.status, 'queued');
      await check('POST', '/v1/operator/payments/{uetr}/cancel', `/v1/operator/payments/${queued.body.uetr}/cancel`, { key: op }, 200);
      await check('POST', '/v1/operator/payments/{uetr}/cancel', `/v1/operator/payments/${uetr}/cancel`, { key: op }, 409);
      // An event stream never ends: its status and media type, as documented, then it is dropped.
      const controller = new AbortController();
      const stream = await fetch(`${node.url}/v1/operator/events`, { headers: { authorization: `Bearer ${op}` }, signal: controller.signal });
      controller.abort();
      assert.equal(stream.status, 200);
      const documented = doc.paths['/v1/operator/events']!.get!;
      assert.ok(Object.keys((documented.responses['200'] as { content: Record<string, unknown> }).content).includes('text/event-stream'));
      assert.match(stream.headers.get('content-type') ?? '', /^text\/event-stream/);
      succeeded.add(documented.operationId);
    });

    it('every operation of the document was answered with a success above', () => {
      const all = operations(doc).map((o) => o.op.operationId);
      assert.deepEqual(all.filter((id) => !succeeded.has(id)), []);
    });
  });
});
