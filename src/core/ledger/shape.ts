import { accountKinds, idZero, u128Max, type LedgerCommand } from './types.js';

/**
 * Checks that every field of a command lies in the domain the journal can store (u128 ids and
 * amounts, u32 ledger, u16 code and flags, bounded text). The sequencer refuses a command that
 * fails here before it reaches a batch, so bad input never half-applies. Returns what is wrong,
 * or null.
 */
export function commandShapeError(command: LedgerCommand): string | null {
  switch (command.type) {
    case 'create_account':
      return (
        idError('id', command.id) ??
        u128Error('creditLine', command.creditLine) ??
        uintError('ledger', command.ledger, 0xffff_ffff) ??
        uintError('code', command.code, 0xffff) ??
        uintError('flags', command.flags, 0xffff) ??
        (accountKinds.includes(command.kind) ? null : `kind must be one of ${accountKinds.join(', ')}`) ??
        textError('participant', command.participant)
      );
    case 'create_transfer':
      return (
        idError('id', command.id) ??
        idError('debitAccountId', command.debitAccountId) ??
        idError('creditAccountId', command.creditAccountId) ??
        u128Error('amount', command.amount) ??
        (command.pendingId === idZero ? null : idError('pendingId', command.pendingId)) ??
        (command.uetr === idZero ? null : idError('uetr', command.uetr)) ??
        uintError('ledger', command.ledger, 0xffff_ffff) ??
        uintError('code', command.code, 0xffff) ??
        uintError('flags', command.flags, 0xffff) ??
        uintError('timeoutMs', command.timeoutMs, 0xffff_ffff) ??
        textError('endToEndId', command.endToEndId)
      );
    case 'set_credit_line':
      return (
        idError('accountId', command.accountId) ??
        u128Error('creditLine', command.creditLine) ??
        uintError('flags', command.flags, 0xffff)
      );
    default:
      return 'unknown command type';
  }
}

function u128Error(name: string, value: unknown): string | null {
  if (typeof value !== 'bigint' || value < 0n || value > u128Max) return `${name} must be an integer from 0 to 2^128-1`;
  return null;
}

function idError(name: string, value: unknown): string | null {
  if (typeof value !== 'string' || !isId(value)) return `${name} must be 32 lowercase hex digits (a 128-bit id)`;
  return null;
}

/** Same as idPattern.test, without the regular expression's cost on the hot path. */
function isId(value: string): boolean {
  if (value.length !== 32) return false;
  for (let i = 0; i < 32; i += 1) {
    const c = value.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) return false;
  }
  return true;
}

function uintError(name: string, value: unknown, max: number): string | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max) {
    return `${name} must be an integer from 0 to ${max}`;
  }
  return null;
}

/** Text fields hold at most 35 characters (ISO 20022 Max35Text); the core refuses longer ones with a result code. */
function textError(name: string, value: unknown): string | null {
  if (typeof value !== 'string' || Buffer.byteLength(value, 'utf8') > 255) return `${name} must be text of at most 255 bytes`;
  return null;
}
