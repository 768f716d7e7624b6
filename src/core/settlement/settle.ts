import { assert } from '../assert.js';
import { leaveQueue } from './queue.js';
import { participantAt, type PaymentRecord, type SettlementState } from './state.js';
import type { Decision } from './types.js';

/**
 * Settles a set of payments at once (gross transfers, applied together): the caller has
 * checked that the set fits every payer's liquidity; this asserts it after the fact and
 * that the set moved no money in or out (money conserved).
 */
export function settleSet(state: SettlementState, records: readonly PaymentRecord[], decision: Decision): void {
  const before = touchedTotal(state, records);
  for (const record of records) {
    assert(record.status === 'queued' || record.status === 'new', `payment ${record.id} is not settled twice`);
    const wasQueued = record.status === 'queued';
    const payer = participantAt(state, record.from);
    const payee = participantAt(state, record.to);
    payer.balance -= record.amount;
    payee.balance += record.amount;
    record.status = 'settled';
    record.settledAtSeconds = state.nowSeconds;
    if (wasQueued) leaveQueue(state, record);
    decision.settled.push({ paymentId: record.id, from: payer.id, to: payee.id, amount: record.amount, submittedAtSeconds: record.submittedAtSeconds });
  }
  state.lsmDirty = true;
  assert(touchedTotal(state, records) === before, 'a settled set moves no money in or out');
  for (const record of records) {
    const payer = participantAt(state, record.from);
    assert(payer.balance >= -payer.creditLine, `${payer.id} stays above minus its credit line after settling ${record.id}`);
  }
}

/** Creates the record of a newly submitted payment. */
export function newRecord(state: SettlementState, id: string, from: number, to: number, amount: bigint, urgent: boolean): PaymentRecord {
  return { id, from, to, amount, urgent, submittedAtSeconds: state.nowSeconds, status: 'new', settledAtSeconds: -1, windowId: -1 };
}

function touchedTotal(state: SettlementState, records: readonly PaymentRecord[]): bigint {
  // One payment (most sets): its two parties, without a Set per call.
  if (records.length === 1) {
    const { from, to } = records[0]!;
    return from === to ? participantAt(state, from).balance : participantAt(state, from).balance + participantAt(state, to).balance;
  }
  const touched = new Set<number>();
  for (const record of records) touched.add(record.from).add(record.to);
  let total = 0n;
  for (const index of touched) total += participantAt(state, index).balance;
  return total;
}
