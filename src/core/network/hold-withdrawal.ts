/**
 * The debtor side cancels its own payment while screening holds it. Nothing moved and the payment
 * waits in no engine, so it ends at once as a cancelled queued payment does: rejected DS02, the
 * debtor side told (payment.rejected), the creditor side never. The hold is closed with who and
 * when, so no officer can decide it any more (`hold_withdrawn`), and it stays for audit.
 */
import { assert } from '../assert.js';
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { appendInboxEventTo } from './inbox.js';
import { networkResultInfo } from './results.js';
import type { HoldRecord } from './screening-types.js';
import { debtorSide } from './sides.js';
import type { NodeState } from './state.js';
import type { PaymentRecord } from './types.js';

/** The ISO status reason of a payment its sender cancelled before it settled (DS02). */
export const cancelledReason = networkResultInfo('cancelled_by_sender').iso!;

export function holdIsOpen(hold: HoldRecord): boolean {
  return hold.decision === null && hold.withdrawal === undefined;
}

/** Closes the payment's open hold on the sender's request; `reason` is the cancellation's (DS02 for a plain cancel). Returns its moment. */
export function withdrawHeldPayment(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord, by: string, reason: string): number {
  const hold = state.network.screening.holds.get(payment.uetr);
  assert(payment.status === 'held' && hold !== undefined && holdIsOpen(hold), `payment ${payment.uetr} is held with an open hold`);
  const at = cursor.takeTimestamp();
  hold.withdrawal = { by, at, reason };
  payment.status = 'rejected';
  payment.reason = cancelledReason;
  payment.history.push({ status: 'rejected', at, reason: cancelledReason });
  appendInboxEventTo(state.network, debtorSide(state.network, payment), { at, type: 'payment.rejected', subject: payment.uetr, status: 'rejected', reason: cancelledReason, currency: null, amount: null });
  return at;
}
