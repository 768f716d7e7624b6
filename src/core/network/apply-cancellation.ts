import type { LedgerBatch } from '../ledger/apply-batch.js';
import { idZero } from '../ledger/types.js';
import { creditorSide, debtorSide, settlingParticipant } from './sides.js';
import { returnTransferId, transferCodes } from './ids.js';
import { withdrawHeldPayment } from './hold-withdrawal.js';
import { appendInboxEventTo } from './inbox.js';
import type { NetworkResult } from './results.js';
import { runCheckedEvent, runEngineEvent, settlementOf } from './settlement-driver.js';
import { settlementAccountKey, type NodeState } from './state.js';
import { textOk } from './text-rules.js';
import type { CancellationRecord, PaymentRecord, RejectCancellationCommand, RequestCancellationCommand, ReturnPaymentCommand } from './types.js';

/** ISO 20022 external codes (cancellation, rejection, return reasons): up to 4 capitals or digits. */
const reasonPattern = /^[A-Z0-9]{2,4}$/;


function event(p: PaymentRecord, at: number, type: 'payment.cancellation_requested' | 'payment.cancellation_rejected' | 'payment.returned', reason: string) {
  return { at, type, subject: p.uetr, status: p.status, reason, currency: null, amount: null } as const;
}

/**
 * camt.056: the debtor side asks to cancel a payment. One still queued (or accepted into the
 * open dns window, or held by screening) is cancelled at once: it ends rejected (DS02) and the
 * cancellation is accepted; the creditor never heard of it. A settled payment cannot be unwound by the network:
 * the request goes to the creditor, who returns the funds (pacs.004) or refuses (camt.029).
 */
export function applyRequestCancellation(state: NodeState, cursor: LedgerBatch, c: RequestCancellationCommand): NetworkResult {
  if (!textOk(c.caseId, 35, 1)) return 'text_invalid';
  if (!reasonPattern.test(c.reason)) return 'reason_invalid';
  const payment = state.network.payments.get(c.uetr);
  if (payment === undefined || !debtorSide(state.network, payment).includes(c.sender)) return 'payment_unknown';
  if (payment.cancellation !== null) return payment.cancellation.caseId === c.caseId && payment.cancellation.reason === c.reason ? 'already_applied' : 'cancellation_exists';
  // Held by screening (same-currency or FX): nothing moved, so it is cancelled at once and its hold closes.
  if (payment.status === 'held' && c.held === true) {
    payment.cancellation = accepted(c, withdrawHeldPayment(state, cursor, payment, c.sender, c.reason));
    return 'accepted';
  }
  // An FX payment still waiting in its queue is cancelled like any queued one (its reservations voided); once settled PvP it is final.
  if (payment.fx !== null && payment.status !== 'queued') return 'fx_payment_final';
  if (payment.status === 'queued' || payment.status === 'accepted') return cancelUnsettled(state, cursor, payment, c);
  if (payment.status !== 'settled') return 'payment_not_cancellable';
  const at = cursor.takeTimestamp();
  payment.cancellation = { caseId: c.caseId, reason: c.reason, requestedBy: c.sender, requestedAt: at, status: 'pending', answeredAt: null, answerReason: null };
  appendInboxEventTo(state.network, [...creditorSide(state.network, payment), ...debtorSide(state.network, payment)], event(payment, at, 'payment.cancellation_requested', c.reason));
  return 'accepted';
}

function cancelUnsettled(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord, c: RequestCancellationCommand): NetworkResult {
  const at = cursor.now;
  // A dns payment whose window closed settles (or not) with the window: too late to take it out.
  if (runEngineEvent(state, cursor, settlementOf(state, payment.currency), { type: 'cancel', paymentId: payment.uetr }) !== null) return 'payment_not_cancellable';
  payment.cancellation = accepted(c, at);
  return 'accepted';
}

/** A cancellation the network carried out itself, at once: the payment had not settled. */
function accepted(c: RequestCancellationCommand, at: number): CancellationRecord {
  return { caseId: c.caseId, reason: c.reason, requestedBy: c.sender, requestedAt: at, status: 'accepted', answeredAt: at, answerReason: null };
}

/** camt.029 RJCR: the creditor side keeps the funds; the debtor side hears why. */
export function applyRejectCancellation(state: NodeState, cursor: LedgerBatch, c: RejectCancellationCommand): NetworkResult {
  if (!reasonPattern.test(c.reason)) return 'reason_invalid';
  const payment = state.network.payments.get(c.uetr);
  if (payment === undefined || !creditorSide(state.network, payment).includes(c.sender)) return 'payment_unknown';
  const cancellation = payment.cancellation;
  if (cancellation === null || cancellation.status !== 'pending') {
    return cancellation?.status === 'rejected' && cancellation.answerReason === c.reason ? 'already_applied' : 'cancellation_not_pending';
  }
  const at = cursor.takeTimestamp();
  cancellation.status = 'rejected';
  cancellation.answeredAt = at;
  cancellation.answerReason = c.reason;
  appendInboxEventTo(state.network, [...debtorSide(state.network, payment), ...creditorSide(state.network, payment)], event(payment, at, 'payment.cancellation_rejected', c.reason));
  return 'accepted';
}

/**
 * pacs.004: the creditor side sends (part of) a settled payment's amount back, as a new
 * transfer the other way; it answers a pending cancellation positively. Needs the creditor's
 * liquidity like any payment.
 */
export function applyReturnPayment(state: NodeState, cursor: LedgerBatch, c: ReturnPaymentCommand): NetworkResult {
  if (!textOk(c.returnId, 35, 1)) return 'text_invalid';
  if (!reasonPattern.test(c.reason)) return 'reason_invalid';
  const network = state.network;
  const payment = network.payments.get(c.uetr);
  if (payment === undefined || !creditorSide(state.network, payment).includes(c.sender)) return 'payment_unknown';
  if (payment.fx !== null) return 'fx_payment_final';
  if (payment.returned !== null) {
    const r = payment.returned;
    return r.returnId === c.returnId && r.amount === c.amount && r.reason === c.reason ? 'already_applied' : 'payment_not_cancellable';
  }
  if (payment.status !== 'settled') return 'payment_not_cancellable';
  if (c.amount <= 0n || c.amount > payment.amount) return 'return_invalid';
  const currency = network.currencies.get(payment.currency)!;
  const payee = settlingParticipant(state.network, payment.creditorAgent);
  const payer = settlingParticipant(state.network, payment.debtorAgent);
  const transferId = returnTransferId(payment.uetr);
  if (state.ledger.transfers.has(transferId) || state.ledger.failedIds.has(transferId)) return 'payment_not_cancellable';
  const debitAccountId = network.settlementAccounts.get(settlementAccountKey(payee, payment.currency))!;
  const debit = state.ledger.accounts.get(debitAccountId)!;
  // Checked here, not left to the ledger: its refusal would burn the return's id for good.
  if (c.amount > debit.creditsPosted + debit.creditLine - debit.debitsPosted - debit.debitsPending) return 'insufficient_funds';
  const at = cursor.now;
  const result = cursor.apply([
    {
      type: 'create_transfer',
      id: transferId,
      debitAccountId,
      creditAccountId: network.settlementAccounts.get(settlementAccountKey(payer, payment.currency))!,
      amount: c.amount,
      pendingId: idZero,
      ledger: currency.ledger,
      code: transferCodes.paymentReturn,
      flags: 0,
      timeoutMs: 0,
      uetr: payment.transferId,
      endToEndId: payment.endToEndId.slice(0, 35),
    },
  ])[0];
  if (result !== 'ok') throw new Error(`return of ${c.uetr}: its transfer failed with ${result}`);
  payment.returned = { returnId: c.returnId, amount: c.amount, reason: c.reason, at, transferId };
  payment.status = 'returned';
  payment.history.push({ status: 'returned', at, reason: c.reason });
  if (payment.cancellation?.status === 'pending') {
    payment.cancellation.status = 'accepted';
    payment.cancellation.answeredAt = at;
  }
  appendInboxEventTo(network, [...debtorSide(state.network, payment), ...creditorSide(state.network, payment)], event(payment, at, 'payment.returned', c.reason));
  // Liquidity moves back between the two settlement accounts: the engine sees it as leaving one and entering the other.
  const cs = settlementOf(state, payment.currency);
  runCheckedEvent(state, cursor, cs, { type: 'change_liquidity', participant: payee, delta: -c.amount });
  runCheckedEvent(state, cursor, cs, { type: 'change_liquidity', participant: payer, delta: c.amount });
  return 'accepted';
}
