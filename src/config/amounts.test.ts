import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { amountMinorMax } from '../core/money/index.js';
import { AmountTextError, formatMinorUnits, parseDecimalAmount } from './amounts.js';

function refusal(text: string, exponent: number): AmountTextError {
  try {
    parseDecimalAmount(text, exponent);
  } catch (error) {
    assert.ok(error instanceof AmountTextError, `${text}: ${String(error)}`);
    return error;
  }
  assert.fail(`${JSON.stringify(text)} with exponent ${exponent} was accepted`);
}

describe('parseDecimalAmount', () => {
  it('turns exact decimal text into minor units', () => {
    assert.equal(parseDecimalAmount('1234.50', 2), 123450n);
    assert.equal(parseDecimalAmount('1234.5', 2), 123450n);
    assert.equal(parseDecimalAmount('1234', 2), 123400n);
    assert.equal(parseDecimalAmount('5', 0), 5n);
    assert.equal(parseDecimalAmount('1.234', 3), 1234n);
    assert.equal(parseDecimalAmount('0.0001', 4), 1n);
  });

  it('accepts zero, which limits and balances may be', () => {
    assert.equal(parseDecimalAmount('0', 2), 0n);
    assert.equal(parseDecimalAmount('0.00', 2), 0n);
    assert.equal(parseDecimalAmount('0', 0), 0n);
  });

  it('accepts 18 digits of minor units and no more', () => {
    assert.equal(parseDecimalAmount('9999999999999999.99', 2), amountMinorMax);
    assert.equal(parseDecimalAmount('999999999999999999', 0), amountMinorMax);
    const tooLarge = refusal('10000000000000000.00', 2);
    assert.equal(tooLarge.code, 'amount_exceeds_maximum');
    assert.equal(tooLarge.message, '"10000000000000000.00" exceeds the largest amount, 999999999999999999 minor units (18 digits)');
  });

  it('refuses more decimals than the currency has, even trailing zeros', () => {
    const cases: [string, number, string][] = [
      ['1.234', 2, '"1.234" has 3 decimal digit(s); this currency allows at most 2'],
      ['1.230', 2, '"1.230" has 3 decimal digit(s); this currency allows at most 2'],
      ['1.0', 0, '"1.0" has 1 decimal digit(s); this currency allows at most 0'],
      ['0.00001', 4, '"0.00001" has 5 decimal digit(s); this currency allows at most 4'],
    ];
    for (const [text, exponent, message] of cases) {
      const error = refusal(text, exponent);
      assert.equal(error.code, 'amount_too_many_fraction_digits', text);
      assert.equal(error.message, message);
    }
  });

  it('refuses signs, exponents, bare points, spaces, separators and leading zeros', () => {
    const cases: [string, string][] = [
      ['-1', 'amount_negative'],
      ['-0.50', 'amount_negative'],
      ['+1', 'amount_malformed'],
      ['1e5', 'amount_malformed'],
      ['1E5', 'amount_malformed'],
      ['1.', 'amount_malformed'],
      ['.5', 'amount_malformed'],
      ['', 'amount_malformed'],
      [' 5', 'amount_malformed'],
      ['5 ', 'amount_malformed'],
      ['1,000.00', 'amount_malformed'],
      ['1_000', 'amount_malformed'],
      ['0x10', 'amount_malformed'],
      ['Infinity', 'amount_malformed'],
      ['NaN', 'amount_malformed'],
      ['١٢', 'amount_malformed'],
      ['007.50', 'amount_leading_zero'],
      ['00', 'amount_leading_zero'],
      ['01', 'amount_leading_zero'],
    ];
    for (const [text, code] of cases) assert.equal(refusal(text, 2).code, code, JSON.stringify(text));
  });

  it('says what a well-formed amount looks like', () => {
    assert.equal(refusal('1e5', 2).message, '"1e5" is not a decimal amount like 1250.50 (digits, then optionally a point and 1 to 2 digits)');
    assert.equal(refusal('1.', 0).message, '"1." is not a decimal amount like 1250 (digits only: this currency has no decimals)');
    assert.equal(refusal('-1', 2).message, '"-1" is negative; amounts are written without a sign');
    assert.equal(refusal('007.50', 2).message, '"007.50" has a leading zero; write it without (like 7.50, not 007.50)');
  });

  it('repeats at most 40 characters of a refused text', () => {
    const error = refusal('x'.repeat(1000), 2);
    assert.ok(error.message.startsWith(`"${'x'.repeat(40)}…" is not`), error.message);
  });

  it('treats an exponent outside 0–4 as a programming error', () => {
    assert.throws(() => parseDecimalAmount('1', 5), /invariant broken: currency exponent 5/);
    assert.throws(() => formatMinorUnits(1n, -1), /invariant broken/);
  });
});

describe('formatMinorUnits', () => {
  it('writes exactly the exponent’s decimals', () => {
    assert.equal(formatMinorUnits(123450n, 2), '1234.50');
    assert.equal(formatMinorUnits(5n, 0), '5');
    assert.equal(formatMinorUnits(5n, 2), '0.05');
    assert.equal(formatMinorUnits(0n, 3), '0.000');
    assert.equal(formatMinorUnits(1n, 4), '0.0001');
    assert.equal(formatMinorUnits(-5n, 2), '-0.05');
    assert.equal(formatMinorUnits(amountMinorMax, 2), '9999999999999999.99');
  });
});

describe('amount text properties', () => {
  const exponent = fc.integer({ min: 0, max: 4 });

  it('parse(format(minor)) is minor for every amount in range', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: amountMinorMax }), exponent, (minor, e) => {
        assert.equal(parseDecimalAmount(formatMinorUnits(minor, e), e), minor);
      }),
    );
  });

  it('format(parse(text)) is text for every text written with all its decimals', () => {
    const canonical = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 14n }), exponent)
      .map(([whole, e]) => ({ e, text: e === 0 ? `${whole}` : `${whole}.${String(whole % 10n ** BigInt(e)).padStart(e, '0')}` }));
    fc.assert(
      fc.property(canonical, ({ e, text }) => {
        assert.equal(formatMinorUnits(parseDecimalAmount(text, e), e), text);
      }),
    );
  });

  it('parsing never loses or invents value: minor = whole × 10^e + fraction, for any shortened fraction', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 13n }), exponent, fc.nat(), (whole, e, seed) => {
        const digits = e === 0 ? 0 : (seed % e) + 1;
        const fraction = BigInt(seed) % 10n ** BigInt(digits);
        const text = digits === 0 ? `${whole}` : `${whole}.${String(fraction).padStart(digits, '0')}`;
        assert.equal(parseDecimalAmount(text, e), whole * 10n ** BigInt(e) + fraction * 10n ** BigInt(e - digits));
      }),
    );
  });

  it('every text is either an exact amount or an AmountTextError, never anything else', () => {
    const amountish = fc.string({ unit: fc.constantFrom('0', '1', '9', '.', '-', '+', 'e', ' '), maxLength: 24 });
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(amountish, fc.string({ maxLength: 30 })), exponent, (text, e) => {
        try {
          const minor = parseDecimalAmount(text, e);
          assert.ok(minor >= 0n && minor <= amountMinorMax);
          assert.equal(parseDecimalAmount(formatMinorUnits(minor, e), e), minor);
          accepted += 1;
        } catch (error) {
          assert.ok(error instanceof AmountTextError, String(error));
        }
      }),
      { numRuns: 2000, seed: 42 },
    );
    assert.ok(accepted > 20, `the generator reaches valid amounts too (${accepted})`);
  });
});
