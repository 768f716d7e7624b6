/**
 * Every outcome of a ledger command, in one table. The number is what the journal stores:
 * numbers are never reused or renumbered (append only), or old journals would replay wrongly.
 * `transient` marks failures that depend on state that can change (TigerBeetle's rule): an id
 * that failed transiently is burned, and its retry gets `id_already_failed`.
 */
const table = [
  [0, 'ok', false, 'applied'],
  [1, 'linked_event_failed', false, 'another command of the same linked chain failed; nothing of the chain was applied'],
  [2, 'linked_event_chain_open', false, 'the batch ended inside a linked chain (last command had the linked flag)'],
  [3, 'reserved_flag', false, 'a flag bit that has no meaning was set'],
  [4, 'id_must_not_be_zero', false, 'id 0 is reserved'],
  [5, 'id_must_not_be_int_max', false, 'id 2^128-1 is reserved'],
  [6, 'flags_are_mutually_exclusive', false, 'flags that cannot go together (pending with post/void, post with void, both balance limits)'],
  [7, 'ledger_must_not_be_zero', false, 'ledger 0 is reserved'],
  [8, 'code_must_not_be_zero', false, 'code 0 is reserved'],
  [9, 'participant_must_not_be_empty', false, 'an account needs an owner'],
  [10, 'participant_too_long', false, 'participant identifiers have at most 35 characters'],
  [11, 'credit_line_requires_debits_must_not_exceed_credits', false, 'a credit line only means something on an account whose debits are limited'],
  [12, 'credit_line_must_not_exceed_int_max', false, 'credit line beyond 2^128-1'],
  [13, 'exists_with_different_flags', false, 'the id exists with other flags'],
  [14, 'exists_with_different_ledger', false, 'the id exists with another ledger'],
  [15, 'exists_with_different_code', false, 'the id exists with another code'],
  [16, 'exists_with_different_kind', false, 'the account id exists with another kind'],
  [17, 'exists_with_different_participant', false, 'the account id exists with another participant'],
  [18, 'exists_with_different_credit_line', false, 'the account id was created with another credit line'],
  [19, 'exists', false, 'the same command was applied before; this retry changed nothing'],
  [20, 'debit_account_id_must_not_be_zero', false, ''],
  [21, 'debit_account_id_must_not_be_int_max', false, ''],
  [22, 'credit_account_id_must_not_be_zero', false, ''],
  [23, 'credit_account_id_must_not_be_int_max', false, ''],
  [24, 'accounts_must_be_different', false, 'a transfer cannot debit and credit the same account'],
  [25, 'pending_id_must_be_zero', false, 'only post/void transfers name a pending transfer'],
  [26, 'pending_id_must_not_be_zero', false, 'post/void must name the pending transfer'],
  [27, 'pending_id_must_not_be_int_max', false, ''],
  [28, 'pending_id_must_be_different', false, 'a post/void cannot name itself'],
  [29, 'timeout_reserved_for_pending_transfer', false, 'only pending transfers can time out'],
  [30, 'amount_must_not_be_zero', false, 'transfers move a positive amount'],
  [31, 'amount_must_not_exceed_int_max', false, ''],
  [32, 'debit_account_not_found', true, ''],
  [33, 'credit_account_not_found', true, ''],
  [34, 'accounts_must_have_the_same_ledger', false, 'money never crosses currency ledgers; FX uses two transfers'],
  [35, 'transfer_must_have_the_same_ledger_as_accounts', false, ''],
  [36, 'pending_transfer_not_found', true, ''],
  [37, 'pending_transfer_not_pending', false, 'the named transfer was not created with the pending flag'],
  [38, 'pending_transfer_has_different_debit_account_id', false, ''],
  [39, 'pending_transfer_has_different_credit_account_id', false, ''],
  [40, 'pending_transfer_has_different_ledger', false, ''],
  [41, 'pending_transfer_has_different_code', false, ''],
  [42, 'exceeds_pending_transfer_amount', false, 'a post can settle at most the reserved amount'],
  [43, 'pending_transfer_has_different_amount', false, 'a void names the full reserved amount, or 0'],
  [44, 'pending_transfer_already_posted', false, ''],
  [45, 'pending_transfer_already_voided', false, ''],
  [46, 'pending_transfer_expired', false, 'the reservation timed out and was released'],
  [47, 'exists_with_different_debit_account_id', false, ''],
  [48, 'exists_with_different_credit_account_id', false, ''],
  [49, 'exists_with_different_amount', false, ''],
  [50, 'exists_with_different_pending_id', false, ''],
  [51, 'exists_with_different_timeout', false, ''],
  [52, 'exists_with_different_uetr', false, ''],
  [53, 'exists_with_different_end_to_end_id', false, ''],
  [54, 'overflows_debits_pending', true, 'a balance would pass 2^128-1'],
  [55, 'overflows_credits_pending', true, ''],
  [56, 'overflows_debits_posted', true, ''],
  [57, 'overflows_credits_posted', true, ''],
  [58, 'overflows_debits', true, 'pending plus posted debits would pass 2^128-1'],
  [59, 'overflows_credits', true, ''],
  [60, 'overflows_timeout', false, 'the expiry moment is beyond what timestamps can hold'],
  [61, 'exceeds_credits', true, 'debits would exceed credits plus the credit line (insufficient funds)'],
  [62, 'exceeds_debits', true, 'credits would exceed debits'],
  [63, 'id_already_failed', false, 'the id failed before for a reason that may have passed; use a new id'],
  [64, 'end_to_end_id_too_long', false, 'end-to-end ids have at most 35 characters (ISO 20022 Max35Text)'],
  [65, 'account_not_found', false, 'set_credit_line names an unknown account'],
  [66, 'credit_line_below_usage', false, 'the account already uses more than the new credit line allows'],
  [67, 'timeout_must_not_exceed_max', false, 'timeouts are at most 2^32-1 ms (about 49 days)'],
] as const;

export type ResultCode = (typeof table)[number][1];

export interface ResultCodeInfo {
  readonly number: number;
  readonly code: ResultCode;
  readonly transient: boolean;
  readonly meaning: string;
}

export const resultCodes: readonly ResultCodeInfo[] = table.map(([number, code, transient, meaning]) => ({
  number,
  code,
  transient,
  meaning,
}));

const byCode = new Map<ResultCode, ResultCodeInfo>(resultCodes.map((info) => [info.code, info]));
const byNumber = new Map<number, ResultCodeInfo>(resultCodes.map((info) => [info.number, info]));

export function resultCodeNumber(code: ResultCode): number {
  const info = byCode.get(code);
  if (info === undefined) throw new Error(`unknown result code ${code}`);
  return info.number;
}

export function resultCodeFromNumber(number: number): ResultCode | undefined {
  return byNumber.get(number)?.code;
}

export function isTransient(code: ResultCode): boolean {
  return byCode.get(code)?.transient ?? false;
}
