import type { FxFailureCode } from '../fx/index.js';
import type { NetworkResult } from './results.js';

/** The network result (journaled, and the API's problem type) of each refusal of the FX core. */
export const fxNetworkResults: Readonly<Record<FxFailureCode, NetworkResult>> = {
  rate_malformed: 'fx_rate_invalid',
  rate_must_be_positive: 'fx_rate_invalid',
  rate_too_many_digits: 'fx_rate_invalid',
  rate_outside_bounds: 'fx_rate_invalid',
  rate_outside_reference_band: 'fx_rate_outside_reference_band',
  quote_crossed: 'fx_quote_invalid',
  quote_side_missing: 'fx_quote_invalid',
  quote_id_invalid: 'fx_quote_invalid',
  provider_invalid: 'fx_provider_invalid',
  currency_unknown: 'currency_unknown',
  pair_same_currency: 'fx_same_currency',
  pair_not_allowed: 'fx_pair_not_allowed',
  size_range_invalid: 'fx_quote_invalid',
  expiry_not_in_future: 'fx_quote_expiry_invalid',
  expiry_too_far: 'fx_quote_expiry_invalid',
  participants_invalid: 'fx_quote_invalid',
  quote_exists: 'fx_quote_exists',
  quote_not_found: 'fx_quote_unknown',
  quote_expired: 'fx_quote_expired',
  // Another provider's quote is not this provider's to see: as if there were none.
  quote_provider_mismatch: 'fx_quote_unknown',
  quote_pair_changed: 'fx_quote_pair_changed',
  quotes_per_pair_exceeded: 'fx_quote_limit_reached',
  book_full: 'fx_quote_limit_reached',
  quote_creates_arbitrage: 'fx_quote_creates_arbitrage',
  amount_invalid: 'amount_invalid',
  no_route: 'fx_no_route',
  quotes_expired: 'fx_quotes_expired',
  amount_outside_quote_sizes: 'fx_amount_outside_quote_sizes',
  quotes_restricted: 'fx_quotes_restricted',
  // Never in a running node: every quote that would close a cycle is refused when posted.
  arbitrage_cycle_detected: 'fx_no_route',
  route_search_limit: 'fx_no_route',
  policy_invalid: 'fx_policy_invalid',
};
