/**
 * Who hears that a cross-currency payment settled, settled at once or after waiting in a queue:
 * the debtor side (what it sent, source currency), the creditor side (what it received, target
 * currency), and each FX provider whose inventory it moved (its legs are in the payment record).
 */
import { appendInboxEventTo } from './inbox.js';
import { creditorSide, debtorSide } from './sides.js';
import type { NodeState } from './state.js';
import type { PaymentRecord } from './types.js';

export function notifyFxSettled(state: NodeState, at: number, payment: PaymentRecord): void {
  const network = state.network;
  const fx = payment.fx!;
  appendInboxEventTo(network, debtorSide(network, payment), { at, type: 'payment.settled', subject: payment.uetr, status: 'settled', reason: null, currency: payment.currency, amount: payment.amount });
  appendInboxEventTo(network, creditorSide(network, payment), { at, type: 'payment.received', subject: payment.uetr, status: 'settled', reason: null, currency: fx.targetCurrency, amount: fx.deliveredMinor });
  // Once per provider, however many legs it served (appendInboxEventTo skips repeats).
  appendInboxEventTo(network, fx.legs.map((leg) => leg.provider), { at, type: 'fx.inventory_moved', subject: payment.uetr, status: 'settled', reason: null, currency: null, amount: null });
}
