import { assert } from '../assert.js';
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
}
