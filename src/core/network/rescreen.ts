/**
 * Screening again when the lists change. A payment screened clear at submission may wait in a
 * settlement engine (queued for liquidity in rtgs, accepted into the open dns window) when a
 * list is activated or its scope widened; it can still be stopped, so it is screened against the
 * lists as they now are. A hit takes it out of its engine and holds it exactly as a hit at
 * submission does (status held, ISO PDNG, the hold's explanation); a clear one stays where it is.
 *
 * The list change only notes which payments wait (in submission order); the work runs at the end
 * of each batch, at most `rescreensPerBatchMax` payments per batch (the sequencer commits empty
 * batches while some are left), so a change never stalls the sequencer for a whole day's queue.
 * Deterministic: the journal's batches decide which payments each batch screens.
 */
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { holdPayment, paymentToScreen, screenAgainstLists } from './apply-holds.js';
import { runEngineEvent, settlementOf } from './settlement-driver.js';
import type { NodeState } from './state.js';

/** Payments screened again per batch: about 100 ms of CPU against 100,000 listed entries, 30 ms against 20,000 (`npm run bench:rescreen`). */
export const rescreensPerBatchMax = 256;

/** After the active lists (or whom they apply to) changed: every payment that waits in an engine is to be screened again. */
export function queueRescreening(state: NodeState): void {
  const waiting: string[] = [];
  for (const cs of state.network.settlement.values()) {
    // Engine records in submission order; 'held' there means queued while a party is suspended.
    for (const record of cs.engine.payments.values()) if (record.status === 'queued' || record.status === 'held' || record.status === 'accepted') waiting.push(record.id);
  }
  // Replaces what an earlier change left: those payments are in this list too, and the newest lists are the ones that count.
  state.network.screening.rescreen = waiting;
}

export function rescreeningPending(state: NodeState): boolean {
  return state.network.screening.rescreen.length > 0;
}

/** Screens the next waiting payments again (at most rescreensPerBatchMax); a hit holds the payment. */
export function rescreenWaitingPayments(state: NodeState, cursor: LedgerBatch): void {
  const screening = state.network.screening;
  if (screening.rescreen.length === 0) return;
  const next = screening.rescreen.splice(0, rescreensPerBatchMax);
  for (const uetr of next) {
    const payment = state.network.payments.get(uetr)!;
    // Settled, rejected or cancelled since the change: nothing to stop. Released by an officer:
    // a person judged it, and its one hold record keeps that decision (docs/screening.md, "Missing").
    if ((payment.status !== 'queued' && payment.status !== 'accepted') || screening.holds.has(uetr)) continue;
    const verdict = screenAgainstLists(state, payment, () => screening.waitingScreened.get(uetr) ?? paymentToScreen(payment));
    // Refused: fields that passed the same limits at submission; left as they are.
    if (verdict.kind !== 'hit') continue;
    // A dns payment whose window closed, or whose payee has sent on the strength of it, can no longer be taken out.
    if (runEngineEvent(state, cursor, settlementOf(state, payment.currency), { type: 'withdraw', paymentId: uetr }) !== null) continue;
    screening.waitingScreened.delete(uetr);
    holdPayment(state, cursor, payment, verdict, payment.priority);
  }
}
