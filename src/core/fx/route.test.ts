import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withdrawQuote } from './book.js';
import { buildRouteIndex } from './route-index.js';
import { findRoute, type RouteRequest, type RouteResult } from './route.js';
import { bookOf, hourMs, policy, terms } from './test-support.js';
import type { FxPolicy } from './policy.js';
import type { QuoteBook } from './book.js';

const direct = terms({ id: 'usdcny', base: 'USD', counter: 'CNY', bid: '7.12', ask: '7.20' });
const usdJpy = terms({ id: 'usdjpy', provider: 'FXPROVBB', base: 'USD', counter: 'JPY', bid: '150' });
// The provider sells CNY for JPY at 20.9 JPY per CNY: USD→JPY→CNY gives 150/20.9 ≈ 7.177 CNY per USD.
const cnyJpy = terms({ id: 'cnyjpy', provider: 'FXPROVCC', base: 'CNY', counter: 'JPY', ask: '20.9' });

const send1000Usd: RouteRequest = { participant: 'BANKAAAA', sourceCurrency: 'USD', targetCurrency: 'CNY', mode: 'send', amountMinor: 100000n };

function route(book: QuoteBook, request: RouteRequest, nowMs = 0, fxPolicy: FxPolicy = policy()): RouteResult {
  return findRoute(buildRouteIndex(book, fxPolicy, 0), request, nowMs);
}

function code(result: RouteResult): string {
  return result.ok ? 'ok' : result.result;
}

void describe('findRoute', () => {
  void it('takes the direct quote when it is the only one, rounding the output down', () => {
    const result = route(bookOf([direct]), send1000Usd);
    assert.ok(result.ok);
    assert.equal(result.route.sentMinor, 100000n);
    assert.equal(result.route.deliveredMinor, 712000n);
    assert.deepEqual(result.route.legs, [
      { provider: 'FXPROVAA', quoteId: 'usdcny', base: 'USD', counter: 'CNY', side: 'bid', rate: '7.12', from: 'USD', to: 'CNY', amountInMinor: 100000n, amountOutMinor: 712000n },
    ]);
  });

  void it('chains two pairs when the chain gives more than the direct quote', () => {
    const result = route(bookOf([direct, usdJpy, cnyJpy]), send1000Usd);
    assert.ok(result.ok);
    assert.deepEqual(result.route.legs.map((leg) => [leg.quoteId, leg.side, leg.amountInMinor, leg.amountOutMinor]), [
      ['usdjpy', 'bid', 100000n, 150000n],
      // 150000 JPY ÷ 20.9 = 7177.033… CNY, rounded down to 7177.03.
      ['cnyjpy', 'ask', 150000n, 717703n],
    ]);
    assert.equal(result.route.deliveredMinor, 717703n);
  });

  void it('tells apart routes whose rates differ by a few parts in 10^12 (closer than pruning by doubles trusts)', () => {
    const usdJpyFlat = terms({ id: 'usdjpy', base: 'USD', counter: 'JPY', bid: '150' });
    const usdEur = terms({ id: 'usdeur', provider: 'FXPROVBB', base: 'USD', counter: 'EUR', bid: '0.5' });
    const send = { participant: 'BANKAAAA', sourceCurrency: 'USD', targetCurrency: 'JPY', mode: 'send', amountMinor: 10n ** 15n } as const;
    // Via EUR: 0.5 × 300.000000001 = 150.0000000005 JPY per USD, 3.3 parts in 10^12 above the direct 150.
    const better = route(bookOf([usdJpyFlat, usdEur, terms({ id: 'eurjpy', provider: 'FXPROVCC', base: 'EUR', counter: 'JPY', bid: '300.000000001' })]), send);
    assert.ok(better.ok);
    assert.deepEqual([better.route.legs.map((leg) => leg.quoteId), better.route.deliveredMinor], [['usdeur', 'eurjpy'], 1_500_000_000_005_000n]);
    const worse = route(bookOf([usdJpyFlat, usdEur, terms({ id: 'eurjpy', provider: 'FXPROVCC', base: 'EUR', counter: 'JPY', bid: '299.999999999' })]), send);
    assert.ok(worse.ok);
    assert.deepEqual([worse.route.legs.map((leg) => leg.quoteId), worse.route.deliveredMinor], [['usdjpy'], 1_500_000_000_000_000n]);
    // Delivering the direct quote's 1.5·10^15 JPY costs 10^15 US cents directly, a little less via EUR.
    const deliver = route(bookOf([usdJpyFlat, usdEur, terms({ id: 'eurjpy', provider: 'FXPROVCC', base: 'EUR', counter: 'JPY', bid: '300.000000001' })]), { ...send, mode: 'deliver', amountMinor: 1_500_000_000_000_000n });
    assert.ok(deliver.ok);
    assert.deepEqual(deliver.route.legs.map((leg) => leg.quoteId), ['usdeur', 'eurjpy']);
    assert.ok(deliver.route.sentMinor < 10n ** 15n);
  });

  void it('checks each leg against its own quote size, in the base currency of that quote', () => {
    const smallJpy = { ...usdJpy, sizeMaxMinor: 99999n };
    assert.equal(route(bookOf([direct, smallJpy, cnyJpy]), send1000Usd).ok && 'direct', 'direct');
    const result = route(bookOf([direct, usdJpy, { ...cnyJpy, sizeMaxMinor: 717702n }]), send1000Usd);
    assert.ok(result.ok);
    assert.equal(result.route.legs[0]?.quoteId, 'usdcny');
    const exact = route(bookOf([direct, usdJpy, { ...cnyJpy, sizeMaxMinor: 717703n }]), send1000Usd);
    assert.equal(exact.ok && exact.route.legs.length, 2);
  });

  void it('obeys the hop limit and the excluded vehicle currencies', () => {
    const book = bookOf([direct, usdJpy, cnyJpy]);
    const oneHop = route(book, send1000Usd, 0, policy({ routeHops: 1 }));
    assert.equal(oneHop.ok && oneHop.route.legs.length, 1);
    const noJpy = route(book, send1000Usd, 0, policy({ vehicleCurrenciesExcluded: new Set(['JPY']) }));
    assert.equal(noJpy.ok && noJpy.route.legs[0]?.quoteId, 'usdcny');
    assert.equal(code(route(bookOf([usdJpy, cnyJpy]), send1000Usd, 0, policy({ routeHops: 1 }))), 'no_route');
  });

  void it('for "deliver Y" finds the least to send, rounding each input up', () => {
    const result = route(bookOf([direct, usdJpy, cnyJpy]), { ...send1000Usd, mode: 'deliver', amountMinor: 717703n });
    assert.ok(result.ok);
    // 7177.03 CNY × 20.9 = 149999.927 JPY, so 150000 JPY; 150000 JPY ÷ 150 = 1000.00 USD.
    assert.deepEqual(result.route.legs.map((leg) => [leg.amountInMinor, leg.amountOutMinor]), [[100000n, 150000n], [150000n, 717703n]]);
    assert.equal(result.route.sentMinor, 100000n);
    assert.equal(result.route.deliveredMinor, 717703n);
  });

  void it('gives a restricted quote’s own price to its participant only', () => {
    const special = terms({ id: 'vip', provider: 'FXPROVDD', base: 'USD', counter: 'CNY', bid: '7.13', participants: [{ participant: 'BANKAAAA', bid: '7.15', ask: null }] });
    const book = bookOf([direct, special]);
    const vip = route(book, send1000Usd);
    assert.equal(vip.ok && `${vip.route.legs[0]?.quoteId} ${vip.route.legs[0]?.rate}`, 'vip 7.15');
    const other = route(book, { ...send1000Usd, participant: 'BANKBBBB' });
    assert.equal(other.ok && other.route.legs[0]?.quoteId, 'usdcny');
    assert.equal(code(route(bookOf([special]), { ...send1000Usd, participant: 'BANKBBBB' })), 'quotes_restricted');
  });

  void it('refuses with a clear code: expired, withdrawn, outside sizes, unknown pairs, bad amounts', () => {
    const book = bookOf([direct]);
    assert.equal(code(route(book, send1000Usd, hourMs)), 'quotes_expired');
    assert.equal(code(route(book, send1000Usd, hourMs - 1)), 'ok');
    const withdrawn = withdrawQuote(book, { id: 'usdcny', provider: 'FXPROVAA' }, 0);
    assert.ok(withdrawn.ok);
    assert.equal(code(route(withdrawn.book, send1000Usd)), 'no_route');
    assert.equal(code(route(bookOf([{ ...direct, sizeMinMinor: 100001n }]), send1000Usd)), 'amount_outside_quote_sizes');
    assert.equal(code(route(bookOf([{ ...direct, sizeMaxMinor: 99999n }]), send1000Usd)), 'amount_outside_quote_sizes');
    assert.equal(code(route(book, { ...send1000Usd, targetCurrency: 'JPY' })), 'no_route');
    assert.equal(code(route(book, { ...send1000Usd, targetCurrency: 'ZZZ' })), 'currency_unknown');
    assert.equal(code(route(book, { ...send1000Usd, targetCurrency: 'USD' })), 'pair_same_currency');
    assert.equal(code(route(book, { ...send1000Usd, amountMinor: 0n })), 'amount_invalid');
    assert.equal(code(route(book, { ...send1000Usd, amountMinor: -5n })), 'amount_invalid');
    assert.equal(code(route(book, send1000Usd, 0, policy({ routeHops: 9 }))), 'policy_invalid');
  });

  void it('skips quotes the current policy no longer allows', () => {
    const book = bookOf([direct, usdJpy, cnyJpy]);
    const result = route(book, send1000Usd, 0, policy({ pairsAllowed: new Set(['USD/CNY', 'USD/JPY']) }));
    assert.equal(result.ok && result.route.legs[0]?.quoteId, 'usdcny');
  });

  void it('refuses to route over a book holding an arbitrage cycle, naming the cycle', () => {
    const crossing = terms({ id: 'cross', provider: 'FXPROVBB', base: 'USD', counter: 'CNY', bid: '7.25' });
    // postQuote would refuse it; a book assembled otherwise (say, a replay under an old rule) must not route.
    const book: QuoteBook = { quotes: new Map([...bookOf([direct]).quotes, ...bookOf([crossing]).quotes]) };
    const result = route(book, send1000Usd);
    assert.equal(code(result), 'arbitrage_cycle_detected');
    assert.ok(!result.ok && result.cycle);
    assert.deepEqual([...(result.cycle?.quoteIds ?? [])].sort(), ['cross', 'usdcny']);
  });
});
