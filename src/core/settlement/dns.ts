import { assert } from '../assert.js';
import { participantAt, type PaymentRecord, type SettlementState } from './state.js';
import type { Decision } from './types.js';

/**
 * dns entry: the payment moves positions in the open window if the payer stays within its
 * net debit cap; otherwise it is rejected (CPSS, "Delivery versus payment" and the Lamfalussy
 * standards: a net system must be able to settle when its largest debtor fails, hence caps).
 */
export function submitNet(state: SettlementState, record: PaymentRecord, decision: Decision): void {
  const payer = participantAt(state, record.from);
  const payee = participantAt(state, record.to);
  state.payments.set(record.id, record);
  if (payer.position - record.amount < -payer.netDebitCap) {
    record.status = 'rejected';
    decision.rejected.push({ paymentId: record.id, reason: 'exceeds_net_debit_cap' });
    return;
  }
  payer.position -= record.amount;
  payee.position += record.amount;
  record.status = 'accepted';
  record.windowId = state.open.id;
  state.open.payments.push(record);
  state.open.sent[record.from] = state.open.sent[record.from]! + record.amount;
  state.open.received[record.to] = state.open.received[record.to]! + record.amount;
  decision.accepted.push(record.id);
}

/** Takes an accepted payment out of the open window: positions move back. */
export function cancelNet(state: SettlementState, record: PaymentRecord, decision: Decision): void {
  assert(record.status === 'accepted' && record.windowId === state.open.id, `payment ${record.id} is in the open window`);
  const payer = participantAt(state, record.from);
  const payee = participantAt(state, record.to);
  payer.position += record.amount;
  payee.position -= record.amount;
  record.status = 'cancelled';
  state.open.sent[record.from] = state.open.sent[record.from]! - record.amount;
  state.open.received[record.to] = state.open.received[record.to]! - record.amount;
  decision.rejected.push({ paymentId: record.id, reason: 'cancelled' });
}
