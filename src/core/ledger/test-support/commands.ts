import { accountFlags, idFromBigInt, type CreateAccountCommand, type CreateTransferCommand, type Id, type LedgerCommand } from '../types.js';
import { applyBatch, type BatchOutcome } from '../apply-batch.js';
import type { LedgerState } from '../state.js';

export const xts = 963;

/** Tests name ids with small integers; the ledger takes them as 32 hex digits. */
export function id(value: bigint): Id {
  return idFromBigInt(value);
}

export function account(accountId: bigint, fields: Partial<CreateAccountCommand> = {}): CreateAccountCommand {
  return { type: 'create_account', id: id(accountId), ledger: xts, code: 1, kind: 'settlement', participant: `BANK${accountId}`, flags: 0, creditLine: 0n, ...fields };
}

/** A settlement account: may not go below zero beyond its credit line; keeps history. */
export function settlementAccount(id: bigint, creditLine = 0n): CreateAccountCommand {
  return account(id, { flags: accountFlags.debitsMustNotExceedCredits | accountFlags.history, creditLine });
}

export type TransferFields = Partial<Omit<CreateTransferCommand, 'pendingId' | 'uetr'>> & { pendingId?: bigint; uetr?: bigint };

export function transfer(transferId: bigint, debitAccountId: bigint, creditAccountId: bigint, amount: bigint, fields: TransferFields = {}): CreateTransferCommand {
  const { pendingId, uetr, ...rest } = fields;
  return {
    type: 'create_transfer',
    id: id(transferId),
    debitAccountId: id(debitAccountId),
    creditAccountId: id(creditAccountId),
    amount,
    pendingId: id(pendingId ?? 0n),
    ledger: xts,
    code: 1,
    flags: 0,
    timeoutMs: 0,
    uetr: id(uetr ?? 0n),
    endToEndId: '',
    ...rest,
  };
}

export function setCreditLine(accountId: bigint, creditLine: bigint): LedgerCommand {
  return { type: 'set_credit_line', accountId: id(accountId), creditLine, flags: 0 };
}

/** Applies commands as one batch at `timestamp`, or just after the last one. */
export function apply(state: LedgerState, commands: LedgerCommand[], timestamp?: number): BatchOutcome {
  return applyBatch(state, { timestamp: timestamp ?? state.lastTimestamp + 1, commands });
}
