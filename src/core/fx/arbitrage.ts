import { assert } from '../assert.js';
import type { QuoteEdge } from './quote-graph.js';
import { ratioCompare, ratioMul, ratioOne, type Ratio } from './ratio.js';

/** A cycle of currencies whose best rates multiply above 1: money would grow by going round it. */
export interface ArbitrageCycle {
  /** The currencies in order; the cycle returns from the last to the first. */
  readonly currencies: readonly string[];
  /** The quote used on each step (step i goes from currencies[i] to currencies[i+1 mod n]). */
  readonly quoteIds: readonly string[];
  /** The product of the step ratios, exactly; always above 1. */
  readonly product: Ratio;
}

interface Step {
  readonly from: number;
  readonly to: number;
  readonly edge: QuoteEdge;
}

/** The best edge of each directed currency pair: a cycle exists over all edges iff it exists over these. */
function bestSteps(edges: readonly QuoteEdge[], indexOf: Map<string, number>): Step[] {
  const best = new Map<string, Step>();
  for (const edge of edges) {
    for (const code of [edge.from, edge.to]) if (!indexOf.has(code)) indexOf.set(code, indexOf.size);
    const key = `${edge.from}>${edge.to}`;
    const current = best.get(key);
    if (current === undefined || ratioCompare(edge.best, current.edge.best) > 0) {
      best.set(key, { from: indexOf.get(edge.from) ?? -1, to: indexOf.get(edge.to) ?? -1, edge });
    }
  }
  return [...best.values()];
}

/**
 * Bellman-Ford on products, exact: start every currency at 1 and relax `dist[to] < dist[from] × ratio`.
 * Without a cycle above 1 it settles within n−1 rounds; a relaxation in round n proves a cycle. Each
 * edge's best ratio over every participant's price is used, so the check errs on the strict side.
 */
export function findArbitrageCycle(edges: readonly QuoteEdge[]): ArbitrageCycle | null {
  const indexOf = new Map<string, number>();
  const steps = bestSteps(edges, indexOf);
  const n = indexOf.size;
  const dist: Ratio[] = Array.from({ length: n }, () => ratioOne);
  const pred: (Step | null)[] = Array.from({ length: n }, () => null);
  let relaxedLast = -1;
  for (let round = 0; round < n; round += 1) {
    relaxedLast = -1;
    for (const step of steps) {
      const candidate = ratioMul(dist[step.from] ?? ratioOne, step.edge.best);
      if (ratioCompare(candidate, dist[step.to] ?? ratioOne) > 0) {
        dist[step.to] = candidate;
        pred[step.to] = step;
        relaxedLast = step.to;
      }
    }
    if (relaxedLast === -1) return null;
  }
  if (relaxedLast === -1) return null; // no currencies at all
  return cycleThrough(relaxedLast, pred, n);
}

/** Walks n predecessors back (which lands inside the cycle), then collects the cycle. */
function cycleThrough(relaxed: number, pred: readonly (Step | null)[], n: number): ArbitrageCycle {
  let start = relaxed;
  for (let i = 0; i < n; i += 1) start = pred[start]?.from ?? start;
  const reversed: Step[] = [];
  let at = start;
  for (let i = 0; i <= n; i += 1) {
    const step = pred[at];
    assert(step, 'every vertex on a relaxing cycle has a predecessor');
    reversed.push(step);
    at = step.from;
    if (at === start) break;
  }
  assert(at === start, 'the predecessor walk closes a cycle');
  const ordered = reversed.reverse();
  const product = ordered.reduce((acc, step) => ratioMul(acc, step.edge.best), ratioOne);
  assert(ratioCompare(product, ratioOne) > 0, 'an arbitrage cycle multiplies above 1');
  return {
    currencies: ordered.map((step) => step.edge.from),
    quoteIds: ordered.map((step) => step.edge.quote.id),
    product,
  };
}
