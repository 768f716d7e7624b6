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
  [145, 'amount_invalid', 'AM12', 'the amount must be positive and within 2^64 minor units'],
  [146, 'insufficient_funds', 'AM04', 'the payer’s balance and credit line do not cover the amount'],
  [147, 'funding_reference_reused', null, 'the funding reference was used for another movement'],
  [148, 'idempotency_key_reused', null, 'the idempotency key was used for a different request'],
  [149, 'duplicate_uetr', 'DUPL', 'a payment with this UETR exists'],
  [150, 'same_agent', 'AG01', 'debtor and creditor agent settle on the same account: not an interbank payment'],
  [151, 'not_sponsor', 'AG01', 'only the debtor agent, or its sponsor, may send on its behalf'],
  [152, 'role_missing', null, 'the participant lacks the role this needs'],
  [153, 'text_invalid', null, 'a text field is too long or has control characters'],
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
