import { assert } from '../assert.js';
import { fullSetBalance, isCovered, move, paymentCount, shortfallOf, type GridlockInput } from './gridlock.js';
import { heapPop, heapPush, type ShortfallHeap } from './shortfall-heap.js';

/**
 * Multilateral gridlock resolution with FIFO kept (TARGET2 "partial optimisation", T2 UDFS
 * algorithm 2): start from every queued payment; while some participant cannot cover its
 * position, take the one with the largest shortfall and remove its last queued payment.
 *
 * Returns, per participant, how many payments from the head of its queue settle. The sets
 * that keep FIFO (a prefix per queue) and fit every participant are closed under union, so a
 * largest one exists and is unique; a participant short in the current set is short in every
 * subset that keeps its prefix, so removing its tail never drops a payment of that largest set
 * (proof in docs/settlement.md). The rule thus finds it whatever participant it picks; the
 * largest shortfall is T2's choice and keeps the run deterministic.
 */
export function resolveGridlockFifo(input: GridlockInput): number[] {
  const balance = fullSetBalance(input);
  const prefix = input.queues.map((queue) => queue.length);
  const heap: ShortfallHeap = [];
  const pushIfShort = (index: number): void => {
    const shortfall = shortfallOf(input, balance, index);
    if (shortfall > 0n) heapPush(heap, { shortfall, index });
  };
  prefix.forEach((_, index) => pushIfShort(index));
  const removalsMax = paymentCount(input);
  let removals = 0;
  for (let entry = heapPop(heap); entry !== undefined; entry = heapPop(heap)) {
    const index = entry.index;
    if (shortfallOf(input, balance, index) !== entry.shortfall) continue;
    const length = prefix[index]!;
    assert(length > 0, 'a short participant has a queued payment to remove (liquidity is never negative)');
    const payment = input.queues[index]![length - 1]!;
    move(balance.position, balance.normals, index, payment, -1);
    prefix[index] = length - 1;
    removals += 1;
    assert(removals <= removalsMax, 'gridlock resolution removes each payment at most once');
    pushIfShort(index);
    pushIfShort(payment.to);
  }
  assert(isCovered(input, balance), 'the set gridlock resolution returns fits every participant');
  return prefix;
}
