/**
 * FX over HTTP: providers manage firm quotes and their inventory; anyone reads live quotes and
 * the policy; the operator sets the policy; a participant holds a route (its price held for a
 * stated number of seconds) and sends cross-currency payments, settled payment-versus-payment.
 * Refusals the durable state already shows are answered without journaling anything; the
 * state machine checks the same again when it applies the command.
 */
import { createHash, randomUUID } from 'node:crypto';
import { Type, type Static } from '@sinclair/typebox';
import { postQuote, replaceQuote, type RouteMode } from '../../core/fx/index.js';
import { fxPaymentRefusal, priceRequest } from '../../core/network/apply-fx-payment.js';
import { fxPolicyRefusal, providerRefusal, quoteTerms } from '../../core/network/apply-fx-quotes.js';
import { fxNetworkResults } from '../../core/network/fx-results.js';
import { fxPolicyOf, routeHoldSecondsMax } from '../../core/network/fx-state.js';
import type { FxPolicyRecord, FxQuoteInput as FxQuoteCommandInput, FxRouteRequest, PostFxQuoteCommand, SubmitFxPaymentCommand } from '../../core/network/fx-types.js';
import { fxInventoryAccountId } from '../../core/network/ids.js';
import type { NetworkResult } from '../../core/network/results.js';
import type { NodeState } from '../../core/network/state.js';
import { idempotencyKeyLengthMax, textOk } from '../../core/network/text-rules.js';
import { FxInventory, FxInventoryInput, FxPaymentInput, FxPolicy, FxQuote, FxQuoteInput, FxQuoteList, FxQuoteReplaceInput, FxRoute, FxRouteInput, QuoteId } from '../fx-schemas.js';
import { quoteView, routeView } from '../fx-views.js';
import { ProblemError } from '../problems.js';
import { resultProblem } from '../result-problems.js';
import type { Principal, RouteSpec } from '../route.js';
import { Payment, type ScreenedPartiesInput } from '../schemas.js';
import type { Services } from '../services.js';
import { amountView, paymentView } from '../views.js';
import { parseAmount, parseAmountIn, submitNetwork } from './common.js';
import { partiesOf } from './parties.js';

const strict = { additionalProperties: false } as const;
const QuoteParams = Type.Object({ quoteId: QuoteId }, strict);

function nodeState(services: Services): NodeState {
  return { ledger: services.node.state, network: services.node.network };
}

/** The calling participant, which must be an FX provider (403 otherwise). */
function providerOf(principal: Principal, services: Services): string {
  if (principal.kind !== 'participant') throw new ProblemError('forbidden', 'only an FX provider manages quotes and inventory');
  if (services.node.network.participants.get(principal.bic)?.roles.includes('fx_provider') !== true) throw new ProblemError('forbidden', `${principal.bic} does not have the fx_provider role`);
  return principal.bic;
}

function bankOf(principal: Principal): string {
  if (principal.kind !== 'participant') throw new ProblemError('forbidden', 'only a participant routes and sends payments');
  return principal.bic;
}

type QuoteBody = { base: string; counter: string; bid?: string | null; ask?: string | null; sizeMin: string; sizeMax: string; ttlSeconds: number; participants?: { participant: string; bid?: string | null; ask?: string | null }[] | null };

function quoteInput(services: Services, id: string, body: QuoteBody): FxQuoteCommandInput {
  const network = services.node.network;
  for (const code of [body.base, body.counter]) if (!network.currencies.has(code)) throw resultProblem('currency_unknown', code);
  const exponent = network.currencies.get(body.base)!.exponent;
  return {
    id,
    base: body.base,
    counter: body.counter,
    bid: body.bid ?? null,
    ask: body.ask ?? null,
    sizeMinMinor: parseAmountIn(exponent, body.sizeMin, `sizeMin in ${body.base}`, true),
    sizeMaxMinor: parseAmountIn(exponent, body.sizeMax, `sizeMax in ${body.base}`, true),
    expiresAtMs: Date.now() + body.ttlSeconds * 1000,
    participants: body.participants?.map((p) => ({ participant: p.participant, bid: p.bid ?? null, ask: p.ask ?? null })) ?? null,
  };
}

/** Judges a quote command on durable state with the FX core, for a precise problem; then journals it. */
async function submitQuote(services: Services, command: PostFxQuoteCommand): Promise<void> {
  await services.node.readBarrier();
  const state = nodeState(services);
  const refusal = providerRefusal(state, command.provider, [command.quote.base, command.quote.counter]);
  if (refusal !== null) throw resultProblem(refusal, `${command.provider} quoting ${command.quote.base}/${command.quote.counter}`);
  const fx = state.network.fx;
  const change = (command.replace ? replaceQuote : postQuote)(fx.book, quoteTerms(command), fxPolicyOf(fx.policy), Date.now());
  if (!change.ok) throw resultProblem(fxNetworkResults[change.result], change.detail);
  await submitNetwork(services, command);
}

function liveQuoteView(services: Services, principal: Principal, id: string) {
  const quote = services.node.network.fx.book.quotes.get(id);
  const view = quote === undefined ? null : quoteView(services.node.network, principal, quote);
  if (view === null) throw new Error(`quote ${id} not in the book after it was accepted`);
  return view;
}

const postFxQuote: RouteSpec = {
  method: 'POST',
  path: '/v1/fx/quotes',
  operationId: 'postFxQuote',
  summary: 'Post a firm quote (FX providers)',
  description:
    'Rates are exact decimals, counter per base: bid (the provider buys base), ask (it sells base), or both; a bid above the ask is refused. The size range is in the base currency and bounds every leg that uses the quote. Optional participants: the quote is offered only to them, each at its own price. Refused: unknown pairs, zero, negative, malformed or absurd rates, prices outside the operator’s reference band, quotes that would close an arbitrage cycle.',
  tag: 'fx',
  access: 'participant',
  body: FxQuoteInput,
  responses: { 201: FxQuote },
  problems: [409, 422],
  async handler({ principal, body, services }) {
    const provider = providerOf(principal, services);
    const input = body as QuoteBody & { id: string };
    const command: PostFxQuoteCommand = { type: 'post_fx_quote', provider, replace: false, quote: quoteInput(services, input.id, input) };
    await submitQuote(services, command);
    return { status: 201, body: liveQuoteView(services, principal, input.id), headers: { location: `/v1/fx/quotes/${input.id}` } };
  },
};

const replaceFxQuote: RouteSpec = {
  method: 'PUT',
  path: '/v1/fx/quotes/{quoteId}',
  operationId: 'replaceFxQuote',
  summary: 'Replace a live quote of one’s own: new price, size and expiry, same pair (FX providers)',
  tag: 'fx',
  access: 'participant',
  params: QuoteParams,
  body: FxQuoteReplaceInput,
  responses: { 200: FxQuote },
  problems: [404, 409, 422],
  async handler({ principal, params, body, services }) {
    const provider = providerOf(principal, services);
    const command: PostFxQuoteCommand = { type: 'post_fx_quote', provider, replace: true, quote: quoteInput(services, params.quoteId!, body as QuoteBody) };
    await submitQuote(services, command);
    return { status: 200, body: liveQuoteView(services, principal, params.quoteId!) };
  },
};

const withdrawFxQuote: RouteSpec = {
  method: 'DELETE',
  path: '/v1/fx/quotes/{quoteId}',
  operationId: 'withdrawFxQuote',
  summary: 'Withdraw a live quote of one’s own at once (FX providers)',
  description: 'Routes already held at its price keep their price until their hold ends.',
  tag: 'fx',
  access: 'participant',
  params: QuoteParams,
  responses: { 204: null },
  problems: [404, 409],
  async handler({ principal, params, services }) {
    const provider = providerOf(principal, services);
    await services.node.readBarrier();
    const quote = services.node.network.fx.book.quotes.get(params.quoteId!);
    if (quote === undefined || quote.provider !== provider) throw resultProblem('fx_quote_unknown', params.quoteId);
    await submitNetwork(services, { type: 'withdraw_fx_quote', provider, quoteId: params.quoteId! });
    return { status: 204 };
  },
};

const listFxQuotes: RouteSpec = {
  method: 'GET',
  path: '/v1/fx/quotes',
  operationId: 'listFxQuotes',
  summary: 'Live quotes: public ones, those offered to the caller (at its own price), and a provider’s own',
  tag: 'fx',
  access: 'any',
  query: Type.Object({ base: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })), counter: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })), provider: Type.Optional(Type.String({ maxLength: 11 })) }, strict),
  responses: { 200: FxQuoteList },
  async handler({ principal, query, services }) {
    await services.node.readBarrier();
    const network = services.node.network;
    const now = Date.now();
    const quotes = [];
    for (const quote of network.fx.book.quotes.values()) {
      if (now >= quote.expiresAtMs) continue;
      if ((query.base !== undefined && quote.base !== query.base) || (query.counter !== undefined && quote.counter !== query.counter) || (query.provider !== undefined && quote.provider !== query.provider)) continue;
      const view = quoteView(network, principal, quote);
      if (view !== null) quotes.push(view);
    }
    return { status: 200, body: { quotes } };
  },
};

const getFxPolicy: RouteSpec = {
  method: 'GET',
  path: '/v1/fx/policy',
  operationId: 'getFxPolicy',
  summary: 'The operator’s FX policy: reference rates and band, pairs allowed, vehicle currencies excluded, hops',
  tag: 'fx',
  access: 'any',
  responses: { 200: FxPolicy },
  async handler({ services }) {
    await services.node.readBarrier();
    return { status: 200, body: services.node.network.fx.policy };
  },
};

const setFxPolicy: RouteSpec = {
  method: 'PUT',
  path: '/v1/fx/policy',
  operationId: 'setFxPolicy',
  summary: 'Replace the FX policy (operator)',
  description: 'Takes effect on quotes already posted too: routes use only quotes within the current pairs and band.',
  tag: 'fx',
  access: 'operator',
  body: FxPolicy,
  responses: { 200: FxPolicy },
  problems: [422],
  async handler({ body, services }) {
    const policy = body as FxPolicyRecord;
    await services.node.readBarrier();
    const refusal = fxPolicyRefusal(nodeState(services), policy);
    if (refusal !== null) throw resultProblem(refusal);
    await submitNetwork(services, { type: 'set_fx_policy', policy });
    return { status: 200, body: services.node.network.fx.policy };
  },
};

const moveFxInventory: RouteSpec = {
  method: 'POST',
  path: '/v1/fx/inventory',
  operationId: 'moveFxInventory',
  summary: 'Move money between one’s settlement account and one’s FX inventory of a currency (FX providers)',
  description: 'in: from the settlement account (its own balance, never its credit line) into the inventory the provider’s FX legs draw on; out: back. Idempotent by reference.',
  tag: 'fx',
  access: 'participant',
  body: FxInventoryInput,
  responses: { 201: FxInventory, 200: FxInventory },
  problems: [409, 422],
  async handler({ principal, body, services }) {
    const provider = providerOf(principal, services);
    const input = body as { direction: 'in' | 'out'; amount: { value: string; currency: string }; reference: string };
    const network = services.node.network;
    const amount = parseAmount(network, input.amount);
    const result = await submitNetwork(services, { type: 'move_fx_inventory', bic: provider, currency: input.amount.currency, direction: input.direction, amount, reference: input.reference });
    const accountId = fxInventoryAccountId(provider, input.amount.currency);
    const account = services.node.state.accounts.get(accountId)!;
    return {
      status: result === 'accepted' ? 201 : 200,
      body: { reference: input.reference, direction: input.direction, participant: provider, amount: amountView(network, input.amount.currency, amount), inventory: amountView(network, input.amount.currency, account.creditsPosted - account.debitsPosted), accountId },
    };
  },
};

type SidesBody = { send?: { value: string; currency: string }; deliver?: { value: string; currency: string }; sourceCurrency?: string; targetCurrency?: string };

/** send X of A to B, or deliver Y of B from A: exactly one, with the other currency named. */
function routeRequest(services: Services, body: SidesBody): FxRouteRequest {
  const network = services.node.network;
  if ((body.send === undefined) === (body.deliver === undefined)) throw new ProblemError('invalid-request', 'give exactly one of send and deliver');
  const mode: RouteMode = body.send !== undefined ? 'send' : 'deliver';
  const fixed = (body.send ?? body.deliver)!;
  const other = mode === 'send' ? body.targetCurrency : body.sourceCurrency;
  const named = mode === 'send' ? body.sourceCurrency : body.targetCurrency;
  if (other === undefined) throw new ProblemError('invalid-request', mode === 'send' ? 'with send, name targetCurrency' : 'with deliver, name sourceCurrency');
  if (named !== undefined && named !== fixed.currency) throw new ProblemError('invalid-request', `${mode} is in ${fixed.currency}, not ${named}`);
  if (!network.currencies.has(other)) throw resultProblem('currency_unknown', other);
  const amount = parseAmount(network, fixed, mode);
  return mode === 'send' ? { mode, sourceCurrency: fixed.currency, targetCurrency: other, amount } : { mode, sourceCurrency: other, targetCurrency: fixed.currency, amount };
}

function refusalProblem(result: NetworkResult, detail: string): ProblemError {
  return resultProblem(result, detail);
}

const holdFxRoute: RouteSpec = {
  method: 'POST',
  path: '/v1/fx/routes',
  operationId: 'holdFxRoute',
  summary: 'Find the best route for “send X of A” or “deliver Y of B”, and hold its price',
  description:
    'Best: for send, the most delivered; for deliver, the least sent, on exact rounded amounts, over direct pairs and chains of pairs within the policy’s hops. The price is held for holdSeconds (default 30, at most 300), never beyond its quotes’ expiry; a payment then names the routeId. Only the participant that held it may use it, once. No inventory is reserved.',
  tag: 'fx',
  access: 'participant',
  body: FxRouteInput,
  responses: { 201: FxRoute },
  problems: [422],
  async handler({ principal, body, services }) {
    const participant = bankOf(principal);
    const input = body as SidesBody & { holdSeconds?: number };
    const request = routeRequest(services, input);
    const holdSeconds = input.holdSeconds ?? 30;
    if (holdSeconds > routeHoldSecondsMax) throw resultProblem('fx_hold_invalid');
    await services.node.readBarrier();
    const state = nodeState(services);
    if (request.sourceCurrency === request.targetCurrency) throw resultProblem('fx_same_currency');
    const priced = priceRequest(state, participant, request, Date.now());
    if (!priced.ok) throw refusalProblem(priced.result, priced.detail);
    const routeId = randomUUID();
    await submitNetwork(services, { type: 'hold_fx_route', participant, routeId, holdSeconds, ...request });
    return { status: 201, body: routeView(services.node.network, services.node.network.fx.routes.get(routeId)!), headers: { location: `/v1/fx/routes/${routeId}` } };
  },
};

const getFxRoute: RouteSpec = {
  method: 'GET',
  path: '/v1/fx/routes/{routeId}',
  operationId: 'getFxRoute',
  summary: 'A route held for the caller: its price, legs, how long it is held and the payment that used it',
  description: 'Only the participant that held a route sees it: any other caller gets 404, as for a route never held. Ended routes are forgotten at the latest 300 s after they were held.',
  tag: 'fx',
  access: 'participant',
  params: Type.Object({ routeId: Type.String({ maxLength: 36 }) }, strict),
  responses: { 200: FxRoute },
  problems: [404],
  async handler({ principal, params, services }) {
    const participant = bankOf(principal);
    await services.node.readBarrier();
    const route = services.node.network.fx.routes.get(params.routeId!);
    if (route === undefined || route.participant !== participant) throw resultProblem('fx_route_unknown', params.routeId);
    return { status: 200, body: routeView(services.node.network, route) };
  },
};

const sendFxPayment: RouteSpec = {
  method: 'POST',
  path: '/v1/fx/payments',
  operationId: 'sendFxPayment',
  summary: 'Send a cross-currency payment, settled payment-versus-payment',
  description:
    'The debtor agent pays in the source currency, the creditor agent receives the target currency, priced by the held route named (routeId) or routed now. It is screened like a same-currency payment (names, addresses, ultimate parties, agents, remittance): a possible match holds it (status held, PDNG) with nothing moved or reserved, until a compliance officer releases it (it is then priced and settled at that moment, or rejected with the reason it could not) or rejects it. Every leg is posted together in one linked chain, or nothing moves: a provider short of inventory gets the payment recorded as rejected (AM04). A payer short of liquidity: in an rtgs source currency whose FX policy sets queueTimeoutMs, the price is fixed, every provider leg is reserved (pending) and the payer leg waits in the queue (status queued, PDNG) like any normal payment, until liquidity or a gridlock run settles the whole chain, or the sender cancels it (DS02), its wait ends (AB03; AB05 when its quotes or held route expire first) or the day ends (AB03), every reservation then voided; otherwise rejected AM04 at once. The answer is the payment’s status report, with both amounts, the rate and each leg (what each provider gets and gives). 201 for a payment judged now, 200 with the first answer for a retry with the same Idempotency-Key and body.',
  tag: 'fx',
  access: 'participant',
  headers: [{ name: 'Idempotency-Key', required: true, description: 'Up to 128 printable characters, unique per request; a retry reuses it' }],
  body: FxPaymentInput,
  responses: { 200: Payment, 201: Payment },
  problems: [403, 404, 409, 422],
  async handler({ principal, body, request, services }) {
    const sender = bankOf(principal);
    const idempotencyKey = request.headers['idempotency-key'];
    if (typeof idempotencyKey !== 'string' || !textOk(idempotencyKey, idempotencyKeyLengthMax, 1) || idempotencyKey.startsWith('iso20022 ')) {
      throw new ProblemError('invalid-request', `the Idempotency-Key header is required (1 to ${idempotencyKeyLengthMax} printable characters, not starting with "iso20022 ")`);
    }
    const input = body as SidesBody & Static<typeof ScreenedPartiesInput> & { uetr?: string; endToEndId: string; routeId?: string; debtorAgent?: string; creditorAgent: string; debtorName?: string; creditorName?: string; remittanceInformation?: string };
    const network = services.node.network;
    const req = routeRequest(services, input);
    const debtorAgent = input.debtorAgent ?? sender;
    for (const bic of [debtorAgent, input.creditorAgent]) if (!network.participants.has(bic)) throw new ProblemError('unknown-participant', `${bic} is not a participant`);
    const parties = partiesOf(input);
    const canonical = [input.uetr ?? null, input.endToEndId, req.mode, req.sourceCurrency, req.targetCurrency, req.amount.toString(), input.routeId ?? null, debtorAgent, input.creditorAgent, input.debtorName ?? '', input.creditorName ?? '', input.remittanceInformation ?? '', ...(parties === undefined ? [] : [parties])];
    const requestHash = createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
    await services.node.readBarrier();
    const previous = network.idempotencyKeys.get(`${sender}\n${idempotencyKey}`);
    if (previous !== undefined && previous.requestHash !== requestHash) throw resultProblem('idempotency_key_reused');
    if (previous !== undefined) return { status: 200, body: paymentView(network, network.payments.get(previous.uetr)!), headers: { location: `/v1/payments/${previous.uetr}` } };
    if (input.uetr !== undefined && network.payments.has(input.uetr)) throw resultProblem('duplicate_uetr');
    const command: SubmitFxPaymentCommand = {
      type: 'submit_fx_payment',
      sender,
      idempotencyKey,
      requestHash,
      uetr: input.uetr ?? randomUUID(),
      endToEndId: input.endToEndId,
      debtorAgent,
      creditorAgent: input.creditorAgent,
      debtorName: input.debtorName ?? '',
      creditorName: input.creditorName ?? '',
      remittanceInformation: input.remittanceInformation ?? '',
      routeId: input.routeId ?? null,
      ...req,
      ...(parties === undefined ? {} : { parties }),
    };
    const priced = fxPaymentRefusal(nodeState(services), command, Date.now() * 1000);
    if (!priced.ok) throw refusalProblem(priced.result, priced.detail);
    const result = await submitNetwork(services, command, ['accepted', 'already_applied', 'insufficient_funds', 'fx_inventory_insufficient']);
    const record = network.idempotencyKeys.get(`${sender}\n${idempotencyKey}`);
    const payment = record === undefined ? undefined : network.payments.get(record.uetr);
    if (payment === undefined) throw new Error(`fx payment of key ${idempotencyKey} not recorded`);
    services.metrics.payments.inc({ currency: payment.currency, status: payment.status });
    request.log.debug({ event: 'fx_payment', uetr: payment.uetr, status: payment.status, reason: payment.reason, source: payment.currency, target: payment.fx?.targetCurrency, rate: payment.fx?.rate }, 'fx payment judged');
    return { status: result === 'already_applied' ? 200 : 201, body: paymentView(network, payment), headers: { location: `/v1/payments/${payment.uetr}` } };
  },
};

/** Withdrawal last: the auth matrix's positive control walks this table in order on one node. */
export const fxRoutes: readonly RouteSpec[] = [listFxQuotes, getFxPolicy, setFxPolicy, postFxQuote, replaceFxQuote, moveFxInventory, holdFxRoute, getFxRoute, sendFxPayment, withdrawFxQuote];
