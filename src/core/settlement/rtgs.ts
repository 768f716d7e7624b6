import { drainQueues, mayEnterDirectly } from './drain.js';
import { queuedPaymentsMax, queueLengthMax } from './limits.js';
import { fits } from './liquidity.js';
import { runGridlockResolution } from './lsm.js';
import { offsetOnEntry } from './offset.js';
import { joinQueue, leaveQueue, liveRecords } from './queue.js';
import { settleSet } from './settle.js';
import { participantAt, type PaymentRecord, type SettlementState } from './state.js';
import type { Decision } from './types.js';

/**
 * Entry disposition of a validated payment in rtgs and rtgs-lsm: settle gross at once if its
 * queue lets it and liquidity covers it; in rtgs-lsm try bilateral offsetting with the payee;
 * otherwise queue it.
 */
export function submitGross(state: SettlementState, record: PaymentRecord, decision: Decision): void {
  const payer = participantAt(state, record.from);
  state.payments.set(record.id, record);
  const direct = mayEnterDirectly(state, record);
  if (direct && fits(payer, record.amount, record.urgent)) {
    settleSet(state, [record], decision);
    drainQueues(state, [record.to], decision);
    return;
  }
  if (direct && state.mode === 'rtgs-lsm' && offsetOnEntry(state, record, decision)) {
    drainQueues(state, [record.from, record.to], decision);
    return;
  }
  if (payer.urgent.live + payer.normal.live >= queueLengthMax || state.queuedCount >= queuedPaymentsMax) {
    record.status = 'rejected';
    decision.rejected.push({ paymentId: record.id, reason: 'queue_full' });
    return;
  }
  joinQueue(state, record);
  decision.queued.push(record.id);
}

/** Removes a queued payment at the payer's request; what was behind it may now settle. */
export function cancelQueued(state: SettlementState, record: PaymentRecord, decision: Decision): void {
  record.status = 'cancelled';
  leaveQueue(state, record);
  decision.rejected.push({ paymentId: record.id, reason: 'cancelled' });
  afterLiquidityChange(state, [record.from], decision);
}

/** After liquidity or queue order changed: queue resolution, then (rtgs-lsm) a multilateral run. */
export function afterLiquidityChange(state: SettlementState, touched: Iterable<number>, decision: Decision): void {
  if (state.mode === 'dns') return;
  drainQueues(state, touched, decision);
  if (state.mode !== 'rtgs-lsm') return;
  runGridlockResolution(state, decision);
  if (state.queueOrder === 'fifo-bypass') drainQueues(state, state.participants.map((p) => p.index), decision);
}

/** Scheduled run: the same as a liquidity change for everyone. */
export function tickGross(state: SettlementState, decision: Decision): void {
  afterLiquidityChange(state, state.participants.map((p) => p.index), decision);
}

/** End of day for rtgs: one last run, then everything still queued is rejected (T2: rejected at end of day). */
export function endOfDayGross(state: SettlementState, decision: Decision): void {
  tickGross(state, decision);
  for (const participant of state.participants) {
    for (const queue of [participant.urgent, participant.normal]) {
      for (const record of liveRecords(queue)) {
        record.status = 'rejected';
        leaveQueue(state, record);
        decision.rejected.push({ paymentId: record.id, reason: 'end_of_day' });
      }
    }
  }
}
