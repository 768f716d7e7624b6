/**
 * The day's FX flows for the operator: per directed currency pair (source → target), how many
 * cross-currency payments settled and the value they moved, sent in the source currency and
 * delivered in the target currency, both in exact minor units. Pure and read-only.
 *
 * "Today" is the business day of the currency the payment was paid in (its source currency):
 * a payment counts when it settled at or after that currency's last end of day, as a domestic
 * payment counts in its currency's day report. Rejected FX payments moved nothing and do not count.
 */
import { assert } from '../assert.js';
import type { NetworkState } from './state.js';
import type { StatusChange } from './types.js';

export interface FxPairFlow {
  readonly sourceCurrency: string;
  readonly targetCurrency: string;
  /** Cross-currency payments of the pair settled today. */
  readonly count: number;
  /** Minor units of the source currency the debtor agents paid. */
  readonly sentMinor: bigint;
  /** Minor units of the target currency the creditor agents received. */
  readonly deliveredMinor: bigint;
  /** When the source currency's business day began (µs). */
  readonly dayStartedAt: number;
}

/** Every directed pair with a payment settled today, ordered by source then target currency. */
export function fxDayFlows(network: NetworkState): FxPairFlow[] {
  const byPair = new Map<string, { sourceCurrency: string; targetCurrency: string; count: number; sentMinor: bigint; deliveredMinor: bigint; dayStartedAt: number }>();
  for (const payment of network.payments.values()) {
    const fx = payment.fx;
    if (fx === null || payment.status !== 'settled') continue;
    const settledAt = settledAtOf(payment.history);
    assert(settledAt !== null, `settled fx payment ${payment.uetr} has its settlement in its history`);
    const dayStartedAt = network.settlement.get(payment.currency)?.lastEndOfDayAt ?? 0;
    if (settledAt < dayStartedAt) continue;
    const key = `${payment.currency}>${fx.targetCurrency}`;
    let flow = byPair.get(key);
    if (flow === undefined) byPair.set(key, (flow = { sourceCurrency: payment.currency, targetCurrency: fx.targetCurrency, count: 0, sentMinor: 0n, deliveredMinor: 0n, dayStartedAt }));
    flow.count += 1;
    flow.sentMinor += payment.amount;
    flow.deliveredMinor += fx.deliveredMinor;
  }
  return [...byPair.values()].sort((a, b) => compare(a.sourceCurrency, b.sourceCurrency) || compare(a.targetCurrency, b.targetCurrency));
}

/** When the payment settled (µs): its last `settled` status change; null if it never did. */
export function settledAtOf(history: readonly StatusChange[]): number | null {
  for (let i = history.length - 1; i >= 0; i -= 1) if (history[i]!.status === 'settled') return history[i]!.at;
  return null;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
