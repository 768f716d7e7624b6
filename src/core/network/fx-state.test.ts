import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allInRateText } from './fx-state.js';

/** The definition, digit by digit: long division until 12 significant digits (leading zeros after the point not counted), 30 fraction digits or no remainder. */
function longDivision(sentMinor: bigint, sourceExponent: number, deliveredMinor: bigint, targetExponent: number): string {
  const num = deliveredMinor * 10n ** BigInt(sourceExponent);
  const den = sentMinor * 10n ** BigInt(targetExponent);
  const whole = num / den;
  let significant = whole === 0n ? 0 : whole.toString().length;
  let remainder = num % den;
  let fraction = '';
  while (significant < 12 && remainder !== 0n && fraction.length < 30) {
    remainder *= 10n;
    const digit = remainder / den;
    remainder %= den;
    fraction += digit.toString();
    if (significant > 0 || digit !== 0n) significant += 1;
  }
  fraction = fraction.replace(/0+$/, '');
  return fraction === '' ? whole.toString() : `${whole}.${fraction}`;
}

void describe('allInRateText: the all-in rate shown for an FX payment', () => {
  void it('writes 12 significant digits rounded down, trailing zeros dropped', () => {
    assert.equal(allInRateText(101n, 2, 151n, 0), '149.504950495');
    assert.equal(allInRateText(100n, 2, 15037n, 2), '150.37');
    assert.equal(allInRateText(1000n, 0, 2042n, 3), '0.002042');
    assert.equal(allInRateText(3n, 2, 1n, 2), '0.333333333333');
    assert.equal(allInRateText(7n, 0, 10n ** 15n, 0), '142857142857142');
    assert.equal(allInRateText(10n ** 18n - 1n, 0, 1n, 3), '0.000000000000000000001');
    assert.equal(allInRateText(10n ** 18n - 1n, 0, 0n, 0), '0');
  });

  void it('equals the digit-by-digit long division, over amounts and exponents of every size', () => {
    const amount = fc.oneof(fc.bigInt({ min: 1n, max: 1000n }), fc.bigInt({ min: 1n, max: 10n ** 18n - 1n }));
    fc.assert(
      fc.property(amount, fc.integer({ min: 0, max: 3 }), fc.oneof(fc.constant(0n), amount), fc.integer({ min: 0, max: 3 }), (sent, es, delivered, et) => {
        assert.equal(allInRateText(sent, es, delivered, et), longDivision(sent, es, delivered, et));
      }),
      { numRuns: 3000 },
    );
  });
});
