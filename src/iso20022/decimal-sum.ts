import { type Currency, currencyByCode, parseAmount } from '../core/money/index.js';

/**
 * Control sums (CtrlSum) are plain decimals summed across currencies, so they are compared at a
 * common scale. Parsing goes through core/money's parseAmount with a unit of that scale, so
 * there is one decimal parser in Corridor and never a float.
 */
export const controlSumScaleMax = 17;

function scaleUnit(exponent: number): Currency {
  return { code: 'DEC', numeric: 0, exponent, name: `decimal with ${exponent} fraction digits` };
}

export function fractionDigits(text: string): number {
  const dot = text.indexOf('.');
  return dot === -1 ? 0 : text.length - dot - 1;
}

/** The decimal text at `exponent` fraction digits, or null when it is not a decimal that fits. */
export function scaledDecimal(text: string, exponent: number): bigint | null {
  const parsed = parseAmount(text, scaleUnit(exponent), { allowZero: true });
  return parsed.ok ? parsed.minor : null;
}

/** An amount's exponent: its currency's, or its own fraction digits when the code is unknown. */
export function amountExponent(value: string, currencyCode: string): number {
  return currencyByCode(currencyCode)?.exponent ?? fractionDigits(value);
}
