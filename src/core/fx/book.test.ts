import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { emptyQuoteBook, postQuote, replaceQuote, withdrawQuote, type BookChange } from './book.js';
import { quotesPerPairMax } from './limits.js';
import { parseRate } from './rate.js';
import { bookOf, hourMs, policy, terms } from './test-support.js';

function code(change: BookChange): string {
  return change.ok ? 'ok' : change.result;
}

function rate(text: string) {
  const parsed = parseRate(text);
  assert.ok(parsed.ok);
  return parsed.rate;
}

const usdCny = terms({ id: 'q1', base: 'USD', counter: 'CNY', bid: '7.1200', ask: '7.1300' });

void describe('post_quote', () => {
  void it('adds a two-way quote with exact rates and leaves the old book untouched', () => {
    const change = postQuote(emptyQuoteBook, usdCny, policy(), 0);
    assert.ok(change.ok);
    assert.equal(change.book.quotes.size, 1);
    assert.equal(change.quote.price.bid?.text, '7.12');
    assert.equal(emptyQuoteBook.quotes.size, 0);
  });

  void it('refuses bad terms with one code each', () => {
    const cases: [Parameters<typeof terms>[0], string][] = [
      [{ ...usdCny, bid: '0' }, 'rate_must_be_positive'],
      [{ ...usdCny, bid: '-7.1' }, 'rate_must_be_positive'],
      [{ ...usdCny, ask: '7.13.0' }, 'rate_malformed'],
      [{ ...usdCny, ask: '71300000000000' }, 'rate_outside_bounds'],
      [{ ...usdCny, bid: '7.2', ask: '7.1' }, 'quote_crossed'],
      [{ ...usdCny, bid: null, ask: null }, 'quote_side_missing'],
      [{ ...usdCny, base: 'XAU' }, 'currency_unknown'],
      [{ ...usdCny, counter: 'USD' }, 'pair_same_currency'],
      [{ ...usdCny, id: '' }, 'quote_id_invalid'],
      [{ ...usdCny, provider: 'P'.repeat(36) }, 'provider_invalid'],
      [{ ...usdCny, sizeMinMinor: 0n }, 'size_range_invalid'],
      [{ ...usdCny, sizeMinMinor: 10n, sizeMaxMinor: 9n }, 'size_range_invalid'],
      [{ ...usdCny, sizeMaxMinor: 10n ** 18n }, 'size_range_invalid'],
      [{ ...usdCny, expiresAtMs: 0 }, 'expiry_not_in_future'],
      [{ ...usdCny, expiresAtMs: 25 * hourMs }, 'expiry_too_far'],
      [{ ...usdCny, participants: [] }, 'participants_invalid'],
      [{ ...usdCny, participants: [{ participant: 'BANKAAAA', bid: null, ask: null }, { participant: 'BANKAAAA', bid: null, ask: null }] }, 'participants_invalid'],
      [{ ...usdCny, participants: [{ participant: 'BANKAAAA', bid: '7.2', ask: null }] }, 'quote_crossed'],
    ];
    for (const [bad, expected] of cases) assert.equal(code(postQuote(emptyQuoteBook, terms(bad), policy(), 0)), expected, expected);
  });

  void it('applies the operator policy: allowed pairs and the reference band', () => {
    const strict = policy({ pairsAllowed: new Set(['CNY/USD']), referenceRates: new Map([['USD/CNY', rate('7.125')]]), referenceDeviationBps: 100 });
    assert.equal(code(postQuote(emptyQuoteBook, usdCny, strict, 0)), 'ok');
    assert.equal(code(postQuote(emptyQuoteBook, terms({ id: 'j', base: 'USD', counter: 'JPY', bid: '150' }), strict, 0)), 'pair_not_allowed');
    // 1 % of 7.125 is 0.07125: 7.19625 is the top of the band, 7.1963 is past it.
    assert.equal(code(postQuote(emptyQuoteBook, { ...usdCny, ask: '7.19625' }, strict, 0)), 'ok');
    assert.equal(code(postQuote(emptyQuoteBook, { ...usdCny, ask: '7.1963' }, strict, 0)), 'rate_outside_reference_band');
    // The reference for USD/CNY also bounds a quote written as CNY/USD (inverted).
    const inverse = terms({ id: 'i', base: 'CNY', counter: 'USD', bid: '0.1403' });
    assert.equal(code(postQuote(emptyQuoteBook, inverse, strict, 0)), 'ok');
    assert.equal(code(postQuote(emptyQuoteBook, { ...inverse, bid: '0.15' }, strict, 0)), 'rate_outside_reference_band');
  });

  void it('refuses a duplicate id and too many quotes on one pair', () => {
    let book = bookOf([usdCny]);
    assert.equal(code(postQuote(book, usdCny, policy(), 1)), 'quote_exists');
    for (let i = 1; i < quotesPerPairMax; i += 1) {
      const change = postQuote(book, { ...usdCny, id: `q1-${i}` }, policy(), 1);
      assert.ok(change.ok);
      book = change.book;
    }
    assert.equal(code(postQuote(book, { ...usdCny, id: 'one-too-many', base: 'CNY', counter: 'USD', bid: '0.14', ask: null }, policy(), 1)), 'quotes_per_pair_exceeded');
  });

  void it('refuses a quote that crosses another provider’s price (two-currency arbitrage)', () => {
    const book = bookOf([usdCny]);
    const crossing = terms({ id: 'q2', provider: 'FXPROVBB', base: 'USD', counter: 'CNY', bid: '7.14' });
    const change = postQuote(book, crossing, policy(), 0);
    assert.equal(code(change), 'quote_creates_arbitrage');
    assert.match(change.ok ? '' : change.detail, /q1/);
  });

  void it('refuses a quote that closes a triangular arbitrage, and accepts one that does not', () => {
    const book = bookOf([
      terms({ id: 'a', base: 'USD', counter: 'JPY', bid: '150' }),
      terms({ id: 'b', base: 'JPY', counter: 'KWD', bid: '0.002' }),
    ]);
    // USD→JPY→KWD gives 0.3 KWD per USD; selling 1 KWD for more than 1/0.3 USD closes the loop above 1.
    assert.equal(code(postQuote(book, terms({ id: 'c', base: 'KWD', counter: 'USD', bid: '3.4' }), policy(), 0)), 'quote_creates_arbitrage');
    assert.equal(code(postQuote(book, terms({ id: 'c', base: 'KWD', counter: 'USD', bid: '3.3' }), policy(), 0)), 'ok');
  });

  void it('does not count expired quotes in the arbitrage check', () => {
    const book = bookOf([{ ...usdCny, expiresAtMs: 1000 }]);
    const crossing = terms({ id: 'q2', provider: 'FXPROVBB', base: 'USD', counter: 'CNY', bid: '7.14' });
    assert.equal(code(postQuote(book, crossing, policy(), 999)), 'quote_creates_arbitrage');
    const later = postQuote(book, crossing, policy(), 1000);
    assert.ok(later.ok);
    assert.equal(later.book.quotes.has('q1'), false);
  });
});

void describe('replace_quote and withdraw_quote', () => {
  const book = bookOf([usdCny]);

  void it('replaces price, size and expiry of the provider’s own live quote', () => {
    const change = replaceQuote(book, { ...usdCny, bid: '7.11', sizeMaxMinor: 500n, expiresAtMs: 2 * hourMs }, policy(), 10);
    assert.ok(change.ok);
    assert.equal(change.book.quotes.get('q1')?.price.bid?.text, '7.11');
    assert.equal(change.book.quotes.get('q1')?.sizeMaxMinor, 500n);
    assert.equal(book.quotes.get('q1')?.price.bid?.text, '7.12');
  });

  void it('refuses unknown, foreign, expired and re-paired quotes', () => {
    assert.equal(code(replaceQuote(book, { ...usdCny, id: 'nope' }, policy(), 10)), 'quote_not_found');
    assert.equal(code(replaceQuote(book, { ...usdCny, provider: 'FXPROVBB' }, policy(), 10)), 'quote_provider_mismatch');
    assert.equal(code(replaceQuote(book, { ...usdCny, expiresAtMs: 2 * hourMs }, policy(), hourMs)), 'quote_expired');
    assert.equal(code(replaceQuote(book, { ...usdCny, counter: 'JPY', bid: '150', ask: null }, policy(), 10)), 'quote_pair_changed');
    assert.equal(code(replaceQuote(book, { ...usdCny, bid: '0' }, policy(), 10)), 'rate_must_be_positive');
  });

  void it('withdraws once; the second withdrawal finds nothing', () => {
    const first = withdrawQuote(book, { id: 'q1', provider: 'FXPROVAA' }, 10);
    assert.ok(first.ok);
    assert.equal(first.book.quotes.size, 0);
    assert.equal(code(withdrawQuote(first.book, { id: 'q1', provider: 'FXPROVAA' }, 11)), 'quote_not_found');
    assert.equal(code(withdrawQuote(book, { id: 'q1', provider: 'FXPROVBB' }, 10)), 'quote_provider_mismatch');
    assert.equal(code(withdrawQuote(book, { id: 'q1', provider: 'FXPROVAA' }, hourMs)), 'quote_expired');
  });
});
