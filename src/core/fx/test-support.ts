// Shared by the FX tests only (not a *.test.ts file, so the runner does not run it by itself).
import assert from 'node:assert/strict';
import { currencyByCode } from '../money/index.js';
import { emptyQuoteBook, postQuote, type QuoteBook } from './book.js';
import { openFxPolicy, type FxPolicy } from './policy.js';
import type { Quote, QuoteTerms } from './quote.js';
import { priceFor } from './quote.js';

export const hourMs = 60 * 60 * 1000;

export function terms(overrides: Partial<QuoteTerms> & Pick<QuoteTerms, 'id' | 'base' | 'counter'>): QuoteTerms {
  return {
    provider: 'FXPROVAA',
    bid: null,
    ask: null,
    sizeMinMinor: 1n,
    sizeMaxMinor: 10n ** 15n,
    expiresAtMs: hourMs,
    participants: null,
    ...overrides,
  };
}

export function policy(overrides: Partial<FxPolicy> = {}): FxPolicy {
  return { ...openFxPolicy, routeHops: 3, ...overrides };
}

/** Posts every quote, failing the test on any refusal. */
export function bookOf(list: readonly QuoteTerms[], fxPolicy: FxPolicy = policy(), nowMs = 0): QuoteBook {
  let book = emptyQuoteBook;
  for (const quoteTerms of list) {
    const change = postQuote(book, quoteTerms, fxPolicy, nowMs);
    assert.ok(change.ok, change.ok ? '' : `${quoteTerms.id}: ${change.result} ${change.detail}`);
    book = change.book;
  }
  return book;
}

export function exponent(code: string): number {
  const currency = currencyByCode(code);
  assert.ok(currency, code);
  return currency.exponent;
}

/**
 * An independent statement of one leg's conversion, straight from the quote's decimal rate:
 * the test oracle for the implementation's minor-unit ratios. Returns [num, den] of out per in.
 */
export function oracleRatio(quote: Quote, participant: string, sellsBase: boolean): [bigint, bigint] | null {
  const price = priceFor(quote, participant);
  const rate = sellsBase ? price?.bid : price?.ask;
  if (!rate) return null;
  const eBase = 10n ** BigInt(exponent(quote.base));
  const eCounter = 10n ** BigInt(exponent(quote.counter));
  const scale = 10n ** BigInt(rate.scale);
  // counter_minor = base_minor / 10^eB × rate × 10^eC  (and the inverse for the ask side)
  return sellsBase ? [rate.mantissa * eCounter, scale * eBase] : [scale * eBase, rate.mantissa * eCounter];
}
