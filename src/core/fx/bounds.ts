import { assert } from '../assert.js';
import { routeHopsMax } from './limits.js';
import type { BoundSteps, BoundTable, RouteIndex } from './route-index.js';
import { ratioApprox, ratioCompare, ratioMul, ratioOne, type Ratio } from './ratio.js';

/**
 * Optimistic bounds for branch and bound. Forward (toward target T): table[r][C] lists the next
 * currencies D with bound = best(C→D) × tail(D, r−1), where tail is the best product from D to T in at
 * most r−1 legs (1 at T itself). Backward (from source S) is the same on the reversed graph. Bounds use
 * every price of every quote and ignore size and expiry, so they never understate what a route can give;
 * walks may repeat currencies, which only loosens them.
 */
export function boundTable(index: RouteIndex, endpoint: number, forward: boolean): BoundTable {
  // A small integer key (toward the endpoint: 2e, from it: 2e + 1): no string built per search.
  const key = endpoint * 2 + (forward ? 0 : 1);
  const known = index.bounds.get(key);
  if (known !== undefined) return known;
  const table = buildTable(index, endpoint, forward);
  index.bounds.set(key, table);
  return table;
}

function buildTable(index: RouteIndex, endpoint: number, forward: boolean): BoundTable {
  const n = index.currencies.length;
  const hops = Math.min(index.policy.routeHops, routeHopsMax);
  assert(endpoint >= 0 && endpoint < n, 'bound endpoint is a node of the index');
  const none = stepsOf([]);
  const table: BoundSteps[][] = [Array.from({ length: n }, () => none)];
  let tail: (Ratio | null)[] = Array.from({ length: n }, (_, i) => (i === endpoint ? ratioOne : null));
  for (let remaining = 1; remaining <= hops; remaining += 1) {
    const layer = Array.from({ length: n }, (_, node) => stepsFrom(index, node, endpoint, tail, forward));
    table.push(layer.map(stepsOf));
    tail = layer.map((steps, node) => (node === endpoint ? ratioOne : (steps[0]?.bound ?? null)));
  }
  return table;
}

interface Step {
  readonly next: number;
  readonly bound: Ratio;
  readonly tail: Ratio;
}

function stepsFrom(index: RouteIndex, node: number, endpoint: number, tail: readonly (Ratio | null)[], forward: boolean): Step[] {
  const n = index.currencies.length;
  const steps: Step[] = [];
  if (node === endpoint) return steps;
  for (let next = 0; next < n; next += 1) {
    const rest = tail[next] ?? null;
    if (next === node || rest === null) continue;
    if (next !== endpoint && index.excluded[next]) continue;
    const ratio = forward ? index.bestRatio[node * n + next] : index.bestRatio[next * n + node];
    if (ratio === null || ratio === undefined) continue;
    steps.push({ next, bound: ratioMul(ratio, rest), tail: rest });
  }
  // Best first, so a search can stop at the first step that cannot beat what it already has.
  return steps.sort((a, b) => ratioCompare(b.bound, a.bound) || a.next - b.next);
}

function stepsOf(steps: readonly Step[]): BoundSteps {
  return {
    next: Int32Array.from(steps, (step) => step.next),
    bound: steps.map((step) => step.bound),
    boundApprox: Float64Array.from(steps, (step) => ratioApprox(step.bound)),
    tailApprox: Float64Array.from(steps, (step) => ratioApprox(step.tail)),
  };
}
