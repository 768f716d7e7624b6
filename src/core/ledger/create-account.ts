import type { ResultCode } from './result-codes.js';
import type { LedgerState } from './state.js';
import { insertAccount, type Mutations } from './mutations.js';
import { accountFlags, accountFlagsKnown, idMax, idZero, u128Max, type Account, type CreateAccountCommand } from './types.js';

export const participantLengthMax = 35;

export function createAccount(
  state: LedgerState,
  m: Mutations,
  command: CreateAccountCommand,
  timestamp: number,
): ResultCode {
  const invalid = validateAccount(command);
  if (invalid !== 'ok') return invalid;
  const existing = state.accounts.get(command.id);
  if (existing !== undefined) return compareExisting(command, existing);
  const account: Account = {
    id: command.id,
    ledger: command.ledger,
    code: command.code,
    kind: command.kind,
    participant: command.participant,
    flags: command.flags & ~accountFlags.linked,
    creditLine: command.creditLine,
    creditLineAtCreation: command.creditLine,
    debitsPending: 0n,
    debitsPosted: 0n,
    creditsPending: 0n,
    creditsPosted: 0n,
    timestamp,
    transfers: [],
  };
  insertAccount(state, m, account);
  return 'ok';
}

function validateAccount(c: CreateAccountCommand): ResultCode {
  if ((c.flags & ~accountFlagsKnown) !== 0) return 'reserved_flag';
  if (c.id === idZero) return 'id_must_not_be_zero';
  if (c.id === idMax) return 'id_must_not_be_int_max';
  const limitsDebits = (c.flags & accountFlags.debitsMustNotExceedCredits) !== 0;
  const limitsCredits = (c.flags & accountFlags.creditsMustNotExceedDebits) !== 0;
  if (limitsDebits && limitsCredits) return 'flags_are_mutually_exclusive';
  if (c.ledger === 0) return 'ledger_must_not_be_zero';
  if (c.code === 0) return 'code_must_not_be_zero';
  if (c.participant.length === 0) return 'participant_must_not_be_empty';
  if (c.participant.length > participantLengthMax) return 'participant_too_long';
  if (c.creditLine > u128Max) return 'credit_line_must_not_exceed_int_max';
  if (c.creditLine !== 0n && !limitsDebits) return 'credit_line_requires_debits_must_not_exceed_credits';
  return 'ok';
}

function compareExisting(c: CreateAccountCommand, e: Account): ResultCode {
  if ((c.flags & ~accountFlags.linked) !== e.flags) return 'exists_with_different_flags';
  if (c.ledger !== e.ledger) return 'exists_with_different_ledger';
  if (c.code !== e.code) return 'exists_with_different_code';
  if (c.kind !== e.kind) return 'exists_with_different_kind';
  if (c.participant !== e.participant) return 'exists_with_different_participant';
  if (c.creditLine !== e.creditLineAtCreation) return 'exists_with_different_credit_line';
  return 'exists';
}
