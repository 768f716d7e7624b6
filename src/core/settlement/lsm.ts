import { bypassHeuristicPaymentsMax } from './limits.js';
import { liquidityOf } from './liquidity.js';
import { liveRecords } from './queue.js';
import { resolveGridlockAnyOrder } from './gridlock-any-order.js';
import { resolveGridlockFifo } from './gridlock-fifo.js';
import type { GridlockInput } from './gridlock.js';
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
  const queues: PaymentRecord[][] = state.participants.map((p) => [...liveRecords(p.urgent), ...liveRecords(p.normal)]);
  const input: GridlockInput = {
    liquidity: state.participants.map(liquidityOf),
    reserve: state.participants.map((p) => p.urgentReserve),
    queues: queues.map((records) => records.map((r) => ({ to: r.to, amount: r.amount, urgent: r.urgent }))),
  };
  const chosen: PaymentRecord[] = [];
  if (state.queueOrder === 'fifo-bypass' && state.queuedCount <= bypassHeuristicPaymentsMax) {
    const selection = resolveGridlockAnyOrder(input);
    queues.forEach((records, i) => records.forEach((r, k) => {
      if (selection[i]![k]) chosen.push(r);
    }));
  } else {
    const prefix = resolveGridlockFifo(input);
    queues.forEach((records, i) => {
      for (let k = 0; k < prefix[i]!; k++) chosen.push(records[k]!);
    });
  }
  if (chosen.length > 0) settleSet(state, chosen, decision);
  state.lsmDirty = false;
}
