import { idFromBigInt, idZero, type CreateTransferCommand } from '../../src/core/ledger/index.js';

export const xts = 963;
/** Settlement accounts 2..settlementAccounts+1, funded by none: most transfers are refused for funds, some pass. */
export const settlementAccounts = 10;

/**
 * The n-th transfer of load run `run`: ids differ per run in their high 64 bits, so every
 * restarted child submits fresh ids; accounts and amounts cycle deterministically.
 */
export function loadTransfer(run: bigint, sequence: bigint, flags = 0): CreateTransferCommand {
  const from = Number(sequence % BigInt(settlementAccounts + 1)) + 1;
  const to = ((from + Number(sequence % 7n)) % settlementAccounts) + 2;
  return {
    type: 'create_transfer',
    id: idFromBigInt((run << 64n) | sequence),
    debitAccountId: idFromBigInt(BigInt(from)),
    creditAccountId: idFromBigInt(BigInt(to === from ? (to % settlementAccounts) + 2 : to)),
    amount: 1n + (sequence % 50n),
    pendingId: idZero,
    ledger: xts,
    code: 1,
    flags,
    timeoutMs: 0,
    uetr: idZero,
    endToEndId: '',
  };
}
