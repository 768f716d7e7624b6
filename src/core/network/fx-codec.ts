/** The FX part of the network state snapshot: the policy, the quote book (rates as text), the held routes. */
import { parseRate, type Quote, type QuotePrice, type Rate } from '../fx/index.js';
import type { FxPolicyRecord, FxState, HeldRouteRecord } from './fx-types.js';

interface QuoteLine {
  readonly id: string;
  readonly provider: string;
  readonly base: string;
  readonly counter: string;
  readonly bid: string | null;
  readonly ask: string | null;
  readonly sizeMinMinor: bigint;
  readonly sizeMaxMinor: bigint;
  readonly expiresAtMs: number;
  readonly postedAtMs: number;
  readonly participants: readonly (readonly [string, string | null, string | null])[] | null;
}

export function encodeFxState(fx: FxState, put: (kind: string, value: unknown) => void): void {
  put('fxPolicy', fx.policy);
  for (const q of fx.book.quotes.values()) {
    const line: QuoteLine = {
      id: q.id,
      provider: q.provider,
      base: q.base,
      counter: q.counter,
      bid: q.price.bid?.text ?? null,
      ask: q.price.ask?.text ?? null,
      sizeMinMinor: q.sizeMinMinor,
      sizeMaxMinor: q.sizeMaxMinor,
      expiresAtMs: q.expiresAtMs,
      postedAtMs: q.postedAtMs,
      participants: q.participants === null ? null : [...q.participants].map(([p, price]) => [p, price.bid?.text ?? null, price.ask?.text ?? null] as const),
    };
    put('fxQuote', line);
  }
  for (const route of fx.routes.values()) put('fxRoute', route);
}

function rateOf(text: string | null): Rate | null {
  if (text === null) return null;
  const parsed = parseRate(text);
  if (!parsed.ok) throw new RangeError(`snapshot rate ${text}: ${parsed.detail}`);
  return parsed.rate;
}

function priceOf(bid: string | null, ask: string | null): QuotePrice {
  return { bid: rateOf(bid), ask: rateOf(ask) };
}

/** Reads one FX line into the state; false when the kind is not an FX one. */
export function decodeFxLine(fx: FxState, kind: string, value: unknown): boolean {
  switch (kind) {
    case 'fxPolicy':
      fx.policy = value as FxPolicyRecord;
      return true;
    case 'fxQuote': {
      const q = value as QuoteLine;
      const quote: Quote = {
        id: q.id,
        provider: q.provider,
        base: q.base,
        counter: q.counter,
        price: priceOf(q.bid, q.ask),
        sizeMinMinor: q.sizeMinMinor,
        sizeMaxMinor: q.sizeMaxMinor,
        expiresAtMs: q.expiresAtMs,
        postedAtMs: q.postedAtMs,
        participants: q.participants === null ? null : new Map(q.participants.map(([p, bid, ask]) => [p, priceOf(bid, ask)])),
      };
      const quotes = fx.book.quotes as Map<string, Quote>;
      // The shared empty book is never mutated: the first quote starts the snapshot's own map.
      if (quotes.size === 0) fx.book = { quotes: new Map([[quote.id, quote]]) };
      else quotes.set(quote.id, quote);
      return true;
    }
    case 'fxRoute': {
      const route = value as HeldRouteRecord;
      fx.routes.set(route.routeId, route);
      return true;
    }
    default:
      return false;
  }
}
