import { networkResultInfo, type NetworkResult } from '../core/network/results.js';
import { ProblemError, type ProblemSlug } from './problems.js';

/** How a refused network command reads to an API client. */
const slugs: Partial<Record<NetworkResult, ProblemSlug>> = {
  currency_exists: 'already-exists',
  currency_unknown: 'unknown-currency',
  currency_invalid: 'invalid-setting',
  participant_exists: 'already-exists',
  participant_unknown: 'unknown-participant',
  participant_invalid: 'invalid-setting',
  sponsor_invalid: 'invalid-setting',
  agent_invalid: 'invalid-setting',
  participant_not_in_currency: 'participant-not-in-currency',
  participant_suspended: 'participant-suspended',
  api_key_exists: 'already-exists',
  api_key_unknown: 'not-found',
  limit_invalid: 'invalid-setting',
  webhook_invalid: 'invalid-setting',
  webhook_cursor_invalid: 'invalid-setting',
  amount_invalid: 'amount-invalid',
  insufficient_funds: 'insufficient-funds',
  funding_reference_reused: 'funding-reference-reused',
  idempotency_key_reused: 'idempotency-key-reused',
  duplicate_uetr: 'duplicate-uetr',
  same_agent: 'same-agent',
  not_sponsor: 'not-sponsor',
  role_missing: 'forbidden',
  text_invalid: 'invalid-request',
  duplicate_message: 'duplicate-message',
  payment_unknown: 'not-found',
  payment_not_cancellable: 'not-cancellable',
  cancellation_exists: 'already-exists',
  cancellation_not_pending: 'not-cancellable',
  return_invalid: 'amount-invalid',
  reason_invalid: 'invalid-request',
  version_invalid: 'invalid-setting',
  settlement_mode_invalid: 'settlement-mode',
  window_unknown: 'not-found',
  window_state_invalid: 'window-state',
  window_in_progress: 'window-state',
  windows_per_day_exceeded: 'window-state',
  payment_not_queued: 'not-cancellable',
  settlement_limit_reached: 'unavailable',
};

export function resultProblem(result: NetworkResult): ProblemError {
  return new ProblemError(slugs[result] ?? 'internal', networkResultInfo(result).meaning);
}
