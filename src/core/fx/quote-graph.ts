import { assert } from '../assert.js';
import { currencyByCode } from '../money/index.js';
import { priceFor, type Quote, type QuotePrice } from './quote.js';
import { rateRatio, type Rate } from './rate.js';
import { pow10, ratioApprox, ratioCompare, ratioInverse, type Ratio } from './ratio.js';

/**
 * One direction of a quote as a graph edge. `sellsBase`: the payer hands base to the provider and
 * receives counter at the bid; otherwise it hands counter and receives base at the ask. Ratios are in
 * MINOR units out per minor unit in, so conversion is one multiplication and one division.
 */
export interface QuoteEdge {
  readonly quote: Quote;
  readonly from: string;
  readonly to: string;
  readonly sellsBase: boolean;
  /** The best ratio any participant could get from this edge: an optimistic bound for the search. */
  readonly best: Ratio;
  /** `best` as a double, to prune by (never to convert): `approxMargin` in ratio.ts. */
  readonly bestApprox: number;
  /** The quote's expiry, kept beside the edge so a search reads one object per edge it tries. */
  readonly expiresAtMs: number;
  /** For a public quote, its ratio on this side; null for a restricted quote. */
  readonly publicRatio: Ratio | null;
  /** For a restricted quote, each participant's ratio on this side (absent: no price on this side). */
  readonly participantRatios: ReadonlyMap<string, Ratio> | null;
}

function exponentOf(code: string): number {
  const currency = currencyByCode(code);
  assert(currency, `quote currency ${code} is known`);
  return currency.exponent;
}

/**
 * Minor-unit ratio of one side. Bid b (counter per base): out_counter = in_base × b × 10^(eC−eB).
 * Ask a: out_base = in_counter ÷ a × 10^(eB−eC). Common powers of ten are cancelled to keep bigints short.
 */
export function sideRatio(rate: Rate, sellsBase: boolean, baseExponent: number, counterExponent: number): Ratio {
  const major = sellsBase ? rateRatio(rate) : ratioInverse(rateRatio(rate));
  const outExponent = sellsBase ? counterExponent : baseExponent;
  const inExponent = sellsBase ? baseExponent : counterExponent;
  const shift = outExponent - inExponent;
  if (shift >= 0) return reduceTens(major.num * pow10(shift), major.den);
  return reduceTens(major.num, major.den * pow10(-shift));
}

function reduceTens(num: bigint, den: bigint): Ratio {
  let n = num;
  let d = den;
  // Bounded: a rate has at most 12 significant digits, so at most ~40 factors of ten to cancel.
  for (let step = 0; step < 64 && n % 10n === 0n && d % 10n === 0n; step += 1) {
    n /= 10n;
    d /= 10n;
  }
  return { num: n, den: d };
}

/** The minor-unit ratio a given price gives in one direction of the quote, or null when that side is absent. */
export function priceRatio(quote: Quote, price: QuotePrice, sellsBase: boolean): Ratio | null {
  const rate = sellsBase ? price.bid : price.ask;
  if (rate === null) return null;
  return sideRatio(rate, sellsBase, exponentOf(quote.base), exponentOf(quote.counter));
}

/** The ratio `participant` gets on this edge, or null when the quote is not offered to it on this side. */
export function edgeRatioFor(edge: QuoteEdge, participant: string): Ratio | null {
  if (edge.participantRatios === null) return edge.publicRatio;
  return edge.participantRatios.get(participant) ?? null;
}

/** The same through the quote's prices, without the precomputed ratios: the reference for tests. */
export function quoteRatioFor(quote: Quote, participant: string, sellsBase: boolean): Ratio | null {
  const price = priceFor(quote, participant);
  return price === null ? null : priceRatio(quote, price, sellsBase);
}

/** Both directions of a quote that have at least one price, each with its best ratio over all prices. */
export function quoteEdges(quote: Quote): readonly QuoteEdge[] {
  const known = edgesMemo.get(quote);
  if (known !== undefined) return known;
  const edges = buildQuoteEdges(quote);
  edgesMemo.set(quote, edges);
  return edges;
}

/** Quotes are immutable, so their edges are computed once (the book re-checks arbitrage on every post). */
const edgesMemo = new WeakMap<Quote, readonly QuoteEdge[]>();

function buildQuoteEdges(quote: Quote): readonly QuoteEdge[] {
  const edges: QuoteEdge[] = [];
  for (const sellsBase of [true, false]) {
    const publicRatio = quote.participants === null ? priceRatio(quote, quote.price, sellsBase) : null;
    const participantRatios = quote.participants === null ? null : new Map<string, Ratio>();
    let best = publicRatio;
    for (const [participant, price] of quote.participants ?? []) {
      const ratio = priceRatio(quote, price, sellsBase);
      if (ratio === null) continue;
      participantRatios?.set(participant, ratio);
      if (best === null || ratioCompare(ratio, best) > 0) best = ratio;
    }
    if (best === null) continue;
    const [from, to] = sellsBase ? [quote.base, quote.counter] : [quote.counter, quote.base];
    edges.push({ quote, from, to, sellsBase, best, bestApprox: ratioApprox(best), expiresAtMs: quote.expiresAtMs, publicRatio, participantRatios });
  }
  return edges;
}
