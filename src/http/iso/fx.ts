/**
 * A cross-currency payment in ISO 20022 terms: the interbank settlement amount is what the
 * creditor agent received (target currency); the instructed amount what the debtor agent paid
 * (source currency); XchgRate target per source, as the all-in rate of the route.
 */
import { isoAmount } from '../../iso20022/build/amount.js';
import type { FxConversion, IsoAmount } from '../../iso20022/build/types.js';
import type { PaymentRecord } from '../../core/network/types.js';

/**
 * ISO's BaseOneRate holds at most 11 digits, 10 after the point: the rate text rounded down to
 * fit (display only; both amounts are exact).
 */
export function isoExchangeRate(rate: string): string {
  const [whole = '0', fraction = ''] = rate.split('.');
  const wholeDigits = whole.replace(/^0+/, '').length;
  const kept = fraction.slice(0, Math.max(0, Math.min(10, 11 - wholeDigits))).replace(/0+$/, '');
  const text = kept === '' ? whole : `${whole}.${kept}`;
  // A rate below 10^-10 cannot be written: the smallest writable one stands for it.
  return /[1-9]/.test(text) ? text : '0.0000000001';
}

/** The settlement amount and, for an FX payment, the conversion that led to it. */
export function isoSettlement(p: PaymentRecord): { settlementAmount: IsoAmount; fx?: FxConversion } {
  if (p.fx === null) return { settlementAmount: isoAmount(p.amount, p.currency) };
  return {
    settlementAmount: isoAmount(p.fx.deliveredMinor, p.fx.targetCurrency),
    fx: { instructedAmount: isoAmount(p.amount, p.currency), exchangeRate: isoExchangeRate(p.fx.rate) },
  };
}
