/**
 * Every outcome of the settlement engine, in one table (documented again in docs/settlement.md).
 * Event errors: the event was refused and nothing changed. Rejection reasons: the event was
 * applied, and a payment ended rejected for the reason given.
 */
const eventErrorTable = [
  ['unknown_participant', 'a participant named by the event is not in the engine'],
  ['payment_to_self', 'payer and payee are the same participant'],
  ['amount_not_positive', 'a payment amount must be greater than zero'],
  ['amount_negative', 'a credit line, reservation or cap must not be negative'],
  ['payment_id_invalid', 'payment ids are 1 to 36 characters'],
  ['payment_id_exists', 'a payment with this id was submitted before (retries are not re-applied)'],
  ['payment_not_found', 'no payment has this id'],
  ['payment_already_settled', 'the payment settled; it can no longer be cancelled'],
  ['payment_already_rejected', 'the payment was rejected or cancelled before'],
  ['payments_per_day_exceeded', 'paymentsPerDayMax payments were submitted today'],
  ['liquidity_below_credit_line', 'the change would take the balance below minus the credit line'],
  ['not_dns_mode', 'settlement windows exist only in dns mode'],
  ['window_not_found', 'no window has this id'],
  ['window_already_closed', 'the window was closed before'],
  ['window_not_closed', 'the window is still open; close it first'],
  ['window_not_settling', 'the window is not settling (settle it first, or it already finished)'],
  ['window_finished', 'the window already settled or was aborted'],
  ['window_in_progress', 'another window is closed and not yet settled or aborted'],
  ['windows_per_day_exceeded', 'windowsPerDayMax windows were closed today'],
  ['day_ended', 'end of day was processed; no more events but queries'],
  ['participant_exists', 'add_participant: a participant with this id is in the engine'],
  ['participants_exceeded', 'add_participant: the engine already has participantsMax participants'],
  ['net_debit_cap_below_position', 'set_net_debit_cap: the open window already uses more than the new cap'],
  ['payment_not_queued', 'hold: the payment is not queued'],
  ['payment_not_held', 'release: the payment is not held'],
  ['not_gross_mode', 'hold, release and the queue order exist only in rtgs and rtgs-lsm'],
  ['queue_order_invalid', 'set_queue_order: the queue order is fifo or fifo-bypass'],
  ['cancel_breaches_payee_cap', 'dns: taking the payment out of the open window would leave its payee beyond its net debit cap'],
] as const;

const rejectionTable = [
  ['exceeds_net_debit_cap', 'dns: the payment would take the payer beyond its net debit cap'],
  ['queue_full', 'rtgs: the payer already has queueLengthMax queued payments (or all have queuedPaymentsMax)'],
  ['cancelled', 'the payer cancelled the queued payment'],
  ['end_of_day', 'rtgs: still queued at end of day; the payer lacked liquidity'],
  ['window_aborted', 'dns: the window was aborted; nothing of it settled'],
  ['net_debit_not_covered', 'dns: a net debtor could not cover its net position, so the window was aborted'],
] as const;

export type SettlementError = (typeof eventErrorTable)[number][0];
export type RejectionReason = (typeof rejectionTable)[number][0];

export const settlementErrors: ReadonlyMap<SettlementError, string> = new Map(eventErrorTable);
export const rejectionReasons: ReadonlyMap<RejectionReason, string> = new Map(rejectionTable);
