import { amountMinorMax, currencyByCode } from '../money/index.js';
import { assert } from '../assert.js';
import type { ArbitrageCycle } from './arbitrage.js';
import { priceFor } from './quote.js';
import { fxFailure, type FxFailure } from './result-codes.js';
import type { RouteIndex } from './route-index.js';
import { searchRoute, type LegChoice, type Rejections } from './route-search.js';

/** "send": amountMinor of the source currency leaves the payer. "deliver": amountMinor of the target reaches the payee. */
export type RouteMode = 'send' | 'deliver';

export interface RouteRequest {
  readonly participant: string;
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  readonly mode: RouteMode;
  readonly amountMinor: bigint;
}

/** One conversion: the provider gets amountInMinor of `from` and gives amountOutMinor of `to`. */
export interface RouteLeg {
  readonly provider: string;
  readonly quoteId: string;
  readonly base: string;
  readonly counter: string;
  /** 'bid': the provider buys base (from = base); 'ask': it sells base (from = counter). */
  readonly side: 'bid' | 'ask';
  /** The rate applied, counter per base, as the provider quoted it to this participant. */
  readonly rate: string;
  readonly from: string;
  readonly to: string;
  readonly amountInMinor: bigint;
  readonly amountOutMinor: bigint;
}

export interface Route {
  readonly participant: string;
  readonly mode: RouteMode;
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  readonly sentMinor: bigint;
  readonly deliveredMinor: bigint;
  readonly legs: readonly RouteLeg[];
}

export type RouteResult = { ok: true; route: Route } | (FxFailure & { cycle?: ArbitrageCycle });

/** The best route for a request at `nowMs`, or why there is none. */
export function findRoute(index: RouteIndex, request: RouteRequest, nowMs: number): RouteResult {
  const refused = checkRequest(index, request);
  if (refused) return refused;
  const source = index.indexOf.get(request.sourceCurrency);
  const target = index.indexOf.get(request.targetCurrency);
  if (source === undefined || target === undefined) {
    return fxFailure('no_route', `no live quote involves ${source === undefined ? request.sourceCurrency : request.targetCurrency}`);
  }
  const forward = request.mode === 'send';
  const outcome = searchRoute(index, request.participant, source, target, request.amountMinor, forward, nowMs);
  if (outcome.stepsExceeded) return fxFailure('route_search_limit', 'the search was cut off; retry with fewer hops');
  if (outcome.legs === null) return explainNoRoute(request, outcome.rejections);
  return { ok: true, route: assemble(request, outcome.legs) };
}

function checkRequest(index: RouteIndex, request: RouteRequest): RouteResult | null {
  if (index.policyProblem) return index.policyProblem;
  if (index.arbitrage) {
    const path = [...index.arbitrage.currencies, index.arbitrage.currencies[0]].join('→');
    return { ...fxFailure('arbitrage_cycle_detected', `cycle ${path} via ${index.arbitrage.quoteIds.join(', ')}`), cycle: index.arbitrage };
  }
  // Source, then target (two calls: no list built per request).
  const unknown = !currencyByCode(request.sourceCurrency) ? request.sourceCurrency : !currencyByCode(request.targetCurrency) ? request.targetCurrency : null;
  if (unknown !== null) return fxFailure('currency_unknown', `currency ${JSON.stringify(unknown)} is unknown`);
  if (request.sourceCurrency === request.targetCurrency) return fxFailure('pair_same_currency', `${request.sourceCurrency} to itself needs no FX`);
  if (request.amountMinor < 1n || request.amountMinor > amountMinorMax) {
    return fxFailure('amount_invalid', `amount ${request.amountMinor} minor units`);
  }
  return null;
}

/** The most actionable reason first: a different amount may work; a later quote may; another participant may. */
function explainNoRoute(request: RouteRequest, rejections: Rejections): FxFailure {
  const between = `${request.sourceCurrency} to ${request.targetCurrency}`;
  // A leg that would round to zero (or past 10^18−1) is a size problem too: the amount does not fit.
  if (rejections.size + rejections.amount > 0) return fxFailure('amount_outside_quote_sizes', `${request.mode} ${request.amountMinor}: no quote from ${between} takes this size`);
  if (rejections.expired > 0) return fxFailure('quotes_expired', `the quotes from ${between} have expired`);
  if (rejections.restricted > 0) return fxFailure('quotes_restricted', `the quotes from ${between} are offered to other participants`);
  return fxFailure('no_route', `no chain of quotes from ${between} fits amount and policy`);
}

function assemble(request: RouteRequest, legs: readonly LegChoice[]): Route {
  const first = legs[0];
  const last = legs[legs.length - 1];
  assert(first && last, 'a route has at least one leg');
  for (let i = 1; i < legs.length; i += 1) {
    assert(legs[i]?.amountInMinor === legs[i - 1]?.amountOutMinor, 'each leg takes in what the previous leg paid out');
  }
  return {
    participant: request.participant,
    mode: request.mode,
    sourceCurrency: request.sourceCurrency,
    targetCurrency: request.targetCurrency,
    sentMinor: first.amountInMinor,
    deliveredMinor: last.amountOutMinor,
    legs: legs.map((leg) => routeLeg(request.participant, leg)),
  };
}

function routeLeg(participant: string, leg: LegChoice): RouteLeg {
  const { quote, sellsBase } = leg.edge;
  const price = priceFor(quote, participant);
  const rate = sellsBase ? price?.bid : price?.ask;
  assert(rate, 'a chosen leg has a price for the participant on its side');
  return {
    provider: quote.provider,
    quoteId: quote.id,
    base: quote.base,
    counter: quote.counter,
    side: sellsBase ? 'bid' : 'ask',
    rate: rate.text,
    from: leg.edge.from,
    to: leg.edge.to,
    amountInMinor: leg.amountInMinor,
    amountOutMinor: leg.amountOutMinor,
  };
}
