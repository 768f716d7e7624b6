import { bypassHeuristicPaymentsMax } from './limits.js';
import { resolveGridlockAnyOrder } from './gridlock-any-order.js';
import { largestFifoSet } from './gridlock-queued.js';
import { queuedInstance } from './lsm-input.js';
import { settleSet } from './settle.js';
import type { PaymentRecord, SettlementState } from './state.js';
import type { Decision } from './types.js';

/**
 * One multilateral LSM run over every queued payment: finds the set to settle together and
 * settles it as one atomic set. Runs only if something changed since the last run.
 */
export function runGridlockResolution(state: SettlementState, decision: Decision): void {
  if (!state.lsmDirty || state.queuedCount === 0) return;
  state.lsmDirty = false;
  const bypass = state.queueOrder === 'fifo-bypass' && state.queuedCount <= bypassHeuristicPaymentsMax;
  const chosen = bypass ? anyOrderSet(state) : largestFifoSet(state);
  if (chosen.length > 0) settleSet(state, chosen, decision);
  state.lsmDirty = false;
}

/** The non-FIFO heuristic on a copy of the queues (bounded by bypassHeuristicPaymentsMax). */
function anyOrderSet(state: SettlementState): PaymentRecord[] {
  const { input, records } = queuedInstance(state);
  const selection = resolveGridlockAnyOrder(input);
  const chosen: PaymentRecord[] = [];
  records.forEach((queue, i) => queue.forEach((record, k) => {
    if (selection[i]![k]) chosen.push(record);
  }));
  return chosen;
}
