import { amountMinorMax } from '../money/index.js';
import { boundTable } from './bounds.js';
import type { BoundTable } from './route-index.js';
import { routeSearchStepsMax } from './limits.js';
import { edgeRatioFor, type QuoteEdge } from './quote-graph.js';
import { convertDown, inputForOutput, type Ratio } from './ratio.js';
import type { RouteIndex } from './route-index.js';

/** One chosen leg: what the provider gets (amountIn, in `from`) and gives (amountOut, in `to`). */
export interface LegChoice {
  readonly edge: QuoteEdge;
  readonly ratio: Ratio;
  readonly amountInMinor: bigint;
  readonly amountOutMinor: bigint;
}

/** Why edges were passed over; tells a caller why no route was found. */
export interface Rejections {
  expired: number;
  restricted: number;
  size: number;
  /** A leg that would pay out zero, or more than 10^18−1 minor units. */
  amount: number;
}

export interface SearchOutcome {
  /** Legs in payment order (source first); null when nothing fits. */
  readonly legs: readonly LegChoice[] | null;
  readonly rejections: Rejections;
  readonly stepsExceeded: boolean;
}

/** State of one search; `amount` is what the best route delivers (send) or needs (deliver). */
interface Search {
  readonly index: RouteIndex;
  readonly participant: string;
  readonly nowMs: number;
  readonly forward: boolean;
  readonly endpoint: number;
  /** The bound table toward the endpoint, looked up once per search rather than once per node visited. */
  readonly table: BoundTable;
  readonly visited: boolean[];
  readonly path: LegChoice[];
  bestAmount: bigint;
  bestLegs: LegChoice[] | null;
  steps: number;
  readonly rejections: Rejections;
}

/**
 * Exact branch and bound over simple paths of at most policy.routeHops legs. Forward ("send X"):
 * from the source, each leg's output rounded down, maximising what arrives. Backward ("deliver Y"):
 * from the target, each leg's input rounded up, minimising what is sent. Ties go to fewer legs, then
 * to the first found (best bound first, then quote id), so the answer is deterministic.
 */
export function searchRoute(
  index: RouteIndex,
  participant: string,
  source: number,
  target: number,
  amountMinor: bigint,
  forward: boolean,
  nowMs: number,
): SearchOutcome {
  const search: Search = {
    index,
    participant,
    nowMs,
    forward,
    endpoint: forward ? target : source,
    table: boundTable(index, forward ? target : source, forward),
    visited: index.currencies.map(() => false),
    path: [],
    bestAmount: 0n,
    bestLegs: null,
    steps: 0,
    rejections: { expired: 0, restricted: 0, size: 0, amount: 0 },
  };
  const start = forward ? source : target;
  search.visited[start] = true;
  explore(search, start, amountMinor, Math.min(index.policy.routeHops, index.currencies.length));
  const legs = search.bestLegs === null ? null : forward ? search.bestLegs : [...search.bestLegs].reverse();
  return { legs, rejections: search.rejections, stepsExceeded: search.steps > routeSearchStepsMax };
}

/** Whether no completion through a step with this bound can beat the best route found so far. */
function cannotImprove(search: Search, amount: bigint, bound: Ratio): boolean {
  if (search.bestLegs === null) return false;
  const legsAtLeast = search.path.length + 1;
  // Forward: at most amount × bound arrives. Backward: at least amount ÷ bound must be sent.
  const reach = search.forward ? amount * bound.num : amount * bound.den;
  const best = search.forward ? search.bestAmount * bound.den : search.bestAmount * bound.num;
  if (search.forward ? reach < best : reach > best) return true;
  return reach === best && legsAtLeast >= search.bestLegs.length;
}

function explore(search: Search, node: number, amount: bigint, remaining: number): void {
  const { index } = search;
  const n = index.currencies.length;
  const steps = search.table[remaining]?.[node] ?? [];
  for (const step of steps) {
    if (cannotImprove(search, amount, step.bound)) break;
    if (search.visited[step.next]) continue;
    const edges = search.forward ? index.edges[node * n + step.next] : index.edges[step.next * n + node];
    for (const edge of edges ?? []) {
      search.steps += 1;
      if (search.steps > routeSearchStepsMax) return;
      const leg = evaluateLeg(search, edge, amount);
      if (leg === null) continue;
      search.path.push(leg);
      if (step.next === search.endpoint) offer(search, search.forward ? leg.amountOutMinor : leg.amountInMinor);
      else if (remaining > 1) {
        search.visited[step.next] = true;
        explore(search, step.next, search.forward ? leg.amountOutMinor : leg.amountInMinor, remaining - 1);
        search.visited[step.next] = false;
      }
      search.path.pop();
    }
  }
}

function offer(search: Search, amount: bigint): void {
  const legs = search.path.length;
  const better =
    search.bestLegs === null ||
    (search.forward ? amount > search.bestAmount : amount < search.bestAmount) ||
    (amount === search.bestAmount && legs < search.bestLegs.length);
  if (!better) return;
  search.bestAmount = amount;
  search.bestLegs = [...search.path];
}

/**
 * One leg at `amount`: forward it is the input and the output is rounded down; backward it is the
 * output and the input is rounded up. Either way the provider never gives more than rate × what it gets.
 */
function evaluateLeg(search: Search, edge: QuoteEdge, amount: bigint): LegChoice | null {
  const { rejections } = search;
  if (search.nowMs >= edge.quote.expiresAtMs) return reject(rejections, 'expired');
  const ratio = edgeRatioFor(edge, search.participant);
  if (ratio === null) return reject(rejections, 'restricted');
  const other = search.forward ? convertDown(amount, ratio) : inputForOutput(amount, ratio);
  if (other <= 0n || other > amountMinorMax) return reject(rejections, 'amount');
  const amountIn = search.forward ? amount : other;
  const amountOut = search.forward ? other : amount;
  const baseAmount = edge.sellsBase ? amountIn : amountOut;
  if (baseAmount < edge.quote.sizeMinMinor || baseAmount > edge.quote.sizeMaxMinor) return reject(rejections, 'size');
  return { edge, ratio, amountInMinor: amountIn, amountOutMinor: amountOut };
}

function reject(rejections: Rejections, reason: keyof Rejections): null {
  rejections[reason] += 1;
  return null;
}
