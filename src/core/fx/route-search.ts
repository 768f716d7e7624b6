import { amountMinorMax } from '../money/index.js';
import { boundTable } from './bounds.js';
import type { BoundSteps, BoundTable } from './route-index.js';
import { routeSearchStepsMax } from './limits.js';
import { edgeRatioFor, type QuoteEdge } from './quote-graph.js';
import { approxMargin, type Ratio } from './ratio.js';
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

/**
 * State of one search. The path is held in parallel arrays indexed by depth (no object per leg
 * tried: a search tries a dozen legs and keeps two): `amounts[d]` is the amount at the d-th node
 * reached (the request's amount at depth 0), `edges[d]`/`ratios[d]` the leg taken from it.
 * Forward the amounts are what arrives; backward, what must be sent. The `…Approx` doubles shadow
 * amounts for pruning only (ratio.ts, approxMargin).
 */
interface Search {
  readonly index: RouteIndex;
  readonly participant: string;
  readonly nowMs: number;
  readonly forward: boolean;
  readonly endpoint: number;
  /** The bound table toward the endpoint, looked up once per search rather than once per node visited. */
  readonly table: BoundTable;
  readonly nodes: number[];
  readonly amounts: bigint[];
  readonly amountsApprox: number[];
  readonly edges: QuoteEdge[];
  readonly ratios: Ratio[];
  /** Legs of the best route so far (0: none yet), its amount, and its path in the arrays below. */
  bestLength: number;
  bestAmount: bigint;
  bestApprox: number;
  readonly bestAmounts: bigint[];
  readonly bestEdges: QuoteEdge[];
  readonly bestRatios: Ratio[];
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
  const start = forward ? source : target;
  const search: Search = {
    index,
    participant,
    nowMs,
    forward,
    endpoint: forward ? target : source,
    table: boundTable(index, forward ? target : source, forward),
    nodes: [start],
    amounts: [amountMinor],
    amountsApprox: [Number(amountMinor)],
    edges: [],
    ratios: [],
    bestLength: 0,
    bestAmount: 0n,
    bestApprox: 0,
    bestAmounts: [],
    bestEdges: [],
    bestRatios: [],
    steps: 0,
    rejections: { expired: 0, restricted: 0, size: 0, amount: 0 },
  };
  explore(search, 0, Math.min(index.policy.routeHops, index.currencies.length));
  return { legs: search.bestLength === 0 ? null : bestLegs(search), rejections: search.rejections, stepsExceeded: search.steps > routeSearchStepsMax };
}

/** Whether `next` is already on the path up to `depth` (routes are simple: no currency twice). */
function onPath(search: Search, depth: number, next: number): boolean {
  for (let d = 0; d <= depth; d += 1) if (search.nodes[d] === next) return true;
  return false;
}

/**
 * Whether a completion reaching about `reachApprox` surely cannot beat the best route so far
 * (forward: at most that arrives; backward: at least that must be sent). Decided only when the
 * doubles differ by more than approxMargin, which their rounding cannot close.
 */
function surelyWorse(search: Search, reachApprox: number): boolean {
  return search.forward ? reachApprox < search.bestApprox * (1 - approxMargin) : reachApprox > search.bestApprox * (1 + approxMargin);
}

/** The reverse: a completion reaching about `reachApprox` might beat the best so far, surely. */
function surelyNotWorse(search: Search, reachApprox: number): boolean {
  return search.forward ? reachApprox > search.bestApprox * (1 + approxMargin) : reachApprox < search.bestApprox * (1 - approxMargin);
}

/**
 * Whether step i onward from the node at `depth` can still beat the best route: by doubles when
 * they decide, else exactly. Forward at most amount × bound arrives; backward at least
 * amount ÷ bound must be sent. A tie helps only with fewer legs.
 */
function mayImprove(search: Search, depth: number, steps: BoundSteps, i: number): boolean {
  if (search.bestLength === 0) return true;
  const { forward } = search;
  const amountApprox = search.amountsApprox[depth]!;
  const reachApprox = forward ? amountApprox * steps.boundApprox[i]! : amountApprox / steps.boundApprox[i]!;
  if (surelyWorse(search, reachApprox)) return false;
  if (surelyNotWorse(search, reachApprox)) return true;
  const { num, den } = steps.bound[i]!;
  const amount = search.amounts[depth]!;
  const reach = forward ? amount * num : amount * den;
  const best = forward ? search.bestAmount * den : search.bestAmount * num;
  if (forward ? reach < best : reach > best) return false;
  return reach !== best || depth + 1 < search.bestLength;
}

/** Tries every step onward from the node at `depth`, best bound first, with `remaining` legs left. */
function explore(search: Search, depth: number, remaining: number): void {
  const { index, forward } = search;
  const n = index.currencies.length;
  const node = search.nodes[depth]!;
  const amount = search.amounts[depth]!;
  const steps = search.table[remaining]?.[node];
  if (steps === undefined) return;
  for (let i = 0; i < steps.next.length; i += 1) {
    // No completion through this step can beat the best so far: neither can any later step (sorted).
    if (!mayImprove(search, depth, steps, i)) break;
    const next = steps.next[i]!;
    if (onPath(search, depth, next)) continue;
    const edges = forward ? index.edges[node * n + next] : index.edges[next * n + node];
    // What the best conceivable onward product makes of this amount; × or ÷ an edge's best ratio, the edge's own bound.
    const tailApprox = steps.tailApprox[i]!;
    const onwardApprox = forward ? search.amountsApprox[depth]! * tailApprox : search.amountsApprox[depth]! / tailApprox;
    for (const edge of edges ?? []) {
      // Edges come best ratio first: once one surely cannot beat the best route, none after it can.
      if (search.bestLength !== 0 && surelyWorse(search, forward ? onwardApprox * edge.bestApprox : onwardApprox / edge.bestApprox)) break;
      search.steps += 1;
      if (search.steps > routeSearchStepsMax) return;
      if (!takeLeg(search, depth, edge, amount)) continue;
      if (next === search.endpoint) offer(search, depth + 1);
      else if (remaining > 1) {
        search.nodes[depth + 1] = next;
        explore(search, depth + 1, remaining - 1);
      }
    }
  }
}

/** A complete route of `length` legs is on the path: kept if it beats the best so far. */
function offer(search: Search, length: number): void {
  const amount = search.amounts[length]!;
  const better =
    search.bestLength === 0 ||
    (search.forward ? amount > search.bestAmount : amount < search.bestAmount) ||
    (amount === search.bestAmount && length < search.bestLength);
  if (!better) return;
  search.bestLength = length;
  search.bestAmount = amount;
  search.bestApprox = Number(amount);
  for (let d = 0; d < length; d += 1) {
    search.bestEdges[d] = search.edges[d]!;
    search.bestRatios[d] = search.ratios[d]!;
    search.bestAmounts[d] = search.amounts[d]!;
  }
  search.bestAmounts[length] = amount;
}

/**
 * One leg at `amount`, written at `depth` of the path if it fits: forward `amount` is its input
 * and the output is rounded down; backward it is the output and the input is rounded up. Either
 * way the provider never gives more than rate × what it gets. Ratios are positive by
 * construction (`sideRatio`), so the conversion is done here without re-checking them.
 */
function takeLeg(search: Search, depth: number, edge: QuoteEdge, amount: bigint): boolean {
  const { rejections } = search;
  const quote = edge.quote;
  if (search.nowMs >= edge.expiresAtMs) return reject(rejections, 'expired');
  const ratio = edgeRatioFor(edge, search.participant);
  if (ratio === null) return reject(rejections, 'restricted');
  const other = search.forward ? (amount * ratio.num) / ratio.den : (amount * ratio.den + ratio.num - 1n) / ratio.num;
  if (other <= 0n || other > amountMinorMax) return reject(rejections, 'amount');
  // The base amount is the leg's input when it sells base, its output otherwise.
  const baseAmount = edge.sellsBase === search.forward ? amount : other;
  if (baseAmount < quote.sizeMinMinor || baseAmount > quote.sizeMaxMinor) return reject(rejections, 'size');
  search.edges[depth] = edge;
  search.ratios[depth] = ratio;
  search.amounts[depth + 1] = other;
  search.amountsApprox[depth + 1] = Number(other);
  return true;
}

function reject(rejections: Rejections, reason: keyof Rejections): false {
  rejections[reason] += 1;
  return false;
}

/** The best route's legs in payment order (a backward search found them from the target). */
function bestLegs(search: Search): LegChoice[] {
  const legs: LegChoice[] = [];
  for (let d = 0; d < search.bestLength; d += 1) {
    const [amountIn, amountOut] = search.forward ? [search.bestAmounts[d]!, search.bestAmounts[d + 1]!] : [search.bestAmounts[d + 1]!, search.bestAmounts[d]!];
    legs.push({ edge: search.bestEdges[d]!, ratio: search.bestRatios[d]!, amountInMinor: amountIn, amountOutMinor: amountOut });
  }
  return search.forward ? legs : legs.reverse();
}
