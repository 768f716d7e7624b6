/**
 * Holding queued payments while a party to them is suspended (docs/settlement.md, "Suspended
 * participants"). A held payment leaves its payer's queue, so queue resolution, bilateral
 * offsetting and gridlock resolution never see it and what queued behind it may settle; it
 * keeps its place: released, it rejoins its payer's queue where its submission puts it, as if
 * it had never left (queues are always the payer's queued payments in submission order, which
 * the snapshot codec relies on). It can be cancelled while held, and end of day rejects it.
 */
import { queuedPaymentsMax } from './limits.js';
import { afterLiquidityChange } from './rtgs.js';
import { leaveQueue } from './queue.js';
import { participantAt, type PaymentRecord, type SettlementState } from './state.js';
import { eventError, type Decision, type EventError } from './types.js';

function recordsFor(state: SettlementState, paymentIds: readonly string[], status: 'queued' | 'held'): PaymentRecord[] | EventError {
  if (state.mode === 'dns') return eventError('not_gross_mode', 'dns payments move positions when accepted; only rtgs queues hold payments');
  if (paymentIds.length > queuedPaymentsMax) return eventError('payment_not_found', `at most ${queuedPaymentsMax} payments at once`);
  const records: PaymentRecord[] = [];
  const seen = new Set<string>();
  for (const id of paymentIds) {
    const record = state.payments.get(id);
    if (record === undefined || seen.has(id)) return eventError('payment_not_found', `no payment ${id}, or named twice`);
    seen.add(id);
    if (record.status !== status) return eventError(status === 'queued' ? 'payment_not_queued' : 'payment_not_held', `payment ${id} is ${record.status}`);
    records.push(record);
  }
  return records;
}

/** Takes queued payments out of their queues until released; what queued behind them may settle now. */
export function holdPayments(state: SettlementState, paymentIds: readonly string[], decision: Decision): EventError | null {
  const records = recordsFor(state, paymentIds, 'queued');
  if (!Array.isArray(records)) return records;
  const payers = new Set<number>();
  for (const record of records) {
    record.status = 'held';
    leaveQueue(state, record);
    payers.add(record.from);
  }
  afterLiquidityChange(state, payers, decision);
  return null;
}

/** Puts held payments back in their payers' queues at their submission places; they may settle at once. */
export function releasePayments(state: SettlementState, paymentIds: readonly string[], decision: Decision): EventError | null {
  const records = recordsFor(state, paymentIds, 'held');
  if (!Array.isArray(records)) return records;
  const payers = new Set<number>();
  for (const record of records) {
    record.status = 'queued';
    participantAt(state, record.from).queuedOut += record.amount;
    participantAt(state, record.to).queuedIn += record.amount;
    state.queuedCount += 1;
    payers.add(record.from);
  }
  rebuildQueues(state, payers);
  state.lsmDirty = true;
  afterLiquidityChange(state, payers, decision);
  return null;
}

/** The payers' queues from scratch: their queued payments in submission order (one pass over the day's payments). */
function rebuildQueues(state: SettlementState, payers: ReadonlySet<number>): void {
  for (const index of payers) {
    const payer = participantAt(state, index);
    for (const queue of [payer.urgent, payer.normal]) {
      queue.items = [];
      queue.head = 0;
      queue.live = 0;
    }
  }
  for (const record of state.payments.values()) {
    if (record.status !== 'queued' || !payers.has(record.from)) continue;
    const payer = participantAt(state, record.from);
    const queue = record.urgent ? payer.urgent : payer.normal;
    queue.items.push(record);
    queue.live += 1;
  }
}

/** End of day: held payments are rejected with the queued ones (the payer never could settle them today). */
export function rejectHeld(state: SettlementState, decision: Decision): void {
  for (const record of state.payments.values()) {
    if (record.status !== 'held') continue;
    record.status = 'rejected';
    decision.rejected.push({ paymentId: record.id, reason: 'end_of_day' });
  }
}
