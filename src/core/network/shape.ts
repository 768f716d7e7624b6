import { networkCommandBytesMax } from '../journal/command-codec.js';
import { commandShapeError } from '../ledger/shape.js';
import { isNetworkCommand, type NodeCommand } from './apply.js';
import { messageShapeError } from './apply-message.js';
import { encodeNetworkCommand } from './codec.js';
import {
  bicPattern,
  currencyCodePattern,
  endToEndIdLengthMax,
  idempotencyKeyLengthMax,
  nameLengthMax,
  paymentAmountMax,
  remittanceLengthMax,
  sha256HexPattern,
  textOk,
  uetrPattern,
} from './text-rules.js';
import { changeActors, paymentPriorities, windowActions, type SubmitPaymentCommand } from './types.js';
import { queueOrders } from '../settlement/types.js';
import type { PaymentParties } from './screening-types.js';

/** What is wrong with a payment's fields on their own, before any state is consulted; null if nothing. */
export function paymentShapeError(c: SubmitPaymentCommand): string | null {
  if (!uetrPattern.test(c.uetr)) return 'uetr must be a lowercase version-4 UUID';
  if (!bicPattern.test(c.sender) || !bicPattern.test(c.debtorAgent) || !bicPattern.test(c.creditorAgent)) return 'agents must be BICs';
  if (!currencyCodePattern.test(c.currency)) return 'currency must be an ISO 4217 code';
  if (c.amount <= 0n || c.amount > paymentAmountMax) return `amount must be between 1 and ${paymentAmountMax} minor units`;
  if (!textOk(c.idempotencyKey, idempotencyKeyLengthMax, 1)) return `idempotency key must have 1 to ${idempotencyKeyLengthMax} printable characters`;
  if (!sha256HexPattern.test(c.requestHash)) return 'request hash must be SHA-256 hex';
  if (!textOk(c.endToEndId, endToEndIdLengthMax, 1)) return `endToEndId must have 1 to ${endToEndIdLengthMax} characters`;
  if (!textOk(c.debtorName, nameLengthMax) || !textOk(c.creditorName, nameLengthMax)) return `names have at most ${nameLengthMax} characters`;
  if (!textOk(c.remittanceInformation, remittanceLengthMax)) return `remittance information has at most ${remittanceLengthMax} characters`;
  if (c.priority !== undefined && !paymentPriorities.includes(c.priority)) return 'priority must be urgent or normal';
  return c.parties === undefined ? null : partiesShapeError(c.parties);
}

/** ISO 20022 allows 7 address lines of 70 characters; a little room is left for other sources. */
export const addressLinesMax = 16;
export const addressLineLengthMax = 140;
/** Intermediary agents of one pacs.008 transaction (IntrmyAgt1 to 3). */
export const intermediaryAgentsMax = 3;

/** What is wrong with a payment's screened parties (addresses, ultimate parties, intermediaries); null if nothing. */
export function partiesShapeError(p: PaymentParties): string | null {
  if (typeof p !== 'object' || p === null) return 'parties must be an object';
  const lines = (value: unknown) => value === undefined || (Array.isArray(value) && value.length <= addressLinesMax && value.every((line) => typeof line === 'string' && textOk(line, addressLineLengthMax)));
  if (![p.debtorAddress, p.creditorAddress, p.ultimateDebtorAddress, p.ultimateCreditorAddress].every(lines)) return `an address has at most ${addressLinesMax} lines of ${addressLineLengthMax} characters`;
  const name = (value: unknown) => value === undefined || (typeof value === 'string' && textOk(value, nameLengthMax));
  if (!name(p.ultimateDebtorName) || !name(p.ultimateCreditorName)) return `names have at most ${nameLengthMax} characters`;
  const agents = p.intermediaryAgents;
  if (agents !== undefined && !(Array.isArray(agents) && agents.length <= intermediaryAgentsMax && agents.every((bic) => typeof bic === 'string' && bicPattern.test(bic)))) return `at most ${intermediaryAgentsMax} intermediary agents, each a BIC`;
  return null;
}

/**
 * Checks what a command can be judged on alone, before it is queued: a malformed command is
 * refused at the door and never journaled. Network commands are checked again when applied.
 * A network command the journal cannot hold is refused here too: once applied, a command that
 * cannot be journaled stops the node.
 */
export function nodeCommandShapeError(command: NodeCommand): string | null {
  if (!isNetworkCommand(command)) return commandShapeError(command);
  // A JSON payment's fields are bounded above, far below the journal's limit.
  if (command.type === 'submit_payment' && command.iso === undefined) return paymentShapeError(command);
  if (command.type === 'settlement_window' && (!Number.isSafeInteger(command.windowId) || command.windowId < 1 || !windowActions.includes(command.action))) {
    return 'a window is numbered from 1, and its action is close, settle or abort';
  }
  if (command.type === 'cancel_payment' && command.by !== undefined && !changeActors.includes(command.by)) return 'a cancellation is the sender’s (no by) or ordered by the operator (by: operator)';
  if (command.type === 'set_urgent_reserve' && (typeof command.amount !== 'bigint' || command.amount < 0n)) return 'an urgent reserve is an amount of at least 0';
  const queueOrder = command.type === 'set_queue_order' || command.type === 'register_currency' ? command.queueOrder : undefined;
  if ((command.type === 'set_queue_order' || queueOrder !== undefined) && !queueOrders.includes(queueOrder!)) return 'a queue order is fifo or fifo-bypass';
  if (command.type === 'submit_fx_payment') {
    const fxError = paymentShapeError({ ...command, type: 'submit_payment', currency: command.sourceCurrency });
    if (fxError !== null) return fxError;
  }
  const error = command.type === 'submit_payment' ? paymentShapeError(command) : command.type === 'submit_message' ? messageShapeError(command) : null;
  if (error !== null) return error;
  const bytes = Buffer.byteLength(encodeNetworkCommand(command), 'utf8');
  return bytes > networkCommandBytesMax ? `the command takes ${bytes} bytes; the journal holds at most ${networkCommandBytesMax}` : null;
}
