import type { LedgerBatch } from '../ledger/apply-batch.js';
import { applySubmitPayment } from './apply-payment.js';
import { applySubmitFxPayment } from './apply-fx-payment.js';
import type { NetworkResult } from './results.js';
import type { NodeState } from './state.js';
import { endToEndIdLengthMax, messageTransactionsMax, sha256HexPattern, textOk } from './text-rules.js';
import type { SubmitMessageCommand } from './types.js';

export { messageTransactionsMax };

/**
 * What is wrong with a message as a whole (its transactions are judged one by one, each with
 * its own outcome); null if nothing.
 */
export function messageShapeError(c: SubmitMessageCommand): string | null {
  if (!textOk(c.messageId, endToEndIdLengthMax, 1)) return `MsgId must have 1 to ${endToEndIdLengthMax} characters`;
  if (!textOk(c.messageName, endToEndIdLengthMax, 1)) return `message name must have 1 to ${endToEndIdLengthMax} characters`;
  if (!sha256HexPattern.test(c.requestHash)) return 'request hash must be SHA-256 hex';
  if (c.transactions.length === 0 || c.transactions.length > messageTransactionsMax) return `a message has 1 to ${messageTransactionsMax} transactions`;
  return null;
}

/**
 * An ISO 20022 credit transfer message: each transaction is judged and settled on its own, like
 * a JSON payment (its idempotency key is the MsgId and its position), and the message keeps
 * every transaction's outcome so its status report (pacs.002) can be given again. Resending
 * the same message is a retry; another message under a used MsgId is a duplicate (AM05).
 */
export function applySubmitMessage(state: NodeState, cursor: LedgerBatch, c: SubmitMessageCommand): NetworkResult {
  const network = state.network;
  // A malformed MsgId, name or hash would be recorded (and the MsgId used up) with every
  // transaction refused: refuse the message itself instead, leaving no trace.
  if (messageShapeError(c) !== null) return 'text_invalid';
  const key = `${c.sender}\n${c.messageId}`;
  const previous = network.messages.get(key);
  if (previous !== undefined) return previous.requestHash === c.requestHash ? 'already_applied' : 'duplicate_message';
  if (!network.participants.has(c.sender)) return 'participant_unknown';
  const receivedAt = cursor.now;
  const outcomes = c.transactions.map((t, index) => {
    const iso = { messageId: c.messageId, messageName: c.messageName, instructionId: t.instructionId, transactionId: t.transactionId };
    if (t.fx !== undefined) {
      // InstdAmt in A, IntrBkSttlmAmt in B: the creditor agent gets exactly the settlement amount, paid in A, never more than instructed.
      const result = applySubmitFxPayment(state, cursor, {
        type: 'submit_fx_payment',
        sender: c.sender,
        idempotencyKey: `iso20022 ${c.messageId} ${index}`,
        requestHash: c.requestHash,
        uetr: t.uetr,
        endToEndId: t.endToEndId,
        sourceCurrency: t.fx.instructedCurrency,
        targetCurrency: t.currency,
        mode: 'deliver',
        amount: t.amount,
        sendMaxMinor: t.fx.instructedMinor,
        debtorAgent: t.debtorAgent,
        creditorAgent: t.creditorAgent,
        debtorName: t.debtorName,
        creditorName: t.creditorName,
        remittanceInformation: t.remittanceInformation,
        routeId: null,
        iso,
        ...(t.parties === undefined ? {} : { parties: t.parties }),
      });
      return { uetr: t.uetr, result };
    }
    const result = applySubmitPayment(state, cursor, {
      type: 'submit_payment',
      sender: c.sender,
      idempotencyKey: `iso20022 ${c.messageId} ${index}`,
      requestHash: c.requestHash,
      uetr: t.uetr,
      endToEndId: t.endToEndId,
      currency: t.currency,
      amount: t.amount,
      debtorAgent: t.debtorAgent,
      creditorAgent: t.creditorAgent,
      debtorName: t.debtorName,
      creditorName: t.creditorName,
      remittanceInformation: t.remittanceInformation,
      iso: { messageId: c.messageId, messageName: c.messageName, instructionId: t.instructionId, transactionId: t.transactionId },
      ...(t.priority === undefined ? {} : { priority: t.priority }),
      ...(t.parties === undefined ? {} : { parties: t.parties }),
    });
    return { uetr: t.uetr, result };
  });
  network.messages.set(key, { sender: c.sender, messageId: c.messageId, messageName: c.messageName, requestHash: c.requestHash, receivedAt, transactions: outcomes });
  return 'accepted';
}
