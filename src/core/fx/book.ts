import { findArbitrageCycle } from './arbitrage.js';
import { quotesPerBookMax, quotesPerPairMax } from './limits.js';
import type { FxPolicy } from './policy.js';
import { quoteEdges } from './quote-graph.js';
import { quoteIsLive, type Quote, type QuoteTerms } from './quote.js';
import { fxFailure, type FxFailure } from './result-codes.js';
import { parseQuoteTerms } from './validate-quote.js';

/**
 * The quote book as plain data. Commands never mutate it: each returns a new book, so the
 * sequencer can apply a batch and keep or drop the result as one step.
 */
export interface QuoteBook {
  readonly quotes: ReadonlyMap<string, Quote>;
}

export const emptyQuoteBook: QuoteBook = { quotes: new Map() };

export type BookChange = { ok: true; book: QuoteBook; quote: Quote } | FxFailure;

export interface WithdrawQuote {
  readonly id: string;
  readonly provider: string;
}

/** post_quote: a new firm quote. Expired quotes still in the book are dropped first. */
export function postQuote(book: QuoteBook, terms: QuoteTerms, policy: FxPolicy, nowMs: number): BookChange {
  const live = pruneExpired(book, nowMs);
  if (live.quotes.has(terms.id)) return fxFailure('quote_exists', `quote ${terms.id} is in the book`);
  if (live.quotes.size >= quotesPerBookMax) return fxFailure('book_full', `${quotesPerBookMax} live quotes`);
  return admit(live, terms, policy, nowMs);
}

/** replace_quote: new price, size and expiry for a live quote of the same provider and pair. */
export function replaceQuote(book: QuoteBook, terms: QuoteTerms, policy: FxPolicy, nowMs: number): BookChange {
  const found = findOwnLiveQuote(book, terms.id, terms.provider, nowMs);
  if (!found.ok) return found;
  if (found.quote.base !== terms.base || found.quote.counter !== terms.counter) {
    return fxFailure('quote_pair_changed', `quote ${terms.id} is ${found.quote.base}/${found.quote.counter}`);
  }
  const others = new Map(pruneExpired(book, nowMs).quotes);
  others.delete(terms.id);
  return admit({ quotes: others }, terms, policy, nowMs);
}

/** withdraw_quote: the quote leaves the book at once. */
export function withdrawQuote(book: QuoteBook, command: WithdrawQuote, nowMs: number): BookChange {
  const found = findOwnLiveQuote(book, command.id, command.provider, nowMs);
  if (!found.ok) return found;
  const quotes = new Map(book.quotes);
  quotes.delete(command.id);
  return { ok: true, book: { quotes }, quote: found.quote };
}

/** The book without quotes expired at `nowMs`; the same object when nothing expired. */
export function pruneExpired(book: QuoteBook, nowMs: number): QuoteBook {
  let expired = 0;
  for (const quote of book.quotes.values()) if (!quoteIsLive(quote, nowMs)) expired += 1;
  if (expired === 0) return book;
  return { quotes: new Map([...book.quotes].filter(([, quote]) => quoteIsLive(quote, nowMs))) };
}

function findOwnLiveQuote(book: QuoteBook, id: string, provider: string, nowMs: number): { ok: true; quote: Quote } | FxFailure {
  const quote = book.quotes.get(id);
  if (quote === undefined) return fxFailure('quote_not_found', `quote ${id}`);
  if (quote.provider !== provider) return fxFailure('quote_provider_mismatch', `quote ${id} belongs to ${quote.provider}`);
  if (!quoteIsLive(quote, nowMs)) return fxFailure('quote_expired', `quote ${id} expired at ${quote.expiresAtMs}`);
  return { ok: true, quote };
}

/** Validates and adds to a book of live quotes that does not hold the id. */
function admit(live: QuoteBook, terms: QuoteTerms, policy: FxPolicy, nowMs: number): BookChange {
  const parsed = parseQuoteTerms(terms, policy, nowMs);
  if (!parsed.ok) return parsed;
  const quote = parsed.quote;
  let samePair = 0;
  for (const other of live.quotes.values()) {
    const same = (other.base === quote.base && other.counter === quote.counter) || (other.base === quote.counter && other.counter === quote.base);
    if (same) samePair += 1;
  }
  if (samePair >= quotesPerPairMax) return fxFailure('quotes_per_pair_exceeded', `${quote.base}/${quote.counter} has ${samePair} live quotes`);
  const quotes = new Map(live.quotes);
  quotes.set(quote.id, quote);
  const cycle = findArbitrageCycle([...quotes.values()].flatMap(quoteEdges));
  if (cycle !== null) {
    const path = [...cycle.currencies, cycle.currencies[0]].join('→');
    return fxFailure('quote_creates_arbitrage', `cycle ${path} via quotes ${cycle.quoteIds.join(', ')}`);
  }
  return { ok: true, book: { quotes }, quote };
}
