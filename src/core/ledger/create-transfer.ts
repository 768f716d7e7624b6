import { assert } from '../assert.js';
import { isTransient, type ResultCode } from './result-codes.js';
import type { LedgerState } from './state.js';
import { changeBalances, insertTransfer, setPendingStatus, type Mutations } from './mutations.js';
import {
  accountFlags,
  idMax,
  idZero,
  transferFlags,
  transferFlagsKnown,
  u128Max,
  type Account,
  type CreateTransferCommand,
  type Transfer,
} from './types.js';

export const endToEndIdLengthMax = 35;
export const timeoutMsMax = 2 ** 32 - 1;
/** Timestamps are microseconds in a double: they stay exact below 2^53. */
const timestampMax = Number.MAX_SAFE_INTEGER;

/** Creates one transfer (single-phase, pending, post or void), following TigerBeetle's rules and order of checks. */
export function createTransfer(
  state: LedgerState,
  m: Mutations,
  command: CreateTransferCommand,
  timestamp: number,
  commandIndex: number,
): ResultCode {
  const result = createTransferUnrecorded(state, m, command, timestamp, commandIndex);
  // A transient failure burns the id: it may not succeed later with a different outcome.
  if (result !== 'ok' && isTransient(result)) state.failedIds.add(command.id);
  return result;
}

function createTransferUnrecorded(
  state: LedgerState,
  m: Mutations,
  c: CreateTransferCommand,
  timestamp: number,
  commandIndex: number,
): ResultCode {
  if ((c.flags & ~transferFlagsKnown) !== 0) return 'reserved_flag';
  if (c.id === idZero) return 'id_must_not_be_zero';
  if (c.id === idMax) return 'id_must_not_be_int_max';
  const existing = state.transfers.get(c.id);
  if (existing !== undefined) return compareExisting(c, existing);
  if (state.failedIds.size > 0 && state.failedIds.has(c.id)) return 'id_already_failed';
  const phase = c.flags & (transferFlags.pending | transferFlags.postPending | transferFlags.voidPending);
  if (phase !== 0 && (phase & (phase - 1)) !== 0) return 'flags_are_mutually_exclusive';
  if (c.endToEndId.length > endToEndIdLengthMax) return 'end_to_end_id_too_long';
  if (c.amount > u128Max) return 'amount_must_not_exceed_int_max';
  if (phase === transferFlags.postPending || phase === transferFlags.voidPending) {
    return postOrVoidPending(state, m, c, timestamp);
  }
  const invalid = validateFirstPhase(c);
  if (invalid !== 'ok') return invalid;
  const debit = state.accounts.get(c.debitAccountId);
  if (debit === undefined) return 'debit_account_not_found';
  const credit = state.accounts.get(c.creditAccountId);
  if (credit === undefined) return 'credit_account_not_found';
  if (debit.ledger !== credit.ledger) return 'accounts_must_have_the_same_ledger';
  if (c.ledger !== debit.ledger) return 'transfer_must_have_the_same_ledger_as_accounts';
  const pending = phase === transferFlags.pending;
  if (pending && c.timeoutMs > 0 && timestamp + c.timeoutMs * 1000 > timestampMax) return 'overflows_timeout';
  const deferLimits = (c.flags & transferFlags.netLimits) !== 0 && m.deferredLimits !== null;
  const refused = checkBalances(debit, credit, c.amount, pending, deferLimits);
  if (refused !== 'ok') return refused;
  if (deferLimits) m.deferredLimits!.push({ account: debit, commandIndex }, { account: credit, commandIndex });
  const transfer = toTransfer(c, timestamp);
  insertTransfer(state, m, transfer, debit, credit);
  const pendingAmount = pending ? c.amount : 0n;
  const postedAmount = pending ? 0n : c.amount;
  changeBalances(state, m, debit, 'debit', pendingAmount, postedAmount, timestamp, c.id);
  changeBalances(state, m, credit, 'credit', pendingAmount, postedAmount, timestamp, c.id);
  if (pending) {
    setPendingStatus(state, m, c.id, 'pending');
    if (c.timeoutMs > 0) state.expiries.push({ expiresAt: timestamp + c.timeoutMs * 1000, transferId: c.id });
  }
  return 'ok';
}

function validateFirstPhase(c: CreateTransferCommand): ResultCode {
  if (c.debitAccountId === idZero) return 'debit_account_id_must_not_be_zero';
  if (c.debitAccountId === idMax) return 'debit_account_id_must_not_be_int_max';
  if (c.creditAccountId === idZero) return 'credit_account_id_must_not_be_zero';
  if (c.creditAccountId === idMax) return 'credit_account_id_must_not_be_int_max';
  if (c.debitAccountId === c.creditAccountId) return 'accounts_must_be_different';
  if (c.pendingId !== idZero) return 'pending_id_must_be_zero';
  if (c.timeoutMs !== 0 && (c.flags & transferFlags.pending) === 0) return 'timeout_reserved_for_pending_transfer';
  if (c.timeoutMs < 0 || c.timeoutMs > timeoutMsMax || !Number.isInteger(c.timeoutMs)) return 'timeout_must_not_exceed_max';
  if (c.ledger === 0) return 'ledger_must_not_be_zero';
  if (c.code === 0) return 'code_must_not_be_zero';
  if (c.amount === 0n) return 'amount_must_not_be_zero';
  return 'ok';
}

/**
 * Below this, the sum of three balances or amounts cannot pass 2^128-1, so the overflow checks
 * (each an allocating bigint addition) can be skipped: comparisons allocate nothing.
 */
const overflowGuard = 2n ** 126n;

/** Limits first (a refusal is the common case; deferred for netLimits chains), then overflows, which only absurd amounts reach. */
function checkBalances(debit: Account, credit: Account, amount: bigint, pending: boolean, deferLimits: boolean): ResultCode {
  if (!deferLimits && debit.flags & accountFlags.debitsMustNotExceedCredits) {
    if (debit.debitsPending + debit.debitsPosted + amount > debit.creditsPosted + debit.creditLine) return 'exceeds_credits';
  }
  if (!deferLimits && credit.flags & accountFlags.creditsMustNotExceedDebits) {
    if (credit.creditsPending + credit.creditsPosted + amount > credit.debitsPosted) return 'exceeds_debits';
  }
  if (
    amount < overflowGuard &&
    debit.debitsPending < overflowGuard &&
    debit.debitsPosted < overflowGuard &&
    credit.creditsPending < overflowGuard &&
    credit.creditsPosted < overflowGuard
  ) {
    return 'ok';
  }
  if (pending) {
    if (debit.debitsPending + amount > u128Max) return 'overflows_debits_pending';
    if (credit.creditsPending + amount > u128Max) return 'overflows_credits_pending';
  } else {
    if (debit.debitsPosted + amount > u128Max) return 'overflows_debits_posted';
    if (credit.creditsPosted + amount > u128Max) return 'overflows_credits_posted';
  }
  if (debit.debitsPending + debit.debitsPosted + amount > u128Max) return 'overflows_debits';
  if (credit.creditsPending + credit.creditsPosted + amount > u128Max) return 'overflows_credits';
  return 'ok';
}

function postOrVoidPending(state: LedgerState, m: Mutations, c: CreateTransferCommand, timestamp: number): ResultCode {
  if (c.pendingId === idZero) return 'pending_id_must_not_be_zero';
  if (c.pendingId === idMax) return 'pending_id_must_not_be_int_max';
  if (c.pendingId === c.id) return 'pending_id_must_be_different';
  if (c.timeoutMs !== 0) return 'timeout_reserved_for_pending_transfer';
  const p = state.transfers.get(c.pendingId);
  if (p === undefined) return 'pending_transfer_not_found';
  if ((p.flags & transferFlags.pending) === 0) return 'pending_transfer_not_pending';
  if (c.debitAccountId !== idZero && c.debitAccountId !== p.debitAccountId) return 'pending_transfer_has_different_debit_account_id';
  if (c.creditAccountId !== idZero && c.creditAccountId !== p.creditAccountId) return 'pending_transfer_has_different_credit_account_id';
  if (c.ledger !== 0 && c.ledger !== p.ledger) return 'pending_transfer_has_different_ledger';
  if (c.code !== 0 && c.code !== p.code) return 'pending_transfer_has_different_code';
  const posting = (c.flags & transferFlags.postPending) !== 0;
  // Post: 0 means the full reserved amount; less settles part and releases the rest.
  if (posting && c.amount > p.amount) return 'exceeds_pending_transfer_amount';
  if (!posting && c.amount !== 0n && c.amount !== p.amount) return 'pending_transfer_has_different_amount';
  const status = state.pendingStatus.get(p.id);
  if (status === 'posted') return 'pending_transfer_already_posted';
  if (status === 'voided') return 'pending_transfer_already_voided';
  if (status === 'expired' || (p.timeoutMs > 0 && p.timestamp + p.timeoutMs * 1000 <= timestamp)) return 'pending_transfer_expired';
  const debit = state.accounts.get(p.debitAccountId);
  const credit = state.accounts.get(p.creditAccountId);
  assert(debit !== undefined && credit !== undefined, 'a pending transfer keeps its accounts');
  const amount = posting ? (c.amount === 0n ? p.amount : c.amount) : p.amount;
  const transfer: Transfer = {
    ...toTransfer(c, timestamp),
    debitAccountId: p.debitAccountId,
    creditAccountId: p.creditAccountId,
    ledger: p.ledger,
    code: p.code,
    amount,
  };
  insertTransfer(state, m, transfer, debit, credit);
  const posted = posting ? amount : 0n;
  changeBalances(state, m, debit, 'debit', -p.amount, posted, timestamp, c.id);
  changeBalances(state, m, credit, 'credit', -p.amount, posted, timestamp, c.id);
  setPendingStatus(state, m, p.id, posting ? 'posted' : 'voided');
  return 'ok';
}

/**
 * A retry with the same fields gets `exists`. For post/void, fields left 0 mean "as the
 * pending transfer", so they match the values that were filled in the first time.
 */
function compareExisting(c: CreateTransferCommand, e: Transfer): ResultCode {
  const finishing = (c.flags & (transferFlags.postPending | transferFlags.voidPending)) !== 0;
  const matches = (given: bigint | number | string, stored: bigint | number | string): boolean =>
    given === stored || (finishing && (given === 0n || given === 0 || given === idZero));
  if (c.flags !== e.flags) return 'exists_with_different_flags';
  if (!matches(c.debitAccountId, e.debitAccountId)) return 'exists_with_different_debit_account_id';
  if (!matches(c.creditAccountId, e.creditAccountId)) return 'exists_with_different_credit_account_id';
  if (!matches(c.amount, e.amount)) return 'exists_with_different_amount';
  if (c.pendingId !== e.pendingId) return 'exists_with_different_pending_id';
  if (!matches(c.ledger, e.ledger)) return 'exists_with_different_ledger';
  if (!matches(c.code, e.code)) return 'exists_with_different_code';
  if (c.timeoutMs !== e.timeoutMs) return 'exists_with_different_timeout';
  if (c.uetr !== e.uetr) return 'exists_with_different_uetr';
  if (c.endToEndId !== e.endToEndId) return 'exists_with_different_end_to_end_id';
  return 'exists';
}

function toTransfer(c: CreateTransferCommand, timestamp: number): Transfer {
  return {
    id: c.id,
    debitAccountId: c.debitAccountId,
    creditAccountId: c.creditAccountId,
    amount: c.amount,
    pendingId: c.pendingId,
    ledger: c.ledger,
    code: c.code,
    flags: c.flags,
    timeoutMs: c.timeoutMs,
    uetr: c.uetr,
    endToEndId: c.endToEndId,
    timestamp,
  };
}
