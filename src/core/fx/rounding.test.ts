import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { amountMinorMax } from '../money/index.js';
import { buildRouteIndex } from './route-index.js';
import { findRoute, type RouteMode, type RouteResult } from './route.js';
import { bookOf, oracleRatio, policy, terms } from './test-support.js';

function single(base: string, counter: string, side: { bid?: string; ask?: string }, from: string, to: string, mode: RouteMode, amountMinor: bigint): RouteResult {
  const book = bookOf([terms({ id: 'q', base, counter, bid: side.bid ?? null, ask: side.ask ?? null, sizeMaxMinor: amountMinorMax })]);
  return findRoute(buildRouteIndex(book, policy(), 0), { participant: 'BANKAAAA', sourceCurrency: from, targetCurrency: to, mode, amountMinor }, 0);
}

function amounts(result: RouteResult): [bigint, bigint] | string {
  return result.ok ? [result.route.sentMinor, result.route.deliveredMinor] : result.result;
}

void describe('rounding across exponents (JPY 0, KWD 3, CNY 2)', () => {
  void it('send: the output is rounded down to the output currency’s minor unit', () => {
    // 1.01 USD × 150.37 = 151.8737 JPY → 151 JPY.
    assert.deepEqual(amounts(single('USD', 'JPY', { bid: '150.37' }, 'USD', 'JPY', 'send', 101n)), [101n, 151n]);
    // 1.234 KWD × 489.123 = 603.577782 JPY → 603 JPY.
    assert.deepEqual(amounts(single('KWD', 'JPY', { bid: '489.123' }, 'KWD', 'JPY', 'send', 1234n)), [1234n, 603n]);
    // 1000 JPY ÷ 489.5 = 2.04290… KWD → 2.042 KWD.
    assert.deepEqual(amounts(single('KWD', 'JPY', { ask: '489.5' }, 'JPY', 'KWD', 'send', 1000n)), [1000n, 2042n]);
    // 10.00 CNY × 0.04332 = 0.4332 KWD → 0.433 KWD.
    assert.deepEqual(amounts(single('CNY', 'KWD', { bid: '0.04332' }, 'CNY', 'KWD', 'send', 1000n)), [1000n, 433n]);
  });

  void it('deliver: the input is rounded up to the input currency’s minor unit', () => {
    // 2.043 KWD × 489.5 = 1000.0485 JPY → 1001 JPY.
    assert.deepEqual(amounts(single('KWD', 'JPY', { ask: '489.5' }, 'JPY', 'KWD', 'deliver', 2043n)), [1001n, 2043n]);
    // 151 JPY ÷ 150.37 = 1.004189… USD → 1.01 USD.
    assert.deepEqual(amounts(single('USD', 'JPY', { bid: '150.37' }, 'USD', 'JPY', 'deliver', 151n)), [101n, 151n]);
    // 0.433 KWD ÷ 0.04332 = 9.99538… CNY → 10.00 CNY.
    assert.deepEqual(amounts(single('CNY', 'KWD', { bid: '0.04332' }, 'CNY', 'KWD', 'deliver', 433n)), [1000n, 433n]);
  });

  void it('refuses an amount that converts to less than one minor unit', () => {
    // 0.01 CNY × 20.85 = 0.2085 JPY, nothing to deliver.
    assert.equal(amounts(single('CNY', 'JPY', { bid: '20.85' }, 'CNY', 'JPY', 'send', 1n)), 'amount_outside_quote_sizes');
  });

  void it('never creates money: provider gives at most rate × what it gets, and rounding is tight (property)', () => {
    const codes = ['USD', 'JPY', 'KWD', 'CNY', 'BHD', 'EUR', 'IDR'];
    const arbitrary = fc.record({
      pair: fc.uniqueArray(fc.constantFrom(...codes), { minLength: 2, maxLength: 2 }),
      mantissa: fc.bigInt({ min: 1n, max: 999_999_999n }),
      scale: fc.integer({ min: 0, max: 9 }),
      sellsBase: fc.boolean(),
      mode: fc.constantFrom<RouteMode>('send', 'deliver'),
      amount: fc.bigInt({ min: 1n, max: 10n ** 12n }),
    });
    fc.assert(
      fc.property(arbitrary, ({ pair, mantissa, scale, sellsBase, mode, amount }) => {
        const [base = '', counter = ''] = pair;
        const digits = mantissa.toString().padStart(scale + 1, '0');
        const rate = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
        const side = sellsBase ? { bid: rate } : { ask: rate };
        const [from, to] = sellsBase ? [base, counter] : [counter, base];
        let result: RouteResult;
        try {
          result = single(base, counter, side, from, to, mode, amount);
        } catch {
          return true; // the rate was out of bounds, refused by bookOf's assertion: not this property's concern
        }
        if (!result.ok) return true;
        const book = bookOf([terms({ id: 'q', base, counter, ...{ bid: side.bid ?? null, ask: side.ask ?? null }, sizeMaxMinor: amountMinorMax })]);
        const quote = book.quotes.get('q');
        assert.ok(quote);
        const ratio = oracleRatio(quote, 'BANKAAAA', sellsBase);
        assert.ok(ratio);
        const [num, den] = ratio;
        const paidIn = result.route.sentMinor;
        const paidOut = result.route.deliveredMinor;
        // Invariant: out ≤ in × rate (no money created), and one more minor unit would break it (tight).
        assert.ok(paidOut * den <= paidIn * num, `${paidOut} > ${paidIn} × ${rate}`);
        if (mode === 'send') assert.ok((paidOut + 1n) * den > paidIn * num, 'send rounds down by less than one unit');
        else assert.ok((paidIn - 1n) * num < paidOut * den, 'deliver rounds up by less than one unit');
        assert.equal(mode === 'send' ? paidIn : paidOut, amount);
        return true;
      }),
      { numRuns: 500 },
    );
  });
});
