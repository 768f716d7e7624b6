import { amountMinorMax } from '../money/index.js';
import { paymentIdCharsMax, paymentsPerDayMax } from './limits.js';
import type { SettlementState } from './state.js';
import { eventError, type EventError, type PaymentOrder } from './types.js';

export interface ValidPayment {
  readonly from: number;
  readonly to: number;
}

/** Checks a submitted payment against the state without changing anything. */
export function validatePayment(state: SettlementState, payment: PaymentOrder): ValidPayment | EventError {
  if (payment.id.length === 0 || payment.id.length > paymentIdCharsMax) {
    return eventError('payment_id_invalid', `payment id must be 1 to ${paymentIdCharsMax} characters`);
  }
  if (state.payments.has(payment.id)) return eventError('payment_id_exists', `payment ${payment.id} was submitted before`);
  if (state.payments.size >= paymentsPerDayMax) return eventError('payments_per_day_exceeded', `at most ${paymentsPerDayMax} payments a day`);
  const from = state.indexById.get(payment.from);
  if (from === undefined) return eventError('unknown_participant', `payer ${payment.from} is not a participant`);
  const to = state.indexById.get(payment.to);
  if (to === undefined) return eventError('unknown_participant', `payee ${payment.to} is not a participant`);
  if (from === to) return eventError('payment_to_self', `${payment.from} cannot pay itself`);
  if (payment.amount <= 0n || payment.amount > amountMinorMax) {
    return eventError('amount_not_positive', `amount must be 1 to ${amountMinorMax} minor units`);
  }
  return { from, to };
}

export function participantIndex(state: SettlementState, id: string): number | EventError {
  const index = state.indexById.get(id);
  return index === undefined ? eventError('unknown_participant', `${id} is not a participant`) : index;
}
