import { type Currency, currencyByCode, formatAmount, parseAmount } from '../../core/money/index.js';
import { IsoBuildError } from './errors.js';
import type { FxConversion, IsoAmount } from './types.js';
import { type XmlElement, leaf } from './xml.js';
import { exchangeRate } from './fields.js';

/** Minor units to an IsoAmount with exactly the currency's exponent (core/money formats it). */
export function isoAmount(minor: bigint, currencyCode: string): IsoAmount {
  return { value: formatAmount(minor, currencyOf(currencyCode, 'currency')), currency: currencyCode };
}

/** Minor units of an IsoAmount; a balance or charge may be zero, a payment amount may not. */
export function minorOf(amount: IsoAmount, field: string, allowZero = false): bigint {
  const parsed = parseAmount(amount.value, currencyOf(amount.currency, field), { allowZero });
  if (!parsed.ok) throw new IsoBuildError(field, parsed.detail);
  return parsed.minor;
}

/** <Name Ccy="EUR">35612.21</Name>, checked against the currency's exponent and the 18-digit limit. */
export function amountElement(name: string, amount: IsoAmount, field: string, allowZero = false): XmlElement {
  minorOf(amount, field, allowZero);
  return leaf(name, amount.value, { Ccy: amount.currency });
}

/**
 * ISO rules InstructedAmountAndExchangeRate1/2: a rate only travels with an instructed amount
 * in a currency other than the settlement currency.
 */
export function checkedFx(fx: FxConversion, settlement: IsoAmount, field: string): FxConversion {
  minorOf(fx.instructedAmount, `${field}.instructedAmount`);
  exchangeRate(fx.exchangeRate, `${field}.exchangeRate`);
  if (fx.instructedAmount.currency === settlement.currency) {
    throw new IsoBuildError(field, `instructed amount is in the settlement currency ${settlement.currency}; an exchange rate needs two currencies`);
  }
  return fx;
}

/** A Ccy code on its own (an account's currency), checked like an amount's. */
export function currencyCode(code: string, field: string): string {
  return currencyOf(code, field).code;
}

function currencyOf(code: string, field: string): Currency {
  const currency = currencyByCode(code);
  if (!currency) throw new IsoBuildError(field, `${JSON.stringify(code)} is not an ISO 4217 currency with a minor unit`);
  return currency;
}
