import { currencyByCode, parseAmount } from '../core/money/index.js';
import { type XmlElement, attributeOf, descendantsWithAttribute, trimmedText } from './dom.js';
import { type IsoFailure, isoFailure } from './reasons.js';

/**
 * Every amount of any message (elements with a Ccy attribute): the currency is an ISO 4217
 * currency with a minor unit, and the amount has no more decimals than its exponent
 * (CBPR+ and T2 refuse "100.001" EUR and "100.5" JPY; the XSD allows 5 decimals for all).
 * Zero is allowed here: balances and charges may be zero.
 */
export function amountFailures(root: XmlElement): IsoFailure[] {
  return descendantsWithAttribute(root, 'Ccy').flatMap((element) => {
    const failure = amountFailure(element);
    return failure ? [failure] : [];
  });
}

function amountFailure(element: XmlElement): IsoFailure | null {
  const code = attributeOf(element, 'Ccy') ?? '';
  const currency = currencyByCode(code);
  if (!currency) {
    return isoFailure('currency_unknown', `${element.name} currency ${code} is not an ISO 4217 currency with a minor unit`, element.line);
  }
  const parsed = parseAmount(trimmedText(element), currency, { allowZero: true });
  return parsed.ok ? null : isoFailure('amount_invalid', `${element.name}: ${parsed.detail}`, element.line);
}
