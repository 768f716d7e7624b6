import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { amountMinorMax, currencyByCode, formatAmount, parseAmount, type Currency } from './index.js';

function currency(code: string): Currency {
  const found = currencyByCode(code);
  assert.ok(found, code);
  return found;
}

const eur = currency('EUR');
const jpy = currency('JPY');
const kwd = currency('KWD');

describe('currencies', () => {
  it('carries ISO 4217 exponents', () => {
    assert.equal(eur.exponent, 2);
    assert.equal(jpy.exponent, 0);
    assert.equal(kwd.exponent, 3);
    assert.equal(currency('CNY').exponent, 2);
    assert.equal(eur.numeric, 978);
  });

  it('has the testing code XTS with two decimals', () => {
    assert.deepEqual(currency('XTS'), { code: 'XTS', numeric: 963, exponent: 2, name: 'Testing currency' });
  });

  it('does not treat metals and unit-of-account codes as currencies', () => {
    assert.equal(currencyByCode('XAU'), undefined);
    assert.equal(currencyByCode('XXX'), undefined);
    assert.equal(currencyByCode('ABC'), undefined);
  });
});

describe('parseAmount', () => {
  it('turns exact decimal text into minor units', () => {
    assert.deepEqual(parseAmount('35612.21', eur), { ok: true, minor: 3561221n });
    assert.deepEqual(parseAmount('35612.2', eur), { ok: true, minor: 3561220n });
    assert.deepEqual(parseAmount('35612', eur), { ok: true, minor: 3561200n });
    assert.deepEqual(parseAmount('1234', jpy), { ok: true, minor: 1234n });
    assert.deepEqual(parseAmount('1.234', kwd), { ok: true, minor: 1234n });
  });

  it('refuses more fraction digits than the currency has, even zeros', () => {
    for (const [text, cur] of [['1.234', eur], ['1.0', jpy], ['1.2345', kwd], ['1.230', eur]] as const) {
      const parsed = parseAmount(text, cur);
      assert.equal(parsed.ok, false);
      assert.equal(!parsed.ok && parsed.error, 'amount_too_many_fraction_digits');
    }
  });

  it('refuses negative, zero, malformed and oversized amounts', () => {
    const cases: [string, string][] = [
      ['-1.00', 'amount_negative'],
      ['0.00', 'amount_zero'],
      ['0', 'amount_zero'],
      ['1e5', 'amount_malformed'],
      ['1,00', 'amount_malformed'],
      ['', 'amount_malformed'],
      ['.5', 'amount_malformed'],
      ['5.', 'amount_malformed'],
      [' 5', 'amount_malformed'],
      ['10000000000000000.00', 'amount_exceeds_maximum'],
    ];
    for (const [text, error] of cases) {
      const parsed = parseAmount(text, eur);
      assert.equal(parsed.ok ? 'ok' : parsed.error, error, text);
    }
  });

  it('accepts 18 digits and zero when asked', () => {
    assert.deepEqual(parseAmount('9999999999999999.99', eur), { ok: true, minor: amountMinorMax });
    assert.deepEqual(parseAmount('0.00', eur, { allowZero: true }), { ok: true, minor: 0n });
  });

  it('round-trips every amount in every exponent (format then parse)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: amountMinorMax }), fc.constantFrom(eur, jpy, kwd), (minor, cur) => {
        const text = formatAmount(minor, cur);
        assert.deepEqual(parseAmount(text, cur), { ok: true, minor });
      }),
    );
  });
});

describe('formatAmount', () => {
  it('writes exactly the currency exponent', () => {
    assert.equal(formatAmount(3561221n, eur), '35612.21');
    assert.equal(formatAmount(5n, eur), '0.05');
    assert.equal(formatAmount(0n, eur), '0.00');
    assert.equal(formatAmount(-5n, eur), '-0.05');
    assert.equal(formatAmount(1234n, jpy), '1234');
    assert.equal(formatAmount(1n, kwd), '0.001');
  });
});
