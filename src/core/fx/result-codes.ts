/**
 * Every outcome of an FX command or route computation, in one table (docs/fx.md copies it).
 * Numbers are what a journal would store: never reused or renumbered.
 */
const table = [
  [0, 'ok', 'applied'],
  [1, 'rate_malformed', 'a rate is a plain decimal like 7.1234: digits, at most one dot, no sign, exponent or spaces'],
  [2, 'rate_must_be_positive', 'a rate of zero or below'],
  [3, 'rate_too_many_digits', 'more than 12 significant digits'],
  [4, 'rate_outside_bounds', 'below 0.000000001 or above 1000000000: an absurd rate, almost surely a typing error'],
  [5, 'rate_outside_reference_band', "a price further from the operator's reference rate than the allowed deviation"],
  [6, 'quote_crossed', 'bid above ask: the provider would buy dearer than it sells, an arbitrage by itself'],
  [7, 'quote_side_missing', 'a quote (or a participant price) with neither bid nor ask'],
  [8, 'quote_id_invalid', 'quote ids have 1 to 35 characters'],
  [9, 'provider_invalid', 'provider ids have 1 to 35 characters'],
  [10, 'currency_unknown', 'not an ISO 4217 currency Corridor settles'],
  [11, 'pair_same_currency', 'base and counter (or source and target) are the same currency'],
  [12, 'pair_not_allowed', 'the operator does not allow this currency pair'],
  [13, 'size_range_invalid', 'size minimum must be at least 1 minor unit and at most the maximum, which is at most 10^18-1'],
  [14, 'expiry_not_in_future', 'the quote would already be expired when posted'],
  [15, 'expiry_too_far', 'firm quotes live at most 24 hours'],
  [16, 'participants_invalid', 'a restricted quote names 1 to 64 distinct participants with valid ids'],
  [17, 'quote_exists', 'a quote with this id is already in the book; replace it instead'],
  [18, 'quote_not_found', 'no quote with this id (never posted, or withdrawn)'],
  [19, 'quote_expired', 'the quote expired before this command'],
  [20, 'quote_provider_mismatch', 'only the provider that posted a quote may replace or withdraw it'],
  [21, 'quote_pair_changed', 'a replacement keeps the pair (base and counter) of the quote it replaces'],
  [22, 'quotes_per_pair_exceeded', 'the pair already has 64 live quotes'],
  [23, 'book_full', 'the book already holds 100,000 live quotes'],
  [24, 'quote_creates_arbitrage', 'with the live quotes, this quote closes a cycle of pairs whose rates multiply above 1'],
  [25, 'amount_invalid', 'route amounts are 1 to 10^18-1 minor units'],
  [26, 'no_route', 'no chain of quotes within the hop limit connects the currencies'],
  [27, 'quotes_expired', 'the only quotes that could serve were expired at the given time'],
  [28, 'amount_outside_quote_sizes', "the amount (per leg) falls outside every candidate quote's size range"],
  [29, 'quotes_restricted', 'the only quotes that could serve are restricted to other participants'],
  [30, 'arbitrage_cycle_detected', 'the book holds an arbitrage cycle; routing is refused until it is gone'],
  [31, 'route_search_limit', 'the search took more than 200,000 leg evaluations'],
  [32, 'policy_invalid', 'an operator policy outside its bounds (hops 1..4, deviation 0..5000 bps, known currencies)'],
] as const;

export type FxResultCode = (typeof table)[number][1];
export type FxFailureCode = Exclude<FxResultCode, 'ok'>;

export interface FxResultCodeInfo {
  readonly number: number;
  readonly code: FxResultCode;
  readonly meaning: string;
}

export const fxResultCodes: readonly FxResultCodeInfo[] = table.map(([number, code, meaning]) => ({ number, code, meaning }));

/** A refused command or route: the code is the contract, the detail is for humans. */
export interface FxFailure {
  readonly ok: false;
  readonly result: FxFailureCode;
  readonly detail: string;
}

export function fxFailure(result: FxFailureCode, detail: string): FxFailure {
  return { ok: false, result, detail };
}
