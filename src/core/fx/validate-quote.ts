import { amountMinorMax, currencyByCode } from '../money/index.js';
import {
  participantIdLengthMax,
  quoteIdLengthMax,
  quoteParticipantsMax,
  quoteTtlMsMax,
} from './limits.js';
import { pairAllowed, withinReferenceBand, type FxPolicy } from './policy.js';
import type { ParticipantPriceTerms, Quote, QuotePrice, QuoteTerms } from './quote.js';
import { parseRate, rateRatio, type Rate } from './rate.js';
import { ratioCompare } from './ratio.js';
import { fxFailure, type FxFailure } from './result-codes.js';

export type QuoteParse = { ok: true; quote: Quote } | FxFailure;

/** Checks the terms of post_quote/replace_quote against the limits and the policy, in a fixed order. */
export function parseQuoteTerms(terms: QuoteTerms, policy: FxPolicy, nowMs: number): QuoteParse {
  const identity = checkIdentity(terms, policy);
  if (identity) return identity;
  const size = checkSize(terms);
  if (size) return size;
  const expiry = checkExpiry(terms, nowMs);
  if (expiry) return expiry;
  // A restricted quote may leave its own price empty when every participant names one.
  const restricted = (terms.participants ?? null) !== null;
  const price = parsePrice(terms.bid, terms.ask, null, terms, policy, !restricted);
  if (!price.ok) return price;
  const participants = parseParticipants(terms, price.price, policy);
  if (participants !== null && !(participants instanceof Map)) return participants;
  const quote: Quote = {
    id: terms.id,
    provider: terms.provider,
    base: terms.base,
    counter: terms.counter,
    price: price.price,
    sizeMinMinor: terms.sizeMinMinor,
    sizeMaxMinor: terms.sizeMaxMinor,
    expiresAtMs: terms.expiresAtMs,
    postedAtMs: nowMs,
    participants,
  };
  return { ok: true, quote };
}

function idValid(id: string, lengthMax: number): boolean {
  return id.length >= 1 && id.length <= lengthMax && id.trim() === id;
}

function checkIdentity(terms: QuoteTerms, policy: FxPolicy): FxFailure | null {
  if (!idValid(terms.id, quoteIdLengthMax)) return fxFailure('quote_id_invalid', `quote id ${JSON.stringify(terms.id)}`);
  if (!idValid(terms.provider, participantIdLengthMax)) return fxFailure('provider_invalid', `provider ${JSON.stringify(terms.provider)}`);
  for (const code of [terms.base, terms.counter]) {
    if (!currencyByCode(code)) return fxFailure('currency_unknown', `currency ${JSON.stringify(code)} is unknown`);
  }
  if (terms.base === terms.counter) return fxFailure('pair_same_currency', `pair ${terms.base}/${terms.counter}`);
  if (!pairAllowed(policy, terms.base, terms.counter)) return fxFailure('pair_not_allowed', `pair ${terms.base}/${terms.counter}`);
  return null;
}

function checkSize(terms: QuoteTerms): FxFailure | null {
  const { sizeMinMinor: min, sizeMaxMinor: max } = terms;
  if (min < 1n || max < min || max > amountMinorMax) {
    return fxFailure('size_range_invalid', `size range ${min}..${max} minor units of ${terms.base}`);
  }
  return null;
}

function checkExpiry(terms: QuoteTerms, nowMs: number): FxFailure | null {
  if (!Number.isSafeInteger(terms.expiresAtMs) || terms.expiresAtMs <= nowMs) {
    return fxFailure('expiry_not_in_future', `expiry ${terms.expiresAtMs} is not after now ${nowMs}`);
  }
  if (terms.expiresAtMs - nowMs > quoteTtlMsMax) {
    return fxFailure('expiry_too_far', `expiry is more than ${quoteTtlMsMax} ms after now`);
  }
  return null;
}

type PriceParse = { ok: true; price: QuotePrice } | FxFailure;

/** One side's text, or the fallback side when the text is null (participant prices fall back to the quote's). */
function parseSide(
  text: string | null,
  fallback: Rate | null,
  terms: QuoteTerms,
  policy: FxPolicy,
): { ok: true; rate: Rate | null } | FxFailure {
  if (text === null) return { ok: true, rate: fallback };
  const parsed = parseRate(text);
  if (!parsed.ok) return fxFailure(parsed.error, parsed.detail);
  if (!withinReferenceBand(policy, terms.base, terms.counter, parsed.rate)) {
    return fxFailure('rate_outside_reference_band', `${terms.base}/${terms.counter} at ${parsed.rate.text} is outside the reference band`);
  }
  return { ok: true, rate: parsed.rate };
}

function parsePrice(
  bid: string | null,
  ask: string | null,
  fallback: QuotePrice | null,
  terms: QuoteTerms,
  policy: FxPolicy,
  sideRequired = true,
): PriceParse {
  const bidSide = parseSide(bid, fallback?.bid ?? null, terms, policy);
  if (!bidSide.ok) return bidSide;
  const askSide = parseSide(ask, fallback?.ask ?? null, terms, policy);
  if (!askSide.ok) return askSide;
  if (sideRequired && bidSide.rate === null && askSide.rate === null) return fxFailure('quote_side_missing', `quote ${terms.id} has neither bid nor ask`);
  if (bidSide.rate && askSide.rate && ratioCompare(rateRatio(bidSide.rate), rateRatio(askSide.rate)) > 0) {
    return fxFailure('quote_crossed', `bid ${bidSide.rate.text} is above ask ${askSide.rate.text}`);
  }
  return { ok: true, price: { bid: bidSide.rate, ask: askSide.rate } };
}

function parseParticipants(terms: QuoteTerms, fallback: QuotePrice, policy: FxPolicy): Map<string, QuotePrice> | FxFailure | null {
  const list: readonly ParticipantPriceTerms[] | null = terms.participants ?? null;
  if (list === null) return null;
  if (list.length < 1 || list.length > quoteParticipantsMax) {
    return fxFailure('participants_invalid', `a restricted quote names 1..${quoteParticipantsMax} participants, not ${list.length}`);
  }
  const prices = new Map<string, QuotePrice>();
  for (const entry of list) {
    if (!idValid(entry.participant, participantIdLengthMax) || prices.has(entry.participant)) {
      return fxFailure('participants_invalid', `participant ${JSON.stringify(entry.participant)} is invalid or repeated`);
    }
    const price = parsePrice(entry.bid, entry.ask, fallback, terms, policy);
    if (!price.ok) return price;
    prices.set(entry.participant, price.price);
  }
  return prices;
}
