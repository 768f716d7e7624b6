import { assert } from '../assert.js';

/**
 * An exact positive rational, num/den in bigint. Every FX comparison and conversion goes through
 * here so that no float or logarithm ever decides which price wins or how much money moves.
 */
export interface Ratio {
  readonly num: bigint;
  readonly den: bigint;
}

export const ratioOne: Ratio = { num: 1n, den: 1n };

const pow10Table: bigint[] = [1n];

/** 10^n as bigint, cached: rate scales and currency exponents are small. */
export function pow10(n: number): bigint {
  assert(Number.isInteger(n) && n >= 0 && n <= 512, `power of ten ${n} in range`);
  while (pow10Table.length <= n) pow10Table.push((pow10Table[pow10Table.length - 1] ?? 1n) * 10n);
  return pow10Table[n] ?? 1n;
}

export function ratioMul(a: Ratio, b: Ratio): Ratio {
  return { num: a.num * b.num, den: a.den * b.den };
}

export function ratioInverse(a: Ratio): Ratio {
  return { num: a.den, den: a.num };
}

/**
 * num/den as a double, for pruning only (see `approxMargin`): within 3 roundings of the exact
 * value. Bounded FX ratios (at most four rates of 12 digits, powers of ten up to 10^4) stay far
 * inside the double range; anything else is a broken invariant.
 */
export function ratioApprox(a: Ratio): number {
  const approx = Number(a.num) / Number(a.den);
  assert(Number.isFinite(approx) && approx > 0, 'a ratio is a positive number within the double range');
  return approx;
}

/**
 * Relative margin by which a comparison of doubles must win before a route search trusts it to
 * prune. Each double here is within a few roundings (each ≤ 2^-53 ≈ 1.1·10^-16) of the exact
 * value, so a comparison won by more than 10^-9 has the exact comparison's answer; closer calls
 * are decided exactly in bigint, or not pruned. Money is never computed in doubles.
 */
export const approxMargin = 1e-9;

/** -1, 0 or 1 by exact cross-multiplication (denominators are positive). */
export function ratioCompare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

/** floor(amount × ratio): what a provider pays at most for `amount` in, never more than the rate gives. */
export function convertDown(amount: bigint, ratio: Ratio): bigint {
  assert(amount >= 0n && ratio.num > 0n && ratio.den > 0n, 'convertDown arguments positive');
  return (amount * ratio.num) / ratio.den;
}

/** ceil(amount ÷ ratio): the least input whose conversion at `ratio` covers `amount`. */
export function inputForOutput(amount: bigint, ratio: Ratio): bigint {
  assert(amount >= 0n && ratio.num > 0n && ratio.den > 0n, 'inputForOutput arguments positive');
  const scaled = amount * ratio.den;
  return (scaled + ratio.num - 1n) / ratio.num;
}
