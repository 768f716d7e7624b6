import { liquidityOf } from './liquidity.js';
import { liveRecords } from './queue.js';
import type { GridlockInput } from './gridlock.js';
import type { PaymentRecord, SettlementState } from './state.js';

/** A copy of the queues as the gridlock algorithms see them, with the records each entry stands for. */
export interface QueuedInstance {
  readonly input: GridlockInput;
  /** Per participant, its queued records in settlement order (urgent first, FIFO), parallel to input.queues. */
  readonly records: readonly (readonly PaymentRecord[])[];
}

/** Copies every queued payment: O(queued). The FIFO run avoids it (largestFifoSet); the bounded non-FIFO heuristic needs it. */
export function queuedInstance(state: SettlementState): QueuedInstance {
  const records = state.participants.map((p) => [...liveRecords(p.urgent), ...liveRecords(p.normal)]);
  const input: GridlockInput = {
    liquidity: state.participants.map(liquidityOf),
    reserve: state.participants.map((p) => p.urgentReserve),
    queues: records.map((queue) => queue.map((r) => ({ to: r.to, amount: r.amount, urgent: r.urgent }))),
  };
  return { input, records };
}
