/**
 * Who may call what, driven by the route table itself: every route in allRoutes is called
 * without a key, with broken, unknown and revoked keys, with the wrong kind of key, and (where a
 * route addresses a participant's resource) with another participant's key. Every refusal is a
 * problem and leaves the node's state fingerprint as it was. A new route is covered by the
 * generic cases at once; the foreign-key cases insist that it be classified below.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { buildPacs008, renderPart } from '../../src/iso20022/index.js';
import { allRoutes } from '../../src/http/routes/index.js';
import type { RouteSpec } from '../../src/http/route.js';
import type { ProblemSlug } from '../../src/http/problems.js';
import {
  call,
  expectProblem,
  expectStatus,
  expectUnchanged,
  fillPath,
  keyIdOfKey,
  newIdempotencyKey,
  onboardSmallNetwork,
  pathParams,
  startTestNode,
  type Answer,
  type SmallNetwork,
  type TestNode,
} from './support.js';

/** The bank whose resources the matrix aims at: a direct INR bank with an account, a spare key and a webhook. */
const victim = 'AXISINBB';
const victimWebhook = { url: 'https://axis.example/hooks/corridor', secret: 'axis-webhook-secret-0123456789' };

interface Fixture {
  readonly victimRouteId: string;
  readonly ownRouteId: string;
  readonly net: SmallNetwork;
  readonly operatorKey: string;
  readonly victimKey: string;
  readonly victimAccount: string;
  /** A live key of the victim that only the revoke route aims at. */
  readonly victimSpareKeyId: string;
  /** ICBKCNBJ → BKCHCNBJ in CNY: none of the INR banks' business. */
  readonly cnyUetr: string;
  /** SBININBB → HDFCINBB in INR. */
  readonly inrUetr: string;
  /** HDFCINBB → COOPINBBXXX (indirect, settles on SBININBB's account). */
  readonly coopUetr: string;
  /** A second key of HDFCINBB. */
  readonly hdfcSecondKey: string;
  /** A key of SBININBB, revoked. */
  readonly revokedKey: string;
  /** SBININBB → HDFCINBB, far beyond SBININBB's liquidity: queued. */
  readonly queuedInrUetr: string;
  /** ICBKCNBJ → BKCHCNBJ, queued likewise. */
  readonly queuedCnyUetr: string;
  readonly from: string;
  readonly to: string;
  /** A compliance officer's key; a spare one (for the revoke route); one revoked. */
  readonly officerKey: string;
  readonly spareOfficerKeyId: string;
  readonly revokedOfficerKey: string;
  /** SBININBB → HDFCINBB naming a listed party: held by screening, twice (one to release, one to reject). */
  readonly heldUetr: string;
  readonly heldUetr2: string;
  /** FXPRSGSG, an FX provider quoting CNY/INR with inventory in both. */
  readonly providerKey: string;
}

/** The officer of the fixture, and the watch list it loads. */
const officer = 'matrix.officer';
const matrixList = 'list_id,entry_id,entity_type,primary_name\nMATRIX,M-1,individual,Viktor PETRENKO\n';

const fxProvider = 'FXPRSGSG';

async function buildFixture(node: TestNode): Promise<Fixture> {
  const net = await onboardSmallNetwork(node);
  const operatorKey = net.operatorKey;
  const op = (method: string, path: string, status: number, body?: unknown) => expectStatus(status, call(node, method, path, { key: operatorKey, body }));
  await op('POST', '/v1/participants', 201, { bic: victim, name: 'Axis Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] });
  const victimKey = ((await op('POST', `/v1/participants/${victim}/api-keys`, 201)) as { key: string }).key;
  const victimSpareKeyId = ((await op('POST', `/v1/participants/${victim}/api-keys`, 201)) as { keyId: string }).keyId;
  const hdfcSecondKey = ((await op('POST', '/v1/participants/HDFCINBB/api-keys', 201)) as { key: string }).key;
  await op('POST', '/v1/funding', 201, { direction: 'in', participant: victim, amount: { value: '1000.00', currency: 'INR' }, reference: `open-${victim}` });
  const accounts = (await op('GET', `/v1/accounts?participant=${victim}`, 200)) as { accounts: { id: string; currency: string }[] };
  assert.equal(accounts.accounts.length, 1);
  const victimAccount = accounts.accounts[0]!.id;
  const pay = async (key: string, creditorAgent: string, value: string, currency: string): Promise<string> => {
    const answer = await call<{ uetr: string; status: string }>(node, 'POST', '/v1/payments', {
      key,
      headers: { 'idempotency-key': newIdempotencyKey() },
      body: { endToEndId: `fixture-${creditorAgent}`, amount: { value, currency }, creditorAgent },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.status, 'settled');
    return answer.body.uetr;
  };
  const inrUetr = await pay(net.keys.SBININBB!, 'HDFCINBB', '50.00', 'INR');
  const cnyUetr = await pay(net.keys.ICBKCNBJ!, 'BKCHCNBJ', '70.00', 'CNY');
  const coopUetr = await pay(net.keys.HDFCINBB!, 'COOPINBBXXX', '30.00', 'INR');
  const queue = async (key: string, creditorAgent: string, currency: string): Promise<string> => {
    const answer = await call<{ uetr: string; status: string }>(node, 'POST', '/v1/payments', {
      key,
      headers: { 'idempotency-key': newIdempotencyKey() },
      body: { endToEndId: `queued-${creditorAgent}`, amount: { value: '5000000.00', currency }, creditorAgent },
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
    assert.equal(answer.body.status, 'queued');
    return answer.body.uetr;
  };
  const queuedInrUetr = await queue(net.keys.SBININBB!, 'HDFCINBB', 'INR');
  const queuedCnyUetr = await queue(net.keys.ICBKCNBJ!, 'BKCHCNBJ', 'CNY');
  // A dns currency nobody holds yet, its first window closed: the window routes have something to act on.
  await op('POST', '/v1/currencies', 201, { code: 'EUR', mode: 'dns', agent: 'RBISINBB' });
  await op('POST', '/v1/settlement/EUR/windows/1/close', 200);
  const revokedKey = ((await op('POST', '/v1/participants/SBININBB/api-keys', 201)) as { key: string }).key;
  await op('DELETE', `/v1/participants/SBININBB/api-keys/${keyIdOfKey(revokedKey)}`, 204);
  await expectStatus(200, call(node, 'PUT', `/v1/participants/${victim}/webhook`, { key: victimKey, body: victimWebhook }));
  await expectStatus(201, call(node, 'PUT', '/v1/screening/lists/MATRIX/versions/v1', { key: operatorKey, body: matrixList, headers: { 'content-type': 'text/csv' } }));
  const officerKey = ((await op('POST', `/v1/screening/officers/${officer}/api-keys`, 201)) as { key: string }).key;
  const spareOfficerKeyId = ((await op('POST', `/v1/screening/officers/${officer}/api-keys`, 201)) as { keyId: string }).keyId;
  const revokedOfficerKey = ((await op('POST', `/v1/screening/officers/${officer}/api-keys`, 201)) as { key: string }).key;
  await op('DELETE', `/v1/screening/officers/${officer}/api-keys/${keyIdOfKey(revokedOfficerKey)}`, 204);
  const hold = async (): Promise<string> => {
    const answer = await call<{ uetr: string; status: string }>(node, 'POST', '/v1/payments', {
      key: net.keys.SBININBB!,
      headers: { 'idempotency-key': newIdempotencyKey() },
      body: { endToEndId: 'held', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB', creditorName: 'Viktor Petrenko' },
    });
    assert.equal(answer.body.status, 'held', JSON.stringify(answer.body));
    return answer.body.uetr;
  };
  const heldUetr = await hold();
  const heldUetr2 = await hold();
  await op('POST', '/v1/participants', 201, { bic: fxProvider, name: 'FX Provider', country: 'SG', type: 'direct', roles: ['fx_provider'], currencies: ['INR', 'CNY'] });
  const providerKey = ((await op('POST', `/v1/participants/${fxProvider}/api-keys`, 201)) as { key: string }).key;
  for (const currency of ['INR', 'CNY']) {
    await op('POST', '/v1/funding', 201, { direction: 'in', participant: fxProvider, amount: { value: '100000.00', currency }, reference: `fx-${currency}` });
    await expectStatus(201, call(node, 'POST', '/v1/fx/inventory', { key: providerKey, body: { direction: 'in', amount: { value: '50000.00', currency }, reference: `inv-${currency}` } }));
  }
  for (const id of ['MATRIX-1', 'MATRIX-2']) await expectStatus(201, call(node, 'POST', '/v1/fx/quotes', { key: providerKey, body: { ...matrixQuote, id } }));
  // Routes held for the whole run (300 s): one of the victim's, one of SBININBB's.
  const holdRoute = async (key: string) => (await expectStatus<{ routeId: string }>(201, call(node, 'POST', '/v1/fx/routes', { key, body: { send: { value: '11.70', currency: 'INR' }, targetCurrency: 'CNY', holdSeconds: 300 } }))).routeId;
  const victimRouteId = await holdRoute(victimKey);
  const ownRouteId = await holdRoute(net.keys.SBININBB!);
  return {
    victimRouteId,
    ownRouteId,
    officerKey,
    spareOfficerKeyId,
    revokedOfficerKey,
    heldUetr,
    heldUetr2,
    providerKey,
    net,
    operatorKey,
    victimKey,
    victimAccount,
    victimSpareKeyId,
    cnyUetr,
    inrUetr,
    coopUetr,
    hdfcSecondKey,
    revokedKey,
    queuedInrUetr,
    queuedCnyUetr,
    from: '2000-01-01T00:00:00.000000Z',
    to: '2100-01-01T00:00:00.000000Z',
  };
}

type Params = Readonly<Record<string, string>>;

/** Path values aimed at the victim: its account, its key, its settings; a payment that is not its own. */
function victimParams(fx: Fixture): Params {
  return { uetr: fx.cnyUetr, accountId: fx.victimAccount, bic: victim, keyId: fx.victimSpareKeyId, currency: 'INR', windowId: '1', listId: 'MATRIX', version: 'v1', officer, quoteId: 'MATRIX-1', routeId: fx.victimRouteId };
}

const matrixQuote = { base: 'CNY', counter: 'INR', bid: '11.62', ask: '11.70', sizeMin: '0.01', sizeMax: '5000.00', ttlSeconds: 3600 };

/** Path values aimed at SBININBB's own resources (an operator route stays the operator's even for one's own). */
function ownParams(fx: Fixture, bic: 'SBININBB' | 'RBISINBB'): Params {
  return {
    uetr: fx.inrUetr,
    accountId: fx.net.accounts['SBININBB INR']!,
    bic,
    keyId: keyIdOfKey(fx.net.keys[bic]!),
    currency: 'INR',
    windowId: '1',
    listId: 'MATRIX',
    version: 'v1',
    officer,
    quoteId: 'MATRIX-1',
    routeId: fx.ownRouteId,
  };
}

/** A valid body per operation, so that a request that got past authorisation would really act. */
const sampleBodies: Readonly<Record<string, (fx: Fixture) => unknown>> = {
  sendPayment: () => ({ endToEndId: 'matrix', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' }),
  addParticipant: () => ({ bic: 'YESBINBB', name: 'Yes Bank', country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'] }),
  joinCurrency: () => ({ currency: 'CNY' }),
  setLimits: () => ({ creditLine: '500.00' }),
  setWebhook: () => ({ url: 'https://attacker.example/steal', secret: 'attacker-chosen-secret-123' }),
  addCurrency: () => ({ code: 'JPY', mode: 'rtgs', agent: 'RBISINBB' }),
  moveFunds: () => ({ direction: 'in', participant: victim, amount: { value: '100.00', currency: 'INR' }, reference: 'matrix-fund' }),
  requestCancellation: () => ({ caseId: 'matrix-case', reason: 'DUPL' }),
  rejectCancellation: () => ({ reason: 'CUST' }),
  returnPayment: () => ({ returnId: 'matrix-return', amount: { value: '30.00', currency: 'INR' }, reason: 'FOCR' }),
  setIsoVersions: () => ({ 'pacs.008': 'pacs.008.001.09' }),
  submitIsoMessage: () => isoPayment('SBININBB', 'SBININBB', 'HDFCINBB'),
  setSettlementSchedule: () => ({ windowSeconds: 3600 }),
  setUrgentReserve: () => ({ urgent: '10.00' }),
  // The order INR has already: the positive control changes nothing the later routes rely on.
  setQueueOrder: () => ({ queueOrder: 'fifo-bypass' }),
  uploadWatchList: () => matrixList,
  setActiveWatchListVersion: () => ({ version: 'v2' }),
  setWatchListScope: () => ({ jurisdictions: ['IN', 'CN'] }),
  setScreeningThresholds: () => ({ nameThreshold: 0.9, tokenThreshold: 0.85 }),
  releaseHold: () => ({ note: 'matrix release' }),
  rejectHold: () => ({ reason: 'RR04', note: 'matrix rejection' }),
  setFxPolicy: () => ({ referenceRates: { 'CNY/INR': '11.66' }, referenceDeviationBps: 500, pairsAllowed: null, vehicleCurrenciesExcluded: [], routeHops: 2 }),
  postFxQuote: () => ({ ...matrixQuote, id: `MATRIX-${randomUUID().slice(0, 8)}` }),
  replaceFxQuote: () => matrixQuote,
  moveFxInventory: () => ({ direction: 'in', amount: { value: '10.00', currency: 'INR' }, reference: `matrix-${randomUUID().slice(0, 8)}` }),
  holdFxRoute: () => ({ send: { value: '11.70', currency: 'INR' }, targetCurrency: 'CNY' }),
  sendFxPayment: () => ({ send: { value: '11.70', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'matrix-fx', creditorAgent: 'ICBKCNBJ' }),
};

/** Participant routes only an FX provider may call: their positive control uses the provider's key. */
const providerRoutes = new Set(['postFxQuote', 'replaceFxQuote', 'withdrawFxQuote', 'moveFxInventory']);

/** A pacs.008 file: `from` instructs a payment of 1.00 INR from `debtorAgent` to `creditorAgent` (a fresh MsgId and UETR each time). */
function isoPayment(from: string, debtorAgent: string, creditorAgent: string): string {
  const id = `matrix-${randomUUID().slice(0, 8)}`;
  return renderPart(
    buildPacs008({
      messageId: id,
      creationDateTime: '2026-03-02T10:00:00+00:00',
      instructingAgent: from,
      instructedAgent: creditorAgent,
      transactions: [{ uetr: randomUUID(), endToEndId: id, settlementAmount: { value: '1.00', currency: 'INR' }, settlementDate: '2026-03-02', debtor: { name: 'A' }, debtorAgent, creditorAgent, creditor: { name: 'B' } }],
    }),
  );
}

/**
 * Path values for a participant route's positive control (SBININBB may act on them), where the
 * victim's values would not do: the follow-ups of a payment act on one of SBININBB's own.
 */
function positiveParams(fx: Fixture): Readonly<Record<string, Params>> {
  return {
    // SBININBB → HDFCINBB: SBININBB is the debtor.
    requestCancellation: { uetr: fx.inrUetr },
    // HDFCINBB → COOPINBBXXX, which settles on SBININBB's account: SBININBB is on the creditor side,
    // and HDFCINBB asked to cancel it (the allowed case of requestCancellation, just before).
    rejectCancellation: { uetr: fx.coopUetr },
    returnPayment: { uetr: fx.coopUetr },
    // SBININBB's own queued payment.
    cancelQueuedPayment: { uetr: fx.queuedInrUetr },
    // The dns currency EUR: window 1 was closed by the fixture; settled, then window 2 is closed and aborted.
    getSettlementWindow: { currency: 'EUR', windowId: '1' },
    settleSettlementWindow: { currency: 'EUR', windowId: '1' },
    closeSettlementWindow: { currency: 'EUR', windowId: '2' },
    abortSettlementWindow: { currency: 'EUR', windowId: '2' },
    setSettlementSchedule: { currency: 'EUR' },
    // Screening, in route-table order: v2 is loaded (and active), so v1 can be removed.
    uploadWatchList: { listId: 'MATRIX', version: 'v2' },
    revokeOfficerKey: { officer, keyId: fx.spareOfficerKeyId },
    getHold: { uetr: fx.heldUetr },
    releaseHold: { uetr: fx.heldUetr },
    rejectHold: { uetr: fx.heldUetr2 },
    // A payment that waited in the CNY queue (taken back by the operator, or already by its sender: the same answer).
    operatorCancelPayment: { uetr: fx.queuedCnyUetr },
    // SBININBB's own held route.
    getFxRoute: { routeId: fx.ownRouteId },
  };
}

/** Values for required query parameters, by name. */
function requiredQuery(fx: Fixture): Params {
  return { from: fx.from, to: fx.to, date: fx.from.slice(0, 10) };
}

/** Values for required headers, by name. */
const requiredHeaders: Readonly<Record<string, () => string>> = { 'Idempotency-Key': () => newIdempotencyKey() };

interface Request {
  readonly method: string;
  readonly path: string;
  readonly body?: unknown;
  readonly headers: Record<string, string>;
}

function requestFor(route: RouteSpec, fx: Fixture, options: { params?: Params; query?: Params; body?: unknown } = {}): Request {
  const path = fillPath(route.path, { ...victimParams(fx), ...options.params });
  const query = new URLSearchParams();
  const required = (route.query as { required?: string[] } | undefined)?.required ?? [];
  for (const name of required) {
    const value = requiredQuery(fx)[name];
    if (value === undefined) throw new Error(`no test value for required query parameter ${name} of ${route.operationId}`);
    query.set(name, value);
  }
  for (const [name, value] of Object.entries(options.query ?? {})) query.set(name, value);
  const headers: Record<string, string> = {};
  for (const header of route.headers ?? []) {
    const value = requiredHeaders[header.name];
    if (header.required && value === undefined) throw new Error(`no test value for required header ${header.name} of ${route.operationId}`);
    if (value !== undefined) headers[header.name.toLowerCase()] = value();
  }
  const takesBody = route.body !== undefined || route.rawBody !== undefined;
  const body = options.body ?? (takesBody ? sampleBodies[route.operationId]?.(fx) : undefined);
  if (takesBody && body === undefined) throw new Error(`no sample body for ${route.operationId}: add one to sampleBodies`);
  // A file (ISO 20022 XML) goes in its own media type.
  if (route.rawBody !== undefined) headers['content-type'] = route.rawBody.mediaTypes[0]!;
  const search = query.toString();
  return { method: route.method, path: search === '' ? path : `${path}?${search}`, body, headers };
}

function send(node: TestNode, request: Request, authorization: string | null): Promise<Answer> {
  const headers = { ...request.headers, ...(authorization === null ? {} : { authorization }) };
  return call(node, request.method, request.path, { body: request.body, headers });
}

const bearer = (key: string) => `Bearer ${key}`;

/** A route's refusal of this authorization: the problem, and the state as it was. */
async function expectRefused(node: TestNode, request: Request, authorization: string | null, status: number, slug: ProblemSlug): Promise<void> {
  await expectUnchanged(node, async () => expectProblem(await send(node, request, authorization), status, slug), `${request.method} ${request.path}`);
}

interface ForeignCase {
  readonly name: string;
  /** The key that must be turned away. */
  readonly key: (fx: Fixture) => string;
  /** A key that may make the same request (positive control). */
  readonly allowed: (fx: Fixture) => string;
  readonly params?: (fx: Fixture) => Params;
  readonly query?: (fx: Fixture) => Params;
  readonly body?: (fx: Fixture) => unknown;
  readonly status: 403 | 404;
  readonly slug: ProblemSlug;
  readonly todo?: string;
}

const accountCases: readonly ForeignCase[] = [
  { name: "SBININBB reads AXISINBB's account", key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.victimKey, status: 404, slug: 'not-found' },
  {
    name: "COOPINBBXXX reads its sponsor SBININBB's settlement account",
    key: (fx) => fx.net.keys.COOPINBBXXX!,
    allowed: (fx) => fx.net.keys.SBININBB!,
    params: (fx) => ({ accountId: fx.net.accounts['SBININBB INR']! }),
    status: 404,
    slug: 'not-found',
  },
];

const webhookCases: readonly ForeignCase[] = [
  { name: "SBININBB changes AXISINBB's webhook", key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.victimKey, status: 404, slug: 'not-found' },
  {
    name: "SBININBB changes the webhook of COOPINBBXXX, which it sponsors",
    key: (fx) => fx.net.keys.SBININBB!,
    allowed: (fx) => fx.net.keys.COOPINBBXXX!,
    params: () => ({ bic: 'COOPINBBXXX' }),
    status: 404,
    slug: 'not-found',
  },
];

const reserveCases: readonly ForeignCase[] = [
  { name: "SBININBB reads or sets AXISINBB's urgent reserve", key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.victimKey, status: 404, slug: 'not-found' },
  {
    name: 'HDFCINBB reads or sets the urgent reserve of SBININBB',
    key: (fx) => fx.net.keys.HDFCINBB!,
    allowed: (fx) => fx.net.keys.SBININBB!,
    params: () => ({ bic: 'SBININBB' }),
    status: 404,
    slug: 'not-found',
  },
];

/**
 * Every route a participant key may call, classified: the requests by which one participant
 * could reach another's resources, or why there are none. A route missing here fails the matrix.
 */
const scoped: Readonly<Record<string, { readonly why: string; readonly cases: readonly ForeignCase[] }>> = {
  sendPayment: {
    why: 'a payment debits the debtor agent: only it (or its sponsor) may send one',
    cases: [
      {
        name: 'HDFCINBB sends a payment debiting AXISINBB',
        key: (fx) => fx.net.keys.HDFCINBB!,
        allowed: (fx) => fx.victimKey,
        body: () => ({ endToEndId: 'matrix-foreign', amount: { value: '5.00', currency: 'INR' }, debtorAgent: victim, creditorAgent: 'HDFCINBB' }),
        status: 403,
        slug: 'not-sponsor',
      },
      {
        name: 'COOPINBBXXX sends a payment debiting its sponsor SBININBB',
        key: (fx) => fx.net.keys.COOPINBBXXX!,
        allowed: (fx) => fx.net.keys.SBININBB!,
        body: () => ({ endToEndId: 'matrix-foreign', amount: { value: '5.00', currency: 'INR' }, debtorAgent: 'SBININBB', creditorAgent: 'HDFCINBB' }),
        status: 403,
        slug: 'not-sponsor',
      },
    ],
  },
  getPayment: {
    why: 'a payment is seen by its sender, its agents and their sponsors only',
    cases: [
      { name: 'SBININBB tracks a CNY payment between ICBKCNBJ and BKCHCNBJ', key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.net.keys.BKCHCNBJ!, status: 404, slug: 'not-found' },
      {
        name: 'COOPINBBXXX tracks a payment of its sponsor SBININBB to HDFCINBB',
        key: (fx) => fx.net.keys.COOPINBBXXX!,
        allowed: (fx) => fx.net.keys.HDFCINBB!,
        params: (fx) => ({ uetr: fx.inrUetr }),
        status: 404,
        slug: 'not-found',
      },
    ],
  },
  listAccounts: {
    why: '?participant= names whose accounts',
    cases: [
      {
        name: "SBININBB lists AXISINBB's accounts with ?participant=",
        key: (fx) => fx.net.keys.SBININBB!,
        allowed: (fx) => fx.victimKey,
        query: () => ({ participant: victim }),
        status: 404,
        slug: 'not-found',
      },
    ],
  },
  getAccount: { why: 'the account id is another bank’s', cases: accountCases },
  listAccountTransfers: { why: 'the account id is another bank’s', cases: accountCases },
  getAccountStatement: { why: 'the account id is another bank’s', cases: accountCases },
  readInbox: { why: 'no parameter names a participant: the inbox is always the caller’s own (see “the inbox is per participant”)', cases: [] },
  listParticipants: { why: 'the directory is shared; private settings are shown to their owner only (see the directory test)', cases: [] },
  getParticipant: { why: 'the directory is shared; private settings are shown to their owner only (see the directory test)', cases: [] },
  setWebhook: { why: 'the BIC in the path is another participant', cases: webhookCases },
  removeWebhook: { why: 'the BIC in the path is another participant', cases: webhookCases },
  listCurrencies: { why: 'reference data of the whole network', cases: [] },
  requestCancellation: {
    why: 'only the debtor side of a payment may ask to cancel it',
    cases: [
      {
        name: 'SBININBB asks to cancel a CNY payment between ICBKCNBJ and BKCHCNBJ',
        key: (fx) => fx.net.keys.SBININBB!,
        allowed: (fx) => fx.net.keys.ICBKCNBJ!,
        status: 404,
        slug: 'not-found',
      },
      {
        name: 'SBININBB, sponsor of the creditor COOPINBBXXX, asks to cancel HDFCINBB’s payment to it',
        key: (fx) => fx.net.keys.SBININBB!,
        allowed: (fx) => fx.net.keys.HDFCINBB!,
        params: (fx) => ({ uetr: fx.coopUetr }),
        status: 404,
        slug: 'not-found',
      },
    ],
  },
  rejectCancellation: {
    why: 'only the creditor side of a payment may refuse its cancellation',
    cases: [
      {
        name: 'HDFCINBB, the debtor, refuses the cancellation of its own payment to COOPINBBXXX',
        key: (fx) => fx.net.keys.HDFCINBB!,
        allowed: (fx) => fx.net.keys.COOPINBBXXX!,
        params: (fx) => ({ uetr: fx.coopUetr }),
        status: 404,
        slug: 'not-found',
      },
    ],
  },
  returnPayment: {
    why: 'only the creditor side of a payment may return it, from its own liquidity',
    cases: [
      {
        name: 'HDFCINBB, the debtor, “returns” its own payment to COOPINBBXXX to itself',
        key: (fx) => fx.net.keys.HDFCINBB!,
        allowed: (fx) => fx.net.keys.COOPINBBXXX!,
        params: (fx) => ({ uetr: fx.coopUetr }),
        status: 404,
        slug: 'not-found',
      },
    ],
  },
  setIsoVersions: { why: 'the BIC in the path is another participant', cases: webhookCases },
  submitIsoMessage: {
    why: 'a file debits its debtor agents: only they (or their sponsor) may send it; a camt.056 acts on the sender’s own payments only',
    cases: [
      {
        name: 'HDFCINBB sends a pacs.008 debiting AXISINBB',
        key: (fx) => fx.net.keys.HDFCINBB!,
        allowed: (fx) => fx.victimKey,
        body: () => isoPayment(victim, victim, 'HDFCINBB'),
        status: 403,
        slug: 'not-sponsor',
      },
      {
        name: 'COOPINBBXXX sends a pacs.008 debiting its sponsor SBININBB',
        key: (fx) => fx.net.keys.COOPINBBXXX!,
        allowed: (fx) => fx.net.keys.SBININBB!,
        body: () => isoPayment('SBININBB', 'SBININBB', 'HDFCINBB'),
        status: 403,
        slug: 'not-sponsor',
      },
    ],
  },
  readIsoMessages: { why: 'no parameter names a participant: the feed is always the caller’s own inbox (see “the inbox is per participant”)', cases: [] },
  getAccountCamt053: { why: 'the account id is another bank’s', cases: accountCases },
  getSettlement: {
    why: 'a participant reads the settlement of currencies it holds, and sees its own waiting payments only',
    cases: [
      { name: 'SBININBB reads the settlement of CNY, which it does not hold', key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.net.keys.ICBKCNBJ!, params: () => ({ currency: 'CNY' }), status: 404, slug: 'not-found' },
    ],
  },
  getSettlementQueue: {
    why: 'a participant reads the queue of currencies it holds, and only the payments on its debtor side (see settlement.test.ts)',
    cases: [
      { name: 'SBININBB reads the CNY queue, a currency it does not hold', key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.net.keys.ICBKCNBJ!, params: () => ({ currency: 'CNY' }), status: 404, slug: 'not-found' },
    ],
  },
  cancelQueuedPayment: {
    why: 'only the debtor side of a payment may take it back',
    cases: [
      {
        name: 'SBININBB cancels ICBKCNBJ’s queued CNY payment',
        key: (fx) => fx.net.keys.SBININBB!,
        allowed: (fx) => fx.net.keys.ICBKCNBJ!,
        params: (fx) => ({ uetr: fx.queuedCnyUetr }),
        status: 404,
        slug: 'not-found',
      },
      {
        name: 'HDFCINBB, the payee, cancels SBININBB’s queued payment to it',
        key: (fx) => fx.net.keys.HDFCINBB!,
        allowed: (fx) => fx.net.keys.SBININBB!,
        params: (fx) => ({ uetr: fx.queuedInrUetr }),
        status: 404,
        slug: 'not-found',
      },
    ],
  },
  listSettlementWindows: {
    why: 'a participant reads the windows of currencies it holds, its own row of each report only',
    cases: [
      { name: 'SBININBB reads the windows of EUR, which it does not hold', key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.operatorKey, params: () => ({ currency: 'EUR' }), status: 404, slug: 'not-found' },
    ],
  },
  getSettlementWindow: {
    why: 'a participant reads the windows of currencies it holds, its own row of each report only',
    cases: [
      {
        name: 'SBININBB reads window 1 of EUR, which it does not hold',
        key: (fx) => fx.net.keys.SBININBB!,
        allowed: (fx) => fx.operatorKey,
        params: () => ({ currency: 'EUR', windowId: '1' }),
        status: 404,
        slug: 'not-found',
      },
    ],
  },
  getUrgentReserve: { why: 'the BIC in the path is another participant', cases: reserveCases },
  setUrgentReserve: { why: 'the BIC in the path is another participant: only it (or the operator) reserves its liquidity', cases: reserveCases },
  listFxQuotes: { why: 'public quotes are shared; a restricted quote is shown only to the participants it is offered to, each with its own price (see fx.test.ts)', cases: [] },
  getFxPolicy: { why: 'the operator’s policy is the whole network’s', cases: [] },
  postFxQuote: { why: 'a quote is the caller’s own: no parameter names a provider; a bank is refused (403)', cases: [{ name: 'SBININBB, a bank, posts a quote', key: (fx) => fx.net.keys.SBININBB!, allowed: (fx) => fx.providerKey, status: 403, slug: 'forbidden' }] },
  replaceFxQuote: {
    why: 'the quote in the path is a provider’s own; a bank is refused, another provider finds no quote of its own under that id (fx_quote_unknown, core tests)',
    cases: [{ name: 'ICBKCNBJ, a bank, replaces FXPRSGSG’s quote', key: (fx) => fx.net.keys.ICBKCNBJ!, allowed: (fx) => fx.providerKey, params: () => ({ quoteId: 'MATRIX-2' }), status: 403, slug: 'forbidden' }],
  },
  withdrawFxQuote: {
    why: 'the quote in the path is a provider’s own',
    cases: [{ name: 'ICBKCNBJ, a bank, withdraws FXPRSGSG’s quote', key: (fx) => fx.net.keys.ICBKCNBJ!, allowed: (fx) => fx.providerKey, params: () => ({ quoteId: 'MATRIX-2' }), status: 403, slug: 'forbidden' }],
  },
  moveFxInventory: { why: 'a provider moves its own inventory only: no parameter names another', cases: [{ name: 'AXISINBB, a bank, moves inventory', key: (fx) => fx.victimKey, allowed: (fx) => fx.providerKey, status: 403, slug: 'forbidden' }] },
  getFxRoute: {
    why: 'a held route is seen by the participant that held it only',
    cases: [{ name: 'HDFCINBB reads a route SBININBB holds', key: (fx) => fx.net.keys.HDFCINBB!, allowed: (fx) => fx.net.keys.SBININBB!, params: (fx) => ({ routeId: fx.ownRouteId }), status: 404, slug: 'not-found' }],
  },
  holdFxRoute: { why: 'a route is held for the caller; another participant cannot use it (see fx.test.ts, “a route id held by another participant”)', cases: [] },
  sendFxPayment: {
    why: 'a payment debits the debtor agent: only it (or its sponsor) may send one',
    cases: [
      {
        name: 'HDFCINBB sends an FX payment debiting AXISINBB',
        key: (fx) => fx.net.keys.HDFCINBB!,
        allowed: (fx) => fx.victimKey,
        body: () => ({ send: { value: '11.70', currency: 'INR' }, targetCurrency: 'CNY', endToEndId: 'matrix-fx-foreign', debtorAgent: victim, creditorAgent: 'ICBKCNBJ' }),
        status: 403,
        slug: 'not-sponsor',
      },
    ],
  },
  moveFunds: {
    why: 'only the operator or the settlement agent of the currency moves funds',
    cases: [
      { name: 'HDFCINBB moves INR into AXISINBB', key: (fx) => fx.net.keys.HDFCINBB!, allowed: (fx) => fx.net.keys.RBISINBB!, status: 403, slug: 'forbidden' },
      { name: 'AXISINBB funds itself', key: (fx) => fx.victimKey, allowed: (fx) => fx.net.keys.RBISINBB!, status: 403, slug: 'forbidden' },
      {
        name: 'RBISINBB, settlement agent of INR, moves CNY into ICBKCNBJ',
        key: (fx) => fx.net.keys.RBISINBB!,
        allowed: (fx) => fx.operatorKey,
        body: () => ({ direction: 'in', participant: 'ICBKCNBJ', amount: { value: '100.00', currency: 'CNY' }, reference: 'matrix-cny' }),
        status: 403,
        slug: 'forbidden',
      },
    ],
  },
};

function foreignRequest(route: RouteSpec, fx: Fixture, c: ForeignCase): Request {
  return requestFor(route, fx, {
    ...(c.params === undefined ? {} : { params: c.params(fx) }),
    ...(c.query === undefined ? {} : { query: c.query(fx) }),
    ...(c.body === undefined ? {} : { body: c.body(fx) }),
  });
}

const label = (route: RouteSpec) => `${route.method} ${route.path} (${route.operationId}, ${route.access})`;

describe('the route table', () => {
  it('has the routes this matrix is about, each with a known access', () => {
    assert.ok(allRoutes.length >= 20, `only ${allRoutes.length} routes`);
    for (const route of allRoutes) assert.ok(['operator', 'participant', 'any', 'public', 'officer'].includes(route.access), label(route));
    const ids = allRoutes.map((r) => r.operationId);
    assert.equal(new Set(ids).size, ids.length, 'operation ids are unique');
    assert.ok(allRoutes.some((r) => r.access === 'operator') && allRoutes.some((r) => r.access === 'participant') && allRoutes.some((r) => r.access === 'any'));
  });

  it('every route a participant may call is classified for foreign access, and nothing else is', () => {
    const reachable = allRoutes.filter((r) => r.access === 'participant' || r.access === 'any').map((r) => r.operationId);
    assert.deepEqual(reachable.filter((id) => scoped[id] === undefined), [], 'classify these routes in `scoped`');
    assert.deepEqual(Object.keys(scoped).filter((id) => !reachable.includes(id)), [], 'stale entries in `scoped`');
  });

  it('every path parameter has a test value', () => {
    const names = new Set(allRoutes.flatMap((r) => pathParams(r.path)));
    assert.ok(names.size >= 5);
    const known = { uetr: 'x', accountId: 'x', bic: 'x', keyId: 'x', currency: 'x', windowId: 'x', listId: 'x', version: 'x', officer: 'x', quoteId: 'x', routeId: 'x' };
    for (const name of names) assert.ok(name in known, `no value for {${name}}`);
  });
});

describe('auth matrix: every route, every kind of bad key', () => {
  let node: TestNode;
  let fx: Fixture;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    fx = await buildFixture(node);
  });
  after(async () => {
    await node.dispose();
  });

  it('the keys of the fixture work (so the refusals below are about the key)', async () => {
    await expectStatus(200, call(node, 'GET', '/v1/accounts', { key: fx.net.keys.SBININBB! }));
    await expectStatus(200, call(node, 'GET', '/v1/accounts', { key: fx.victimKey }));
    await expectStatus(200, call(node, 'GET', '/v1/accounts', { key: fx.operatorKey }));
  });

  for (const route of allRoutes) {
    describe(label(route), () => {
      if (route.access === 'public') {
        it('answers without a key', async () => {
          const answer = await send(node, requestFor(route, fx), null);
          assert.notEqual(answer.status, 401);
        });
        return;
      }

      it('no Authorization header: 401 unauthorized', async () => {
        await expectRefused(node, requestFor(route, fx), null, 401, 'unauthorized');
      });

      it('malformed keys and schemes: 401 unauthorized', async () => {
        const sbi = fx.net.keys.SBININBB!;
        const operator = fx.operatorKey;
        const malformed = [
          'Bearer not-a-key',
          'Bearer ',
          'Bearer',
          `Bearer ${sbi}x`,
          `Bearer ${sbi.slice(0, -1)}`,
          `Bearer ${sbi.replace('.', ':')}`,
          `Bearer ${operator}${'A'.repeat(200)}`,
          `Bearer ${sbi} ${sbi}`,
          sbi,
          operator,
          `Basic ${Buffer.from(`${operator}:`).toString('base64')}`,
          `Token ${operator}`,
        ];
        for (const authorization of malformed) await expectRefused(node, requestFor(route, fx), authorization, 401, 'unauthorized');
      });

      it('well-formed but unknown keys: 401 unauthorized', async () => {
        const secret = 'A'.repeat(43);
        const unknown = [
          `ZZZZZZZZ00000000.${secret}`,
          // A real key id with a secret of the right shape that is not its own.
          `${keyIdOfKey(fx.net.keys.SBININBB!)}.${secret}`,
          `${keyIdOfKey(fx.victimKey)}.${fx.net.keys.SBININBB!.split('.')[1]!}`,
          `operator.${secret}`,
        ];
        for (const key of unknown) await expectRefused(node, requestFor(route, fx), bearer(key), 401, 'unauthorized');
      });

      it('a revoked key: 401 unauthorized', async () => {
        await expectRefused(node, requestFor(route, fx), bearer(fx.revokedKey), 401, 'unauthorized');
      });

      if (route.access === 'operator') {
        it('participant keys, on their own or on another participant’s resources: 403 forbidden', async () => {
          await expectRefused(node, requestFor(route, fx, { params: ownParams(fx, 'SBININBB') }), bearer(fx.net.keys.SBININBB!), 403, 'forbidden');
          await expectRefused(node, requestFor(route, fx, { params: ownParams(fx, 'RBISINBB') }), bearer(fx.net.keys.RBISINBB!), 403, 'forbidden');
          await expectRefused(node, requestFor(route, fx), bearer(fx.victimKey), 403, 'forbidden');
          await expectRefused(node, requestFor(route, fx), bearer(fx.net.keys.HDFCINBB!), 403, 'forbidden');
        });
      }

      if (route.access === 'officer') {
        it('participant and operator keys on a compliance officer’s route: 403 forbidden', async () => {
          await expectRefused(node, requestFor(route, fx), bearer(fx.net.keys.SBININBB!), 403, 'forbidden');
          await expectRefused(node, requestFor(route, fx), bearer(fx.victimKey), 403, 'forbidden');
          await expectRefused(node, requestFor(route, fx), bearer(fx.operatorKey), 403, 'forbidden');
        });
        it('a revoked officer key: 401 unauthorized', async () => {
          await expectRefused(node, requestFor(route, fx), bearer(fx.revokedOfficerKey), 401, 'unauthorized');
        });
      } else {
        it('a compliance officer’s key: 403 forbidden (an officer moves no money and sees nothing else)', async () => {
          await expectRefused(node, requestFor(route, fx), bearer(fx.officerKey), 403, 'forbidden');
        });
      }

      if (route.access === 'participant') {
        it('the operator key on a participant-only route: 403 forbidden', async () => {
          await expectRefused(node, requestFor(route, fx), bearer(fx.operatorKey), 403, 'forbidden');
        });
      }

      for (const c of scoped[route.operationId]?.cases ?? []) {
        it(`another participant's resource: ${c.name}: ${c.status} ${c.slug}`, c.todo === undefined ? {} : { todo: c.todo }, async () => {
          await expectRefused(node, foreignRequest(route, fx, c), bearer(c.key(fx)), c.status, c.slug);
        });
      }
    });
  }
});

describe('auth matrix, positive control: the same requests succeed with a key that may make them', () => {
  let node: TestNode;
  let fx: Fixture;

  before(async () => {
    node = await startTestNode({ webhooks: false });
    fx = await buildFixture(node);
  });
  after(async () => {
    await node.dispose();
  });

  // In route-table order on one node: suspension is lifted by the route that follows it.
  for (const route of allRoutes) {
    if (route.access === 'public') continue;
    const who = route.access === 'officer' ? 'a compliance officer' : route.access !== 'participant' ? 'the operator' : providerRoutes.has(route.operationId) ? fxProvider : 'SBININBB';
    it(`${label(route)} as ${who}`, async () => {
      const key = route.access === 'officer' ? fx.officerKey : route.access !== 'participant' ? fx.operatorKey : providerRoutes.has(route.operationId) ? fx.providerKey : fx.net.keys.SBININBB!;
      const params = positiveParams(fx)[route.operationId];
      const request = requestFor(route, fx, params === undefined ? {} : { params });
      if (route.streams === true) {
        // An event stream never ends: its status and media type are the answer, then it is dropped.
        const controller = new AbortController();
        const response = await fetch(node.url + request.path, { method: request.method, headers: { ...request.headers, authorization: bearer(key) }, signal: controller.signal });
        controller.abort();
        assert.equal(response.status, 200);
        assert.match(response.headers.get('content-type') ?? '', /^text\/event-stream/);
        return;
      }
      const answer = await send(node, request, bearer(key));
      assert.ok(answer.status >= 200 && answer.status < 300, `${answer.status}: ${JSON.stringify(answer.body)}`);
    });
    for (const c of scoped[route.operationId]?.cases ?? []) {
      it(`${route.operationId}: ${c.name}, done by one who may`, async () => {
        const answer = await send(node, foreignRequest(route, fx, c), bearer(c.allowed(fx)));
        assert.ok(answer.status >= 200 && answer.status < 300, `${answer.status}: ${JSON.stringify(answer.body)}`);
      });
    }
  }
});

describe('what a participant sees', () => {
  let node: TestNode;
  let fx: Fixture;
  const banks: readonly (readonly [string, string])[] = [
    ['SBININBB', 'INR'],
    ['HDFCINBB', 'INR'],
    ['ICBKCNBJ', 'CNY'],
    ['BKCHCNBJ', 'CNY'],
  ];

  before(async () => {
    node = await startTestNode({ webhooks: false });
    fx = await buildFixture(node);
  });
  after(async () => {
    await node.dispose();
  });

  const keyOf = (bic: string) => (bic === victim ? fx.victimKey : fx.net.keys[bic]!);

  it('GET /v1/accounts lists exactly the caller’s own settlement accounts', async () => {
    await expectUnchanged(node, async () => {
      for (const [bic, currency] of [...banks, [victim, 'INR'] as const]) {
        const { accounts } = await expectStatus<{ accounts: { id: string; participant: string; currency: string }[] }>(200, call(node, 'GET', '/v1/accounts', { key: keyOf(bic) }));
        const expected = bic === victim ? fx.victimAccount : fx.net.accounts[`${bic} ${currency}`];
        assert.deepEqual(
          accounts.map((a) => [a.id, a.participant, a.currency]),
          [[expected, bic, currency]],
          bic,
        );
      }
      for (const bic of ['COOPINBBXXX', 'RBISINBB']) {
        const { accounts } = await expectStatus<{ accounts: unknown[] }>(200, call(node, 'GET', '/v1/accounts', { key: keyOf(bic) }));
        assert.deepEqual(accounts, [], `${bic} holds no settlement account`);
      }
      const all = await expectStatus<{ accounts: { id: string }[] }>(200, call(node, 'GET', '/v1/accounts', { key: fx.operatorKey }));
      const ids = all.accounts.map((a) => a.id);
      for (const id of [...Object.values(fx.net.accounts), fx.victimAccount]) assert.ok(ids.includes(id), `the operator sees ${id}`);
    });
  });

  it('?participant= is the caller’s own BIC or 404, for every participant key', async () => {
    const bics = ['SBININBB', 'HDFCINBB', 'ICBKCNBJ', 'BKCHCNBJ', 'COOPINBBXXX', 'RBISINBB', victim];
    await expectUnchanged(node, async () => {
      for (const bic of bics) {
        await expectStatus(200, call(node, 'GET', `/v1/accounts?participant=${bic}`, { key: keyOf(bic) }));
        for (const other of bics.filter((b) => b !== bic)) {
          expectProblem(await call(node, 'GET', `/v1/accounts?participant=${other}`, { key: keyOf(bic) }), 404, 'not-found');
        }
        // A BIC that does not exist reads the same as one that is not yours: no probing the directory this way.
        expectProblem(await call(node, 'GET', '/v1/accounts?participant=ZZZZINBB', { key: keyOf(bic) }), 404, 'not-found');
      }
    });
  });

  it('every participant key reads another bank’s accounts as 404, by id, transfers and statement', async () => {
    const owned: [string, string][] = [...banks.map(([bic, currency]) => [bic, fx.net.accounts[`${bic} ${currency}`]!] as [string, string]), [victim, fx.victimAccount]];
    await expectUnchanged(node, async () => {
      for (const reader of [...owned.map(([bic]) => bic), 'COOPINBBXXX', 'RBISINBB']) {
        for (const [owner, id] of owned) {
          const paths = [`/v1/accounts/${id}`, `/v1/accounts/${id}/transfers`, `/v1/accounts/${id}/statement?from=${fx.from}&to=${fx.to}`];
          for (const path of paths) {
            const answer = await call(node, 'GET', path, { key: keyOf(reader) });
            if (reader === owner) assert.equal(answer.status, 200, path);
            else expectProblem(answer, 404, 'not-found');
          }
        }
      }
    });
  });

  it('the inbox is per participant: each key reads the events of its own participant’s payments only', async () => {
    const uetrsOf = async (key: string): Promise<string[]> => {
      const page = await expectStatus<{ events: { payment: { uetr: string } | null }[] }>(200, call(node, 'GET', '/v1/inbox', { key }));
      return [...new Set(page.events.flatMap((e) => (e.payment === null ? [] : [e.payment.uetr])))].sort();
    };
    // A queued payment is told to its debtor side only: its payee hears of it when it settles.
    const expected: Record<string, string[]> = {
      SBININBB: [fx.inrUetr, fx.coopUetr, fx.queuedInrUetr],
      HDFCINBB: [fx.inrUetr, fx.coopUetr],
      COOPINBBXXX: [fx.coopUetr],
      ICBKCNBJ: [fx.cnyUetr, fx.queuedCnyUetr],
      BKCHCNBJ: [fx.cnyUetr],
      RBISINBB: [],
      [victim]: [],
    };
    await expectUnchanged(node, async () => {
      for (const [bic, uetrs] of Object.entries(expected)) assert.deepEqual(await uetrsOf(keyOf(bic)), [...uetrs].sort(), bic);
      // Two keys of one participant read one inbox.
      const first = await expectStatus<unknown>(200, call(node, 'GET', '/v1/inbox', { key: fx.net.keys.HDFCINBB! }));
      const second = await expectStatus<unknown>(200, call(node, 'GET', '/v1/inbox', { key: fx.hdfcSecondKey }));
      assert.deepEqual(second, first);
    });
  });

  it('the directory shows other participants without their private settings, and never a webhook secret', async () => {
    await expectUnchanged(node, async () => {
      const foreign = await expectStatus<Record<string, unknown>>(200, call(node, 'GET', `/v1/participants/${victim}`, { key: fx.net.keys.SBININBB! }));
      assert.equal(foreign.bic, victim);
      for (const field of ['webhook', 'suspended', 'joinedAt']) assert.equal(field in foreign, false, `${field} shown to another participant`);
      const own = await expectStatus<{ webhook: { url: string } | null }>(200, call(node, 'GET', `/v1/participants/${victim}`, { key: fx.victimKey }));
      assert.deepEqual(own.webhook, { url: victimWebhook.url });
      const list = await expectStatus<{ participants: Record<string, unknown>[] }>(200, call(node, 'GET', '/v1/participants', { key: fx.net.keys.SBININBB! }));
      assert.deepEqual(
        list.participants.filter((p) => 'webhook' in p).map((p) => p.bic),
        ['SBININBB'],
      );
      const byOperator = await call(node, 'GET', '/v1/participants', { key: fx.operatorKey });
      const texts = [JSON.stringify(foreign), JSON.stringify(own), JSON.stringify(list), JSON.stringify(byOperator.body)];
      for (const text of texts) assert.equal(text.includes(victimWebhook.secret), false, 'the webhook secret leaked');
      assert.ok(JSON.stringify(byOperator.body).includes(victimWebhook.url));
    });
  });

  it('revoking one key leaves the participant’s other keys working', async () => {
    expectProblem(await call(node, 'GET', '/v1/accounts', { key: fx.revokedKey }), 401, 'unauthorized');
    await expectStatus(200, call(node, 'GET', '/v1/accounts', { key: fx.net.keys.SBININBB! }));
  });
});
