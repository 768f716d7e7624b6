import { idZero, transferFlags, type CreateTransferCommand, type Id } from '../ledger/index.js';
import type { Decision, SettlementMode } from './types.js';

/** How the engine's participants and payments map onto one currency ledger. */
export interface LedgerMapping {
  readonly ledger: number;
  readonly code: number;
  /** A participant's settlement account. */
  readonly accountOf: (participant: string) => Id;
  /** DNS: the technical account the net instructions pass through; it ends every window at zero. */
  readonly clearingAccount: Id;
  /** A fresh, stable transfer id per key ("payment:<id>", "window:<n>:<participant>"). */
  readonly transferIdOf: (key: string) => Id;
}

/**
 * The ledger commands that carry out one decision, as ONE linked chain checked on its net
 * effect (netLimits): the engine decided the set settles together because each payer's net is
 * covered, and the ledger checks exactly that. In rtgs and rtgs-lsm every settled payment moves
 * gross; in dns the window's payments are settled by its net instructions, through the clearing
 * account, and move nothing on their own. Empty when nothing moves.
 */
export function decisionCommands(decision: Decision, mode: SettlementMode, mapping: LedgerMapping): CreateTransferCommand[] {
  const commands: CreateTransferCommand[] = [];
  const gross = mode === 'dns' ? [] : decision.settled;
  for (const payment of gross) {
    commands.push(move(mapping, `payment:${payment.paymentId}`, mapping.accountOf(payment.from), mapping.accountOf(payment.to), payment.amount));
  }
  for (const instruction of decision.instructions) {
    const key = `window:${instruction.windowId}:${instruction.participant}`;
    const account = mapping.accountOf(instruction.participant);
    if (instruction.net < 0n) commands.push(move(mapping, key, account, mapping.clearingAccount, -instruction.net));
    else if (instruction.net > 0n) commands.push(move(mapping, key, mapping.clearingAccount, account, instruction.net));
  }
  return commands.map((command, i) => (i < commands.length - 1 ? { ...command, flags: command.flags | transferFlags.linked } : command));
}

function move(mapping: LedgerMapping, key: string, debitAccountId: Id, creditAccountId: Id, amount: bigint): CreateTransferCommand {
  return {
    type: 'create_transfer',
    id: mapping.transferIdOf(key),
    debitAccountId,
    creditAccountId,
    amount,
    pendingId: idZero,
    ledger: mapping.ledger,
    code: mapping.code,
    flags: transferFlags.netLimits,
    timeoutMs: 0,
    uetr: idZero,
    endToEndId: '',
  };
}
