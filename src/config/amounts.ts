/**
 * Decimal text ⇄ bigint minor units for the edges (config file, HTTP API) that know a currency
 * only by its exponent. The rule itself lives in core/money (parseAmount, formatAmount); this
 * adds the canonical-text check, throws instead of returning a result, and says what was wrong.
 *
 * Accepted: `0`, `5`, `1234.5`, `1234.50` — digits, no leading zeros (except a lone `0` before
 * the point), optionally a point followed by 1 to `exponent` digits. Zero is accepted (limits and
 * balances may be zero); a caller that needs a positive amount checks that itself.
 * Refused: signs (`-1`, `+1`), exponents (`1e5`), `1.` and `.5`, spaces, group separators,
 * leading zeros (`007`), and more decimals than the currency has — even zeros (`1.230` in a
 * 2-decimal currency, `1.0` in a 0-decimal one), as T2 and CBPR+ refuse them. No rounding ever.
 * At most 18 digits in minor units (ISO 20022 totalDigits; core/money amountMinorMax).
 */
import { assert } from '../core/assert.js';
import { amountMinorMax, formatAmount, parseAmount, type AmountError, type Currency } from '../core/money/index.js';

/** ISO 4217 exponents run from 0 to 4 (CLF, UYW); core/network refuses anything else. */
export const exponentMax = 4;
/** How much of a refused text an error message repeats. */
const echoLengthMax = 40;

const leadingZeroPattern = /^0\d/;

export type AmountTextErrorCode = AmountError | 'amount_leading_zero';

/** A user's amount text that is not an amount: `code` for programs, the message for people. */
export class AmountTextError extends Error {
  override readonly name = 'AmountTextError';
  constructor(
    readonly code: AmountTextErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Exact decimal text to minor units: ("1234.50", 2) is 123450n, ("5", 0) is 5n. Throws AmountTextError. */
export function parseDecimalAmount(text: string, exponent: number): bigint {
  assertExponent(exponent);
  const shown = echo(text);
  if (leadingZeroPattern.test(text)) {
    throw new AmountTextError('amount_leading_zero', `${shown} has a leading zero; write it without (like 7.50, not 007.50)`);
  }
  const parsed = parseAmount(text, currencyWithExponent(exponent), { allowZero: true });
  if (parsed.ok) return parsed.minor;
  throw new AmountTextError(parsed.error, explain(parsed.error, shown, text, exponent));
}

/** Minor units to decimal text with exactly `exponent` decimals: (123450n, 2) is "1234.50", (5n, 0) is "5". */
export function formatMinorUnits(minor: bigint, exponent: number): string {
  assertExponent(exponent);
  return formatAmount(minor, currencyWithExponent(exponent));
}

function explain(error: AmountError, shown: string, text: string, exponent: number): string {
  switch (error) {
    case 'amount_negative':
      return `${shown} is negative; amounts are written without a sign`;
    case 'amount_too_many_fraction_digits': {
      const decimals = text.length - text.indexOf('.') - 1;
      return `${shown} has ${decimals} decimal digit(s); this currency allows at most ${exponent}`;
    }
    case 'amount_exceeds_maximum':
      return `${shown} exceeds the largest amount, ${amountMinorMax} minor units (18 digits)`;
    case 'amount_zero':
    case 'amount_malformed':
      return `${shown} is not a decimal amount like ${exampleAmount(exponent)} (${amountShape(exponent)})`;
  }
}

function exampleAmount(exponent: number): string {
  return exponent === 0 ? '1250' : `1250.${'5'.padEnd(exponent, '0')}`;
}

function amountShape(exponent: number): string {
  return exponent === 0 ? 'digits only: this currency has no decimals' : `digits, then optionally a point and 1 to ${exponent} digits`;
}

function echo(text: string): string {
  return JSON.stringify(text.length <= echoLengthMax ? text : `${text.slice(0, echoLengthMax)}…`);
}

function assertExponent(exponent: number): void {
  assert(Number.isInteger(exponent) && exponent >= 0 && exponent <= exponentMax, `currency exponent ${exponent} is an integer from 0 to ${exponentMax}`);
}

/** core/money speaks of currencies; only the exponent matters to parsing and formatting. */
function currencyWithExponent(exponent: number): Currency {
  return { code: 'XXX', numeric: 999, exponent, name: `exponent ${exponent}` };
}
