import type { ResultCode } from './result-codes.js';
import type { LedgerState } from './state.js';
import { setCreditLine, type Mutations } from './mutations.js';
import { accountFlags, u128Max, type SetCreditLineCommand } from './types.js';

/** The operator changes how far a settlement account may go below zero (an intraday credit line). */
export function applySetCreditLine(state: LedgerState, m: Mutations, command: SetCreditLineCommand): ResultCode {
  if ((command.flags & ~1) !== 0) return 'reserved_flag';
  if (command.creditLine > u128Max) return 'credit_line_must_not_exceed_int_max';
  const account = state.accounts.get(command.accountId);
  if (account === undefined) return 'account_not_found';
  if (command.creditLine !== 0n && (account.flags & accountFlags.debitsMustNotExceedCredits) === 0) {
    return 'credit_line_requires_debits_must_not_exceed_credits';
  }
  // Lowering the line below what is already drawn would leave the account in breach at once.
  const drawn = account.debitsPending + account.debitsPosted - account.creditsPosted;
  if (drawn > command.creditLine && (account.flags & accountFlags.debitsMustNotExceedCredits) !== 0) {
    return 'credit_line_below_usage';
  }
  setCreditLine(m, account, command.creditLine);
  return 'ok';
}
