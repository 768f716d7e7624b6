import { assert } from '../assert.js';
import { liveRecords } from './queue.js';
import type { SettlementState } from './state.js';

/**
 * Whole-state invariants (DESIGN.md §3): money conserved, nobody below minus its credit line,
 * dns positions within caps and summing to zero, queue counts consistent. O(participants +
 * queued): run after each event in tests and at end of day, not on every payment of a big day.
 */
export function assertSettlementInvariants(state: SettlementState): void {
  let money = 0n;
  let positions = 0n;
  let queued = 0;
  for (const p of state.participants) {
    money += p.balance;
    positions += p.position;
    queued += p.urgent.live + p.normal.live;
    assert(p.balance >= -p.creditLine, `${p.id} is not below minus its credit line`);
    assert(p.position >= -p.netDebitCap, `${p.id} is within its net debit cap`);
  }
  assert(money === state.moneyTotal, 'money is conserved: balances sum to opening balances plus outside funding');
  assert(positions === 0n, 'net positions sum to zero');
  assert(queued === state.queuedCount, 'queued count matches the queues');
  assertQueueSums(state);
}

/** The sums kept as payments join and leave queues equal the queued payments (the LSM starts from them). */
function assertQueueSums(state: SettlementState): void {
  const outgoing = state.participants.map(() => 0n);
  const incoming = state.participants.map(() => 0n);
  for (const p of state.participants) {
    for (const record of [...liveRecords(p.urgent), ...liveRecords(p.normal)]) {
      outgoing[record.from] = outgoing[record.from]! + record.amount;
      incoming[record.to] = incoming[record.to]! + record.amount;
    }
  }
  for (const p of state.participants) {
    assert(p.queuedOut === outgoing[p.index] && p.queuedIn === incoming[p.index], `${p.id}: queue sums match its queued payments`);
  }
}
