import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseRate } from './rate.js';

void describe('parseRate', () => {
  void it('holds decimal rates exactly as mantissa and scale, in canonical text', () => {
    assert.deepEqual(parseRate('7.1234'), { ok: true, rate: { mantissa: 71234n, scale: 4, text: '7.1234' } });
    assert.deepEqual(parseRate('0.0067'), { ok: true, rate: { mantissa: 67n, scale: 4, text: '0.0067' } });
    assert.deepEqual(parseRate('150.500'), { ok: true, rate: { mantissa: 1505n, scale: 1, text: '150.5' } });
    assert.deepEqual(parseRate('3'), { ok: true, rate: { mantissa: 3n, scale: 0, text: '3' } });
  });

  void it('refuses zero, negative, malformed, over-precise and absurd rates with their codes', () => {
    const cases: [string, string][] = [
      ['0', 'rate_must_be_positive'],
      ['0.000', 'rate_must_be_positive'],
      ['-7.1', 'rate_must_be_positive'],
      ['', 'rate_malformed'],
      ['7,1', 'rate_malformed'],
      ['1e3', 'rate_malformed'],
      ['.5', 'rate_malformed'],
      ['5.', 'rate_malformed'],
      [' 5', 'rate_malformed'],
      ['NaN', 'rate_malformed'],
      ['1.234567890123', 'rate_too_many_digits'],
      ['0.0000000009', 'rate_outside_bounds'],
      ['1000000000.1', 'rate_outside_bounds'],
      ['9'.repeat(40), 'rate_malformed'],
    ];
    for (const [text, code] of cases) {
      const parsed = parseRate(text);
      assert.equal(parsed.ok ? 'ok' : parsed.error, code, text);
    }
  });

  void it('accepts the documented bounds themselves and 12 significant digits', () => {
    for (const text of ['0.000000001', '1000000000', '123456.789012', '0.000123456789']) assert.equal(parseRate(text).ok, true, text);
  });

  void it('round-trips: the canonical text parses to the same rate (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: 10n ** 12n - 1n }), fc.integer({ min: 0, max: 9 }), (mantissa, scale) => {
        const digits = mantissa.toString().padStart(scale + 1, '0');
        const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        const parsed = parseRate(text);
        if (!parsed.ok) return parsed.error === 'rate_outside_bounds';
        const again = parseRate(parsed.rate.text);
        assert.deepEqual(again, parsed);
        // The exact value is kept: mantissa/10^scale equals the parsed one.
        assert.equal(mantissa * 10n ** BigInt(parsed.rate.scale), parsed.rate.mantissa * 10n ** BigInt(scale));
        return true;
      }),
    );
  });
});
