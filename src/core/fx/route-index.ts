import { findArbitrageCycle, type ArbitrageCycle } from './arbitrage.js';
import type { QuoteBook } from './book.js';
import { checkPolicy, pairAllowed, withinReferenceBand, type FxPolicy } from './policy.js';
import { quoteEdges, type QuoteEdge } from './quote-graph.js';
import { allPrices, quoteIsLive, type Quote } from './quote.js';
import { ratioCompare, type Ratio } from './ratio.js';
import type { FxFailure } from './result-codes.js';

/**
 * The ways onward from one node of a bound table, best bound first, as parallel arrays (a search
 * reads them in order, so they are kept contiguous). Step i goes to `next[i]`; `bound[i]` is the
 * best conceivable ratio to the endpoint through it (the pair's best ratio × `tail`, the best
 * product onward from `next[i]`); the doubles approximate both, to prune by (ratio.ts, approxMargin).
 */
export interface BoundSteps {
  readonly next: Int32Array;
  readonly bound: readonly Ratio[];
  readonly boundApprox: Float64Array;
  readonly tailApprox: Float64Array;
}

/** table[remainingHops][node]: the steps onward. */
export type BoundTable = readonly (readonly BoundSteps[])[];

/**
 * The book compiled for routing under one policy: live quotes as edges grouped by directed pair,
 * best first. Build it once per book change and route many times; it stays valid at any later time
 * because route searches still check each quote's expiry, and expiry only removes quotes.
 */
export interface RouteIndex {
  readonly policy: FxPolicy;
  readonly builtAtMs: number;
  readonly currencies: readonly string[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** edges[from × n + to], best ratio first, then by quote id. */
  readonly edges: readonly (readonly QuoteEdge[])[];
  /** bestRatio[from × n + to] over every edge and every price, null without an edge. */
  readonly bestRatio: readonly (Ratio | null)[];
  /** By node: a vehicle currency the policy excludes as an intermediate. */
  readonly excluded: readonly boolean[];
  readonly arbitrage: ArbitrageCycle | null;
  readonly policyProblem: FxFailure | null;
  /** Bound tables by endpoint: 2T toward T, 2S + 1 from S (boundTable), computed on first use (a memo; same input, same table). */
  readonly bounds: Map<number, BoundTable>;
}

/** Quotes a route may use under the current policy (a policy may have tightened since they were posted). */
function usable(quote: Quote, policy: FxPolicy, nowMs: number): boolean {
  if (!quoteIsLive(quote, nowMs) || !pairAllowed(policy, quote.base, quote.counter)) return false;
  return allPrices(quote).every((price) =>
    [price.bid, price.ask].every((rate) => rate === null || withinReferenceBand(policy, quote.base, quote.counter, rate)),
  );
}

export function buildRouteIndex(book: QuoteBook, policy: FxPolicy, nowMs: number): RouteIndex {
  const all = [...book.quotes.values()].filter((quote) => usable(quote, policy, nowMs)).flatMap(quoteEdges);
  const currencies = [...new Set(all.flatMap((edge) => [edge.from, edge.to]))].sort();
  const indexOf = new Map(currencies.map((code, i) => [code, i]));
  const n = currencies.length;
  const edges: QuoteEdge[][] = Array.from({ length: n * n }, () => []);
  for (const edge of all) edges[(indexOf.get(edge.from) ?? 0) * n + (indexOf.get(edge.to) ?? 0)]?.push(edge);
  for (const list of edges) list.sort(byBestThenId);
  const bestRatio = edges.map((list) => list[0]?.best ?? null);
  return {
    policy,
    builtAtMs: nowMs,
    currencies,
    indexOf,
    edges,
    bestRatio,
    excluded: currencies.map((code) => policy.vehicleCurrenciesExcluded.has(code)),
    arbitrage: findArbitrageCycle(all),
    policyProblem: checkPolicy(policy),
    bounds: new Map(),
  };
}

function byBestThenId(a: QuoteEdge, b: QuoteEdge): number {
  const byRatio = ratioCompare(b.best, a.best);
  if (byRatio !== 0) return byRatio;
  return a.quote.id < b.quote.id ? -1 : a.quote.id > b.quote.id ? 1 : 0;
}
