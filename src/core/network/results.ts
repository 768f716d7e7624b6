/**
 * Every outcome of a network command. Numbers are what the journal stores, from 128 up so the
 * ledger's table (0–127) can grow: append only, never renumber. `iso` is the ISO 20022 status
 * reason (ExternalStatusReason1Code) a payment rejected for this reason carries.
 */
const table = [
  [128, 'accepted', null, 'applied'],
  [129, 'already_applied', null, 'the same command was applied before (idempotent retry); nothing changed'],
  [130, 'currency_exists', null, 'the currency is already registered with other settings'],
  [131, 'currency_unknown', 'AM03', 'no such currency on this network'],
  [132, 'currency_invalid', null, 'not an ISO 4217 code with a valid exponent and numeric code'],
  [133, 'participant_exists', null, 'the BIC is already registered with other settings'],
  [134, 'participant_unknown', 'RC01', 'no such participant'],
  [135, 'participant_invalid', null, 'a field of the participant is malformed'],
  [136, 'sponsor_invalid', null, 'an indirect participant needs a direct sponsor holding its currencies; a direct one has none'],
  [137, 'agent_invalid', null, 'the settlement agent must be a registered participant with the settlement_agent role'],
  [138, 'participant_not_in_currency', 'AM03', 'the participant does not hold this currency'],
  [139, 'participant_suspended', 'AG01', 'the participant is suspended: it may not send, nor receive'],
  [140, 'api_key_exists', null, 'the key id is taken'],
  [141, 'api_key_unknown', null, 'no such key'],
  [142, 'limit_invalid', null, 'a credit line or cap below what is in use, or on an account that has none'],
  [143, 'webhook_invalid', null, 'the webhook URL must be http(s) and the secret at least 16 characters'],
  [144, 'webhook_cursor_invalid', null, 'the delivered position is negative or beyond the inbox'],
  [145, 'amount_invalid', 'AM12', 'the amount must be positive and within 2^63 minor units (a payment: 18 digits)'],
  [146, 'insufficient_funds', 'AM04', 'the payer’s balance and credit line do not cover the amount'],
  [147, 'funding_reference_reused', null, 'the funding reference was used for another movement'],
  [148, 'idempotency_key_reused', null, 'the idempotency key was used for a different request'],
  [149, 'duplicate_uetr', 'DUPL', 'a payment with this UETR exists'],
  [150, 'same_agent', 'AG01', 'debtor and creditor agent settle on the same account: not an interbank payment'],
  [151, 'not_sponsor', 'AG01', 'only the debtor agent, or its sponsor, may send on its behalf'],
  [152, 'role_missing', null, 'the participant lacks the role this needs'],
  [153, 'text_invalid', null, 'a text field is too long or has control characters'],
  [154, 'duplicate_message', 'AM05', 'the sender already sent another message with this MsgId'],
  [155, 'payment_unknown', null, 'no such payment, or not this participant’s to act on'],
  [156, 'payment_not_cancellable', 'NOOR', 'the payment was rejected or already returned: there is nothing to cancel or return'],
  [157, 'cancellation_exists', null, 'a cancellation of this payment was already requested under another case'],
  [158, 'cancellation_not_pending', null, 'no cancellation of this payment awaits an answer'],
  [159, 'return_invalid', null, 'a return of more than the payment’s amount, or of nothing'],
  [160, 'reason_invalid', null, 'a reason must be an ISO 20022 external code of up to 4 capital letters or digits'],
  [161, 'version_invalid', null, 'not a message version this network can write'],
  [162, 'settlement_mode_invalid', null, 'the currency’s settlement mode has no such thing: windows and their schedule exist in dns currencies only; urgent reserves and the queue order in rtgs and rtgs-lsm only'],
  [163, 'window_unknown', null, 'no settlement window with this number in this currency'],
  [164, 'window_state_invalid', null, 'the window is not in a state that allows this: closing a closed window, settling or aborting an open or finished one'],
  [165, 'window_in_progress', null, 'another window of the currency is closed and not yet settled or aborted'],
  [166, 'windows_per_day_exceeded', null, 'the currency closed as many windows today as a day allows (1440)'],
  [167, 'payment_not_queued', null, 'only a queued payment, or one accepted into the open window (if its payee stays within its cap without it), can be cancelled at once; a settled one is asked back (camt.056)'],
  [168, 'queued_at_end_of_day', 'AB03', 'still queued at the end of the business day: the payer’s liquidity never covered it'],
  [169, 'queue_full', 'AM04', 'the payer’s liquidity does not cover it and its queue is full'],
  [170, 'exceeds_net_debit_cap', 'AM14', 'the payment would take the payer beyond its net debit cap'],
  [171, 'cancelled_by_sender', 'DS02', 'the debtor side cancelled it before it settled'],
  [172, 'window_aborted', 'AB04', 'its settlement window was aborted: nothing of the window settled'],
  [173, 'net_debit_not_covered', 'AB04', 'its settlement window was aborted: a net debtor could not cover its net position'],
  [174, 'settlement_limit_reached', null, 'the currency took as many payments today as a day allows (4,000,000); end of day starts a new day'],
  [175, 'queue_order_invalid', null, 'a queue order is fifo or fifo-bypass'],
  [190, 'fx_rate_invalid', null, 'a rate is a positive plain decimal (like 7.1234) of at most 12 significant digits within 0.000000001..1000000000: zero, negative, malformed or absurd rates are refused'],
  [191, 'fx_rate_outside_reference_band', null, 'a price further from the operator’s reference rate than the allowed deviation'],
  [192, 'fx_quote_invalid', null, 'a quote’s terms are malformed: crossed (bid above ask), no side, a bad id, base equal to counter, a size range outside 1..10^18-1 or a bad participant list'],
  [193, 'fx_quote_expiry_invalid', null, 'a quote expires after the moment it is posted and at most 24 hours later'],
  [194, 'fx_pair_not_allowed', 'CURR', 'the operator’s FX policy does not allow this currency pair'],
  [195, 'fx_quote_exists', null, 'a live quote with this id exists; replace it instead'],
  [196, 'fx_quote_unknown', null, 'no live quote with this id of this provider (never posted, or withdrawn)'],
  [197, 'fx_quote_expired', null, 'the quote expired before this command'],
  [198, 'fx_quote_pair_changed', null, 'a replacement keeps the pair (base and counter) of the quote it replaces'],
  [199, 'fx_quote_limit_reached', null, 'the pair already has 64 live quotes, or the book 100,000'],
  [200, 'fx_quote_creates_arbitrage', null, 'with the live quotes this quote closes a cycle of pairs whose rates multiply above 1'],
  [201, 'fx_no_route', 'CURR', 'no chain of live quotes within the policy’s hop limit converts the source currency into the target currency'],
  [202, 'fx_amount_outside_quote_sizes', 'AM12', 'the amount (of some leg) is outside every candidate quote’s size range, or converts to nothing'],
  [203, 'fx_quotes_expired', 'AB05', 'the only quotes that could serve have expired'],
  [204, 'fx_quotes_restricted', 'CURR', 'the only quotes that could serve are offered to other participants'],
  [205, 'fx_policy_invalid', null, 'an FX policy outside its bounds: hops 1..4, deviation 0..5000 bps, pairs of two distinct known currencies, valid reference rates, queue timeout 0..600000 ms'],
  [206, 'fx_route_unknown', null, 'no route with this id is held for this participant'],
  [207, 'fx_route_expired', 'AB05', 'the route’s hold ended before the payment (a held price lasts until the earliest of its hold and its quotes’ expiry)'],
  [208, 'fx_route_used', 'DUPL', 'the held route already priced another payment'],
  [209, 'fx_route_mismatch', null, 'the payment’s currencies or amount differ from the held route’s'],
  [210, 'fx_inventory_insufficient', 'AM04', 'an FX provider’s inventory does not cover its leg: nothing of the payment settled'],
  [211, 'fx_provider_invalid', null, 'quotes are posted by direct participants with the fx_provider role holding both currencies'],
  [212, 'fx_payment_final', 'NOOR', 'a cross-currency payment settled payment-versus-payment is final: it is not cancelled or returned through the network'],
  [213, 'fx_hold_invalid', null, 'a route is held for 1 to 300 seconds'],
  [214, 'fx_routes_held_max', null, 'too many routes are held at once (100,000); retry when some have ended'],
  [215, 'fx_same_currency', null, 'source and target currency are the same: send a same-currency payment'],
  [216, 'fx_instructed_amount_exceeded', 'AM09', 'delivering the interbank settlement amount would take more of the instructed currency than the instructed amount (InstdAmt)'],
  [220, 'list_import_exists', null, 'a list import with this id is open'],
  [221, 'list_import_unknown', null, 'no list import with this id is open'],
  [222, 'list_import_invalid', null, 'the import is malformed (ids, counts, scope) or too many imports are open (4)'],
  [223, 'list_chunk_invalid', null, 'the chunk is out of order or beyond the announced count, or an entry is malformed, of another list or a duplicate'],
  [224, 'list_import_incomplete', null, 'not every announced chunk and entry of the import has arrived'],
  [225, 'list_version_exists', null, 'this version of the list is loaded already'],
  [226, 'list_unknown', null, 'no version of this list is loaded'],
  [227, 'list_version_unknown', null, 'no such version of the list is loaded'],
  [228, 'list_version_active', null, 'the active version of a list cannot be removed; activate another or deactivate the list first'],
  [229, 'list_limit_reached', null, 'the network keeps at most 64 lists and 16 versions of each'],
  [230, 'jurisdictions_invalid', null, 'a list applies to all participants or to 1 to 300 distinct ISO 3166-1 alpha-2 jurisdictions'],
  [231, 'screening_thresholds_invalid', null, 'thresholds are numbers in (0, 1], the token threshold at most the name threshold'],
  [232, 'officer_invalid', null, 'an officer name has 1 to 64 of A-Z a-z 0-9 . _ @ -, a key id 8 to 32 letters or digits, a secret hash SHA-256 hex'],
  [233, 'hold_unknown', null, 'no payment with this UETR was held by screening'],
  [234, 'hold_decided', null, 'the hold was already decided otherwise'],
  [235, 'screening_field_invalid', 'FF01', 'a screened field of the payment is too long, has too many lines, or names an intermediary agent that is not a BIC'],
  [240, 'fx_wait_timed_out', 'AB03', 'the cross-currency payment waited in its source currency’s queue for the FX policy’s queueTimeoutMs and its payer’s liquidity never covered it: every reserved leg was voided'],
  [241, 'fx_wait_quotes_expired', 'AB05', 'the quotes (or the held route) pricing a waiting cross-currency payment expired before its payer’s liquidity covered it: every reserved leg was voided'],
  [250, 'hold_withdrawn', null, 'the sender cancelled the held payment: its hold is closed and can no longer be decided'],
] as const;

export type NetworkResult = (typeof table)[number][1];

export interface NetworkResultInfo {
  readonly number: number;
  readonly code: NetworkResult;
  readonly iso: string | null;
  readonly meaning: string;
}

export const networkResults: readonly NetworkResultInfo[] = table.map(([number, code, iso, meaning]) => ({ number, code, iso, meaning }));

const byCode = new Map<string, NetworkResultInfo>(networkResults.map((info) => [info.code, info]));
const byNumber = new Map<number, NetworkResultInfo>(networkResults.map((info) => [info.number, info]));

export function networkResultInfo(code: NetworkResult): NetworkResultInfo {
  return byCode.get(code)!;
}

export function isNetworkResult(code: string): code is NetworkResult {
  return byCode.has(code);
}

export function networkResultNumber(code: NetworkResult): number {
  return byCode.get(code)!.number;
}

export function networkResultFromNumber(number: number): NetworkResult | undefined {
  return byNumber.get(number)?.code;
}
