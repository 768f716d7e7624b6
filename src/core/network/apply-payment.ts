import { settlingParticipant } from './sides.js';
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { amountMinorMax } from '../money/index.js';
import { paymentsPerDayMax } from '../settlement/index.js';
import { uetrTransferId } from './ids.js';
import type { NetworkResult } from './results.js';
import { runCheckedEvent, settlementOf } from './settlement-driver.js';
import type { NodeState } from './state.js';
import type { ParticipantRecord, PaymentRecord, SubmitPaymentCommand } from './types.js';
import { paymentShapeError } from './shape.js';
import { holdPayment, paymentToScreen, screenSubmittedPayment } from './apply-holds.js';

/**
 * A same-currency payment: checked, recorded, then handed to its currency's settlement engine
 * (payer and payee are the participants whose settlement accounts move: an indirect
 * participant's sponsor stands in for it). rtgs: it settles gross at once when the payer's
 * liquidity covers it, else it waits in the payer's queue (status queued); dns: it moves the
 * positions of the open window (status accepted) or is rejected beyond the payer's net debit cap.
 * A request that is wrong in itself (unknown currency or agent, not the sender's to send,
 * suspended parties) is refused and leaves no trace; a recorded payment answers `accepted`,
 * whatever the engine decided: its status says that.
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
  // Screened before anything is recorded: a payment whose fields cannot be screened leaves no trace.
  const verdict = screenSubmittedPayment(state, c);
  if (verdict.kind === 'refused') return 'screening_field_invalid';
  const receivedAt = cursor.takeTimestamp();
  const payment = receivedPayment(c, { currency: c.currency, amount: c.amount, transferId, iso: c.iso ?? null, priority: c.priority ?? 'normal', fx: null }, receivedAt);
  network.payments.set(c.uetr, payment);
  network.idempotencyKeys.set(keyOfRequest, { uetr: c.uetr, requestHash: c.requestHash });
  payment.status = 'validated';
  payment.history.push({ status: 'validated', at: cursor.takeTimestamp(), reason: null });
  if (verdict.kind === 'hit') {
    holdPayment(state, cursor, payment, verdict, payment.priority);
    return 'accepted';
  }
  const order = { id: c.uetr, from: settlingParticipant(state.network, c.debtorAgent), to: settlingParticipant(state.network, c.creditorAgent), amount: c.amount, priority: payment.priority } as const;
  // Fields the record does not keep, kept while the payment waits in the engine: a list change screens it on them again.
  if (c.parties !== undefined && Object.keys(c.parties).length > 0) network.screening.waitingScreened.set(c.uetr, paymentToScreen(c));
  runCheckedEvent(state, cursor, settlementOf(state, c.currency), { type: 'submit', payment: order });
  return 'accepted';
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
  // The settlement engine takes payments of up to 18 digits (amountMinorMax), like ISO 20022.
  if (c.amount <= 0n || c.amount > amountMinorMax) return 'amount_invalid';
  for (const p of [sender, debtor, creditor]) {
    if (p.suspended || sponsorOf(state, p)?.suspended === true) return 'participant_suspended';
    if (!p.currencies.includes(c.currency) || !canPay(p)) return 'participant_not_in_currency';
  }
  if (settlingParticipant(state.network, c.debtorAgent) === settlingParticipant(state.network, c.creditorAgent)) return 'same_agent';
  if (settlementOf(state, c.currency).engine.payments.size >= paymentsPerDayMax) return 'settlement_limit_reached';
  return null;
}

/** validatePayment for a recorded payment (a held one about to be released). */
export function validatePaymentFor(state: NodeState, p: PaymentRecord): NetworkResult | null {
  return validatePayment(state, {
    type: 'submit_payment', sender: p.sender, idempotencyKey: '', requestHash: '', uetr: p.uetr, endToEndId: p.endToEndId, currency: p.currency, amount: p.amount,
    debtorAgent: p.debtorAgent, creditorAgent: p.creditorAgent, debtorName: p.debtorName, creditorName: p.creditorName, remittanceInformation: p.remittanceInformation,
  });
}

function sponsorOf(state: NodeState, p: ParticipantRecord): ParticipantRecord | undefined {
  return p.sponsor === null ? undefined : state.network.participants.get(p.sponsor);
}

/** A settlement agent that is not also a bank holds no settlement account and takes no payments. */
function canPay(p: ParticipantRecord): boolean {
  return p.roles.includes('bank') || p.roles.includes('fx_provider');
}

/** The fields a payment's record takes from its request as sent. */
type SentFields = Pick<PaymentRecord, 'uetr' | 'endToEndId' | 'sender' | 'debtorAgent' | 'creditorAgent' | 'debtorName' | 'creditorName' | 'remittanceInformation'>;
/** The fields the network decides: what moves, in which currency, under which transfer. */
type JudgedFields = Pick<PaymentRecord, 'currency' | 'amount' | 'transferId' | 'iso' | 'priority' | 'fx'>;

/**
 * A payment's record as received, same-currency or FX: the one place its fields are laid out,
 * in the order snapshots write them. Two arguments, not one spread of the command with the
 * judged fields added: such a spread costs V8 several µs per payment (a slow-path object copy).
 */
export function receivedPayment(s: SentFields, f: JudgedFields, receivedAt: number): PaymentRecord {
  return {
    uetr: s.uetr,
    endToEndId: s.endToEndId,
    currency: f.currency,
    amount: f.amount,
    sender: s.sender,
    debtorAgent: s.debtorAgent,
    creditorAgent: s.creditorAgent,
    debtorName: s.debtorName,
    creditorName: s.creditorName,
    remittanceInformation: s.remittanceInformation,
    transferId: f.transferId,
    status: 'received',
    reason: null,
    history: [{ status: 'received', at: receivedAt, reason: null }],
    iso: f.iso,
    cancellation: null,
    returned: null,
    priority: f.priority,
    fx: f.fx,
  };
}
