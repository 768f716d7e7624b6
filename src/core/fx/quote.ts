import type { Rate } from './rate.js';

/** A two-way or one-sided price. bid: the provider buys base (pays counter); ask: it sells base. */
export interface QuotePrice {
  readonly bid: Rate | null;
  readonly ask: Rate | null;
}

/**
 * A provider's firm quote for BASE/COUNTER. Sizes are minor units of the base currency and bound
 * the base-currency amount of every leg that uses the quote, whichever way it converts.
 */
export interface Quote {
  readonly id: string;
  readonly provider: string;
  readonly base: string;
  readonly counter: string;
  readonly price: QuotePrice;
  readonly sizeMinMinor: bigint;
  readonly sizeMaxMinor: bigint;
  /** Live while now < expiresAtMs. */
  readonly expiresAtMs: number;
  readonly postedAtMs: number;
  /** null: offered to every participant at `price`. Otherwise offered only to these, each at its own price. */
  readonly participants: ReadonlyMap<string, QuotePrice> | null;
}

/** What a participant-restricted quote says for one participant; a missing side falls back to the quote's. */
export interface ParticipantPriceTerms {
  readonly participant: string;
  readonly bid: string | null;
  readonly ask: string | null;
}

/** The command text of post_quote and replace_quote: rates as decimal text, sizes in minor units. */
export interface QuoteTerms {
  readonly id: string;
  readonly provider: string;
  readonly base: string;
  readonly counter: string;
  readonly bid: string | null;
  readonly ask: string | null;
  readonly sizeMinMinor: bigint;
  readonly sizeMaxMinor: bigint;
  readonly expiresAtMs: number;
  readonly participants?: readonly ParticipantPriceTerms[] | null;
}

export function quoteIsLive(quote: Quote, nowMs: number): boolean {
  return nowMs < quote.expiresAtMs;
}

/** The price `participant` sees, or null when the quote is not offered to it. */
export function priceFor(quote: Quote, participant: string): QuotePrice | null {
  if (quote.participants === null) return quote.price;
  return quote.participants.get(participant) ?? null;
}

/** Every price in the quote: the public one, or each participant's. */
export function allPrices(quote: Quote): readonly QuotePrice[] {
  return quote.participants === null ? [quote.price] : [...quote.participants.values()];
}
