import { assert } from '../assert.js';
import { resolveGridlockFifo } from './gridlock-fifo.js';
import { fullSetBalance, isCovered, move, shortfallOf, type GridlockInput, type GridlockPayment, type SetBalance } from './gridlock.js';

/** A chosen set: per participant, per queued payment, whether it settles. */
export type Selection = boolean[][];

/**
 * Gridlock resolution when payments may settle out of order (FIFO bypass). Finding the set
 * of largest value is then a multi-dimensional knapsack, NP-hard (Güntzer, Jungnickel and
 * Leclerc, "Efficient algorithms for the clearing of interbank payments", EJOR 1998), so this
 * is a heuristic: the better, by value, of
 *  - best-fit removal from all payments, then greedy re-adding of what fits, largest first;
 *  - the exact FIFO set, then the same greedy re-adding.
 * The second candidate makes it never worse than FIFO. Quadratic in the worst case: callers
 * bound the instance (bypassHeuristicPaymentsMax).
 */
export function resolveGridlockAnyOrder(input: GridlockInput): Selection {
  const prefix = resolveGridlockFifo(input);
  const fifo: Selection = input.queues.map((queue, i) => queue.map((_, k) => k < prefix[i]!));
  let best = readdLargestFirst(input, fifo);
  let bestValue = selectionValue(input, best);
  for (const rule of removalRules) {
    const candidate = readdLargestFirst(input, removeWhileShort(input, rule));
    const value = selectionValue(input, candidate);
    if (value > bestValue) [best, bestValue] = [candidate, value];
  }
  return best;
}

/**
 * Which of a short participant's payments to drop. No single rule wins everywhere (best fit
 * can drop a large payment that others depended on), so each one is tried.
 */
type RemovalRule = 'best-fit' | 'spare-payee' | 'smallest' | 'last';
const removalRules: readonly RemovalRule[] = ['best-fit', 'spare-payee', 'smallest', 'last'];

export function selectionValue(input: GridlockInput, selection: Selection): bigint {
  let value = 0n;
  input.queues.forEach((queue, i) => queue.forEach((payment, k) => {
    if (selection[i]![k]) value += payment.amount;
  }));
  return value;
}

export function selectionBalance(input: GridlockInput, selection: Selection): SetBalance {
  const position = [...input.liquidity];
  const normals = new Array<number>(input.queues.length).fill(0);
  input.queues.forEach((queue, i) => queue.forEach((payment, k) => {
    if (selection[i]![k]) move(position, normals, i, payment, 1);
  }));
  return { position, normals };
}

/** While someone is short, drop one of its payments chosen by the rule; the largest shortfall first. */
function removeWhileShort(input: GridlockInput, rule: RemovalRule): Selection {
  const selection: Selection = input.queues.map((queue) => queue.map(() => true));
  const balance = fullSetBalance(input);
  const count = input.queues.length;
  const removalsMax = selection.flat().length;
  for (let removals = 0; ; removals++) {
    let worst = -1;
    let worstShortfall = 0n;
    for (let i = 0; i < count; i++) {
      const shortfall = shortfallOf(input, balance, i);
      if (shortfall > worstShortfall) [worst, worstShortfall] = [i, shortfall];
    }
    if (worst < 0) break;
    const k = pick(input, balance, selection, worst, worstShortfall, rule);
    assert(k >= 0 && removals < removalsMax, 'a short participant has a selected payment to drop');
    selection[worst]![k] = false;
    move(balance.position, balance.normals, worst, input.queues[worst]![k]!, -1);
  }
  return selection;
}

/**
 * best-fit: the smallest payment covering the shortfall, else the largest; spare-payee: the
 * same among payments whose payee can lose them without going short (so removals do not
 * cascade), else best-fit; smallest; last: the latest in queue order.
 */
function pick(input: GridlockInput, balance: SetBalance, selection: Selection, from: number, shortfall: bigint, rule: RemovalRule): number {
  const queue = input.queues[from]!;
  const live = queue.map((_, k) => k).filter((k) => selection[from]![k]);
  if (rule === 'last') return live.at(-1) ?? -1;
  if (rule === 'smallest') return live.reduce((best, k) => (best < 0 || queue[k]!.amount < queue[best]!.amount ? k : best), -1);
  if (rule === 'spare-payee') {
    const spare = live.filter((k) => -shortfallOf(input, balance, queue[k]!.to) >= queue[k]!.amount);
    if (spare.length > 0) return bestFit(queue, spare, shortfall);
  }
  return bestFit(queue, live, shortfall);
}

function bestFit(queue: readonly GridlockPayment[], candidates: readonly number[], shortfall: bigint): number {
  let cover = -1;
  let largest = -1;
  for (const k of candidates) {
    const amount = queue[k]!.amount;
    if (amount >= shortfall && (cover < 0 || amount < queue[cover]!.amount)) cover = k;
    if (largest < 0 || amount > queue[largest]!.amount) largest = k;
  }
  return cover >= 0 ? cover : largest;
}

/** Adds unselected payments, largest first, whenever the payer stays covered; repeats while something was added. */
function readdLargestFirst(input: GridlockInput, start: Selection): Selection {
  const selection = start.map((row) => [...row]);
  const balance = selectionBalance(input, selection);
  const candidates: [number, number][] = [];
  input.queues.forEach((queue, i) => queue.forEach((_, k) => {
    if (!selection[i]![k]) candidates.push([i, k]);
  }));
  candidates.sort(([i1, k1], [i2, k2]) => {
    const a = input.queues[i1]![k1]!.amount;
    const b = input.queues[i2]![k2]!.amount;
    return a === b ? i1 - i2 || k1 - k2 : a > b ? -1 : 1;
  });
  for (let added = true; added; ) {
    added = false;
    for (const [i, k] of candidates) {
      if (selection[i]![k]) continue;
      const payment = input.queues[i]![k]!;
      move(balance.position, balance.normals, i, payment, 1);
      if (shortfallOf(input, balance, i) <= 0n) [selection[i]![k], added] = [true, true];
      else move(balance.position, balance.normals, i, payment, -1);
    }
  }
  assert(isCovered(input, balance), 'the heuristic returns a set that fits every participant');
  return selection;
}
