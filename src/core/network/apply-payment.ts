import type { LedgerBatch } from '../ledger/apply-batch.js';
import { idZero } from '../ledger/types.js';
import { transferCodes, uetrTransferId } from './ids.js';
import { appendInboxEventTo } from './inbox.js';
import { networkResultInfo, type NetworkResult } from './results.js';
import { settlementAccountKey, type NodeState } from './state.js';
import type { ParticipantRecord, PaymentRecord, SubmitPaymentCommand } from './types.js';
import { paymentShapeError } from './shape.js';

/**
 * A same-currency payment: checked, then settled gross at once as one ledger transfer from the
 * payer's settlement account to the payee's (an indirect participant's sponsor stands in for it).
 * A request that is wrong in itself (unknown currency or agent, not the sender's to send,
 * suspended parties) is refused and leaves no trace; a valid payment is recorded under its UETR
 * with its status history, and when liquidity does not cover it, it is rejected (AM04) there.
 */
export function applySubmitPayment(state: NodeState, cursor: LedgerBatch, c: SubmitPaymentCommand): NetworkResult {
  const network = state.network;
  if (paymentShapeError(c) !== null) return 'text_invalid';
  const keyOfRequest = `${c.sender}\n${c.idempotencyKey}`;
  const previous = network.idempotencyKeys.get(keyOfRequest);
  if (previous !== undefined) return previous.requestHash === c.requestHash ? 'already_applied' : 'idempotency_key_reused';
  if (network.payments.has(c.uetr)) return 'duplicate_uetr';
  // The transfer id is the UETR's: taken (or burned) by a ledger command, the transfer could
  // not be created, and the node would stop on it.
  const transferId = uetrTransferId(c.uetr);
  if (state.ledger.transfers.has(transferId) || state.ledger.failedIds.has(transferId)) return 'duplicate_uetr';
  const refusal = validatePayment(state, c);
  if (refusal !== null) return refusal;
  const receivedAt = cursor.takeTimestamp();
  const payment: PaymentRecord = {
    uetr: c.uetr,
    endToEndId: c.endToEndId,
    currency: c.currency,
    amount: c.amount,
    sender: c.sender,
    debtorAgent: c.debtorAgent,
    creditorAgent: c.creditorAgent,
    debtorName: c.debtorName,
    creditorName: c.creditorName,
    remittanceInformation: c.remittanceInformation,
    transferId,
    status: 'received',
    reason: null,
    history: [{ status: 'received', at: receivedAt, reason: null }],
  };
  network.payments.set(c.uetr, payment);
  network.idempotencyKeys.set(keyOfRequest, { uetr: c.uetr, requestHash: c.requestHash });
  payment.status = 'validated';
  payment.history.push({ status: 'validated', at: cursor.takeTimestamp(), reason: null });

  const currency = network.currencies.get(c.currency)!;
  const payer = settlingParticipant(state, c.debtorAgent);
  const payee = settlingParticipant(state, c.creditorAgent);
  // The sponsor of an indirect debtor is told too, as on the receiving side: its account pays.
  const senderSide = [c.sender, c.debtorAgent, payer];
  const debitAccountId = network.settlementAccounts.get(settlementAccountKey(payer, c.currency))!;
  const creditAccountId = network.settlementAccounts.get(settlementAccountKey(payee, c.currency))!;
  const settledAt = cursor.now;
  const result = cursor.apply([
    {
      type: 'create_transfer',
      id: payment.transferId,
      debitAccountId,
      creditAccountId,
      amount: c.amount,
      pendingId: idZero,
      ledger: currency.ledger,
      code: transferCodes.payment,
      flags: 0,
      timeoutMs: 0,
      uetr: payment.transferId,
      endToEndId: c.endToEndId.slice(0, 35),
    },
  ])[0];
  if (result === 'exceeds_credits') return reject(state, cursor, payment, 'insufficient_funds', senderSide);
  // Anything else means the ledger and the network disagree about what exists: stop, loudly.
  if (result !== 'ok') throw new Error(`payment ${c.uetr}: its transfer failed with ${result}`);
  payment.status = 'settled';
  payment.history.push({ status: 'settled', at: settledAt, reason: null });
  const event = { at: settledAt, subject: c.uetr, status: 'settled', reason: null, currency: null, amount: null } as const;
  appendInboxEventTo(network, senderSide, { ...event, type: 'payment.settled' });
  appendInboxEventTo(network, [c.creditorAgent, payee], { ...event, type: 'payment.received' });
  return 'accepted';
}

function reject(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord, result: NetworkResult, notify: readonly string[]): NetworkResult {
  const reason = networkResultInfo(result).iso ?? 'NARR';
  const at = cursor.takeTimestamp();
  payment.status = 'rejected';
  payment.reason = reason;
  payment.history.push({ status: 'rejected', at, reason });
  appendInboxEventTo(state.network, notify, { at, type: 'payment.rejected', subject: payment.uetr, status: 'rejected', reason, currency: null, amount: null });
  return result;
}

/** The participant whose settlement account moves: the participant itself, or its sponsor. */
export function settlingParticipant(state: NodeState, bic: string): string {
  const participant = state.network.participants.get(bic)!;
  return participant.type === 'direct' ? bic : participant.sponsor!;
}

/**
 * Why a payment request is wrong in itself (null if it is not): exported so the edges can
 * refuse it before it is journaled; applying it checks again on the state of its batch.
 */
export function validatePayment(state: NodeState, c: SubmitPaymentCommand): NetworkResult | null {
  const network = state.network;
  const sender = network.participants.get(c.sender);
  const debtor = network.participants.get(c.debtorAgent);
  const creditor = network.participants.get(c.creditorAgent);
  if (sender === undefined || debtor === undefined || creditor === undefined) return 'participant_unknown';
  if (c.debtorAgent !== c.sender && debtor.sponsor !== c.sender) return 'not_sponsor';
  if (!network.currencies.has(c.currency)) return 'currency_unknown';
  if (c.amount <= 0n) return 'amount_invalid';
  for (const p of [sender, debtor, creditor]) {
    if (p.suspended || sponsorOf(state, p)?.suspended === true) return 'participant_suspended';
    if (!p.currencies.includes(c.currency) || !canPay(p)) return 'participant_not_in_currency';
  }
  if (settlingParticipant(state, c.debtorAgent) === settlingParticipant(state, c.creditorAgent)) return 'same_agent';
  return null;
}

function sponsorOf(state: NodeState, p: ParticipantRecord): ParticipantRecord | undefined {
  return p.sponsor === null ? undefined : state.network.participants.get(p.sponsor);
}

/** A settlement agent that is not also a bank holds no settlement account and takes no payments. */
function canPay(p: ParticipantRecord): boolean {
  return p.roles.includes('bank') || p.roles.includes('fx_provider');
}
