/**
 * Payments held by screening and still awaiting a compliance officer's decision, per currency
 * (the currency the debtor agent pays in): how many, their value, since when. For the operator's
 * overview; read-only (decisions belong to compliance officers). One pass over the holds.
 */
import { assert } from '../assert.js';
import { holdIsOpen } from './hold-withdrawal.js';
import type { NetworkState } from './state.js';

export interface OpenHoldsOfCurrency {
  readonly count: number;
  readonly value: bigint;
  /** When the oldest open hold was placed (µs). */
  readonly oldestAt: number;
}

/** Per currency with at least one open hold. */
export function openHoldsByCurrency(network: NetworkState): Map<string, OpenHoldsOfCurrency> {
  const out = new Map<string, { count: number; value: bigint; oldestAt: number }>();
  for (const hold of network.screening.holds.values()) {
    if (!holdIsOpen(hold)) continue;
    const payment = network.payments.get(hold.uetr);
    assert(payment !== undefined && payment.status === 'held', `open hold ${hold.uetr} is a held payment`);
    const entry = out.get(payment.currency);
    if (entry === undefined) out.set(payment.currency, { count: 1, value: payment.amount, oldestAt: hold.heldAt });
    else {
      entry.count += 1;
      entry.value += payment.amount;
      entry.oldestAt = Math.min(entry.oldestAt, hold.heldAt);
    }
  }
  return out;
}
