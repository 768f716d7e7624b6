import { tickGross } from './rtgs.js';
import type { SettlementState } from './state.js';
import { eventError, queueOrders, type Decision, type EventError, type QueueOrder } from './types.js';

/**
 * Changes how the queues are served (rtgs, rtgs-lsm). Queued payments keep their places: every
 * queue stays its payer's queued payments in submission order, urgent before normal. To
 * `fifo-bypass`: what the new order lets settle settles in this event (queue resolution for
 * every participant, and in rtgs-lsm a gridlock run with the any-order heuristic), as if the
 * order had always been so. To `fifo`: nothing moves; from now on a normal payment waits behind
 * a blocked normal head, and a new normal payment queues behind queued ones.
 */
export function setQueueOrder(state: SettlementState, queueOrder: QueueOrder, decision: Decision): EventError | null {
  if (state.mode === 'dns') return eventError('not_gross_mode', 'a dns engine settles net in windows: it has no queue order');
  if (!queueOrders.includes(queueOrder)) return eventError('queue_order_invalid', `queue order must be fifo or fifo-bypass, not ${String(queueOrder)}`);
  if (state.queueOrder === queueOrder) return null;
  state.queueOrder = queueOrder;
  if (queueOrder === 'fifo-bypass') {
    // The any-order heuristic may find more than the FIFO run that last looked.
    state.lsmDirty = state.queuedCount > 0;
    tickGross(state, decision);
  }
  return null;
}
