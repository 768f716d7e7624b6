import type { Currency } from './currency.js';

/**
 * ISO 20022 amounts carry at most 18 digits (ActiveCurrencyAndAmount totalDigits=18), so an
 * amount in minor units never exceeds 18 digits either, in any currency.
 */
export const amountMinorMax = 10n ** 18n - 1n;

export type AmountError =
  | 'amount_malformed'
  | 'amount_negative'
  | 'amount_zero'
  | 'amount_too_many_fraction_digits'
  | 'amount_exceeds_maximum';

export type AmountParse = { ok: true; minor: bigint } | { ok: false; error: AmountError; detail: string };

export interface AmountParseOptions {
  /** Balances and fees may be zero; payment amounts may not. */
  allowZero?: boolean;
}

const decimalPattern = /^(\d+)(?:\.(\d+))?$/;
const decimalTextLengthMax = 64;

/**
 * Exact decimal text to minor units: "35612.21" EUR is 3561221n.
 * Rule: fraction digits beyond the currency's exponent are refused, even zeros, as T2 and
 * CBPR+ refuse them; there is no rounding anywhere in parsing.
 */
export function parseAmount(text: string, currency: Currency, options: AmountParseOptions = {}): AmountParse {
  if (text.length > decimalTextLengthMax) return failure('amount_malformed', `amount text longer than ${decimalTextLengthMax} characters`);
  if (text.startsWith('-')) return failure('amount_negative', `amount ${text} is negative`);
  const match = decimalPattern.exec(text);
  if (!match) return failure('amount_malformed', `amount ${JSON.stringify(text)} is not a decimal like 123.45`);
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  if (fraction.length > currency.exponent) {
    return failure(
      'amount_too_many_fraction_digits',
      `${currency.code} has ${currency.exponent} decimal(s); ${text} has ${fraction.length}`,
    );
  }
  const minor = BigInt(whole + fraction.padEnd(currency.exponent, '0'));
  if (minor > amountMinorMax) return failure('amount_exceeds_maximum', `amount ${text} ${currency.code} has more than 18 digits`);
  if (minor === 0n && !options.allowZero) return failure('amount_zero', 'amount must be greater than zero');
  return { ok: true, minor };
}

/** Minor units to exact decimal text with exactly the currency's exponent: 3561221n EUR is "35612.21". */
export function formatAmount(minor: bigint, currency: Currency): string {
  const negative = minor < 0n;
  const digits = (negative ? -minor : minor).toString();
  if (currency.exponent === 0) return (negative ? '-' : '') + digits;
  const padded = digits.padStart(currency.exponent + 1, '0');
  const whole = padded.slice(0, padded.length - currency.exponent);
  const fraction = padded.slice(padded.length - currency.exponent);
  return `${negative ? '-' : ''}${whole}.${fraction}`;
}

function failure(error: AmountError, detail: string): AmountParse {
  return { ok: false, error, detail };
}
