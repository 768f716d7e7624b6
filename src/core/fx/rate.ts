import { rateMaxText, rateMinText, rateSignificantDigitsMax, rateTextLengthMax } from './limits.js';
import { pow10, type Ratio } from './ratio.js';

/**
 * An exact decimal rate: units of counter currency per unit of base currency, in major units
 * ("7.1234" CNY per USD). value = mantissa / 10^scale; `text` is the canonical form (no trailing
 * fraction zeros), the one echoed in routes and messages.
 */
export interface Rate {
  readonly mantissa: bigint;
  readonly scale: number;
  readonly text: string;
}

export type RateError = 'rate_malformed' | 'rate_must_be_positive' | 'rate_too_many_digits' | 'rate_outside_bounds';
export type RateParse = { ok: true; rate: Rate } | { ok: false; error: RateError; detail: string };

const decimalPattern = /^(\d+)(?:\.(\d+))?$/;

/** Text to an exact rate. No rounding: a rate that cannot be held exactly is refused. */
export function parseRate(text: string): RateParse {
  if (text.length > rateTextLengthMax) return failure('rate_malformed', `rate text longer than ${rateTextLengthMax} characters`);
  if (text.startsWith('-')) return failure('rate_must_be_positive', `rate ${text} is negative`);
  const match = decimalPattern.exec(text);
  if (!match) return failure('rate_malformed', `rate ${JSON.stringify(text)} is not a decimal like 7.1234`);
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  const mantissa = BigInt((match[1] ?? '') + fraction);
  if (mantissa === 0n) return failure('rate_must_be_positive', `rate ${text} is zero`);
  const rate = makeRate(mantissa, fraction.length);
  if (rateCompareValue(rate, rateMin) < 0 || rateCompareValue(rate, rateMax) > 0) {
    return failure('rate_outside_bounds', `rate ${text} is outside ${rateMinText} .. ${rateMaxText}`);
  }
  if (mantissa.toString().length > rateSignificantDigitsMax) {
    return failure('rate_too_many_digits', `rate ${text} has more than ${rateSignificantDigitsMax} significant digits`);
  }
  return { ok: true, rate };
}

/** The exact value as a ratio (major units of counter per major unit of base). */
export function rateRatio(rate: Rate): Ratio {
  return { num: rate.mantissa, den: pow10(rate.scale) };
}

function rateCompareValue(a: Rate, b: Rate): number {
  const left = a.mantissa * pow10(b.scale);
  const right = b.mantissa * pow10(a.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

function makeRate(mantissa: bigint, scale: number): Rate {
  const digits = mantissa.toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const text = scale === 0 ? whole : `${whole}.${digits.slice(digits.length - scale)}`;
  return { mantissa, scale, text };
}

function parseBound(text: string): Rate {
  const match = decimalPattern.exec(text);
  const fraction = match?.[2] ?? '';
  return makeRate(BigInt((match?.[1] ?? '') + fraction), fraction.length);
}

const rateMin = parseBound(rateMinText);
const rateMax = parseBound(rateMaxText);

function failure(error: RateError, detail: string): RateParse {
  return { ok: false, error, detail };
}
