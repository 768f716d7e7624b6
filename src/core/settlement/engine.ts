import { assert } from '../assert.js';
import { cancelNet, submitNet } from './dns.js';
import { holdPayments, rejectHeld, releasePayments } from './hold.js';
import { changeLiquidity, reserveUrgent, setCreditLine } from './liquidity-events.js';
import { addParticipant, setNetDebitCap } from './membership.js';
import { cancelQueued, endOfDayGross, submitGross, tickGross } from './rtgs.js';
import { newRecord } from './settle.js';
import { setQueueOrder } from './queue-order.js';
import { participantAt, type SettlementState } from './state.js';
import { emptyDecision, eventError, type Decision, type EventError, type PaymentOrder, type SettlementEvent, type SettlementResult } from './types.js';
import { validatePayment } from './validate.js';
import { abortWindow, closeWindow, confirmWindow, settleWindow } from './windows.js';

/**
 * Applies one event at the time the sequencer chose (seconds since start of day, never
 * decreasing) and returns what it decided. A refused event (ok: false) changed nothing, not
 * even the clock: every check runs before the first change.
 */
export function applySettlementEvent(state: SettlementState, event: SettlementEvent, atSeconds: number): SettlementResult {
  assert(Number.isFinite(atSeconds) && atSeconds >= state.nowSeconds, 'event times never go backwards');
  if (state.dayEnded) return eventError('day_ended', 'end of day was processed');
  const previousSeconds = state.nowSeconds;
  state.nowSeconds = atSeconds;
  const decision = emptyDecision();
  const error = dispatch(state, event, decision);
  if (error === null) return decision;
  state.nowSeconds = previousSeconds;
  return error;
}

function dispatch(state: SettlementState, event: SettlementEvent, decision: Decision): EventError | null {
  switch (event.type) {
    case 'submit': return submit(state, event.payment, decision);
    case 'change_liquidity': return changeLiquidity(state, event.participant, event.delta, decision);
    case 'set_credit_line': return setCreditLine(state, event.participant, event.creditLine, decision);
    case 'reserve_urgent': return reserveUrgent(state, event.participant, event.amount, decision);
    case 'set_net_debit_cap': return setNetDebitCap(state, event.participant, event.cap);
    case 'add_participant': return addParticipant(state, event.participant);
    case 'cancel': return cancel(state, event.paymentId, decision);
    case 'withdraw': return withdraw(state, event.paymentId, decision);
    case 'hold': return holdPayments(state, event.paymentIds, decision);
    case 'release': return releasePayments(state, event.paymentIds, decision);
    case 'set_queue_order': return setQueueOrder(state, event.queueOrder, decision);
    case 'tick': return state.mode === 'dns' ? null : (tickGross(state, decision), null);
    case 'close_window': return windowEvent(state, decision, () => closeWindow(state, event.windowId, decision));
    case 'settle_window': return windowEvent(state, decision, () => settleWindow(state, event.windowId, decision));
    case 'confirm_window': return windowEvent(state, decision, () => confirmWindow(state, event.windowId, decision));
    case 'abort_window': return windowEvent(state, decision, () => abortWindow(state, event.windowId, decision));
    case 'end_of_day': return endOfDay(state, decision);
  }
}

function submit(state: SettlementState, payment: PaymentOrder, decision: Decision): EventError | null {
  const valid = validatePayment(state, payment);
  if ('ok' in valid) return valid;
  const record = newRecord(state, payment.id, valid.from, valid.to, payment.amount, payment.priority === 'urgent');
  if (state.mode === 'dns') submitNet(state, record, decision);
  else submitGross(state, record, decision);
  return null;
}

function cancel(state: SettlementState, paymentId: string, decision: Decision): EventError | null {
  const record = state.payments.get(paymentId);
  if (record === undefined) return eventError('payment_not_found', `no payment ${paymentId}`);
  switch (record.status) {
    case 'settled': return eventError('payment_already_settled', `payment ${paymentId} settled`);
    case 'rejected':
    case 'cancelled': return eventError('payment_already_rejected', `payment ${paymentId} was ${record.status}`);
    case 'queued': return cancelQueued(state, record, decision), null;
    case 'held':
      record.status = 'cancelled';
      decision.rejected.push({ paymentId: record.id, reason: 'cancelled' });
      return null;
    case 'accepted': {
      if (record.windowId !== state.open.id) return eventError('window_already_closed', `payment ${paymentId} is in closed window ${record.windowId}`);
      // The payee may have sent on the strength of it: taking it back must leave the payee within its cap.
      const payee = participantAt(state, record.to);
      if (payee.position - record.amount < -payee.netDebitCap) return eventError('cancel_breaches_payee_cap', `taking ${paymentId} back would leave ${payee.id} beyond its net debit cap`);
      return cancelNet(state, record, decision), null;
    }
    case 'new': assert(false, 'no payment stays new between events');
  }
}

/**
 * A payment leaves the engine as if it had never been submitted (screening holds it after a
 * list change): taken out exactly as a cancellation would (same refusals), nothing rejected,
 * the record forgotten so a release can submit it again. What queued behind it may settle.
 */
function withdraw(state: SettlementState, paymentId: string, decision: Decision): EventError | null {
  const error = cancel(state, paymentId, decision);
  if (error !== null) return error;
  const record = state.payments.get(paymentId)!;
  const rejected = decision.rejected.findIndex((r) => r.paymentId === paymentId && r.reason === 'cancelled');
  assert(rejected !== -1, `withdrawn payment ${paymentId} was taken out`);
  decision.rejected.splice(rejected, 1);
  state.payments.delete(paymentId);
  if (record.windowId === state.open.id) {
    const at = state.open.payments.indexOf(record);
    if (at !== -1) state.open.payments.splice(at, 1);
  }
  return null;
}

function windowEvent(state: SettlementState, _decision: Decision, apply: () => EventError | null): EventError | null {
  if (state.mode !== 'dns') return eventError('not_dns_mode', `settlement windows exist in dns mode; this engine is ${state.mode}`);
  return apply();
}

/** rtgs: last run, queued payments rejected. dns: the open window closes and settles (or aborts). */
function endOfDay(state: SettlementState, decision: Decision): EventError | null {
  if (state.mode !== 'dns') {
    endOfDayGross(state, decision);
    rejectHeld(state, decision);
    state.dayEnded = true;
    return null;
  }
  if (state.closing !== null) return eventError('window_in_progress', `window ${state.closing.id} is ${state.closing.status}; settle or abort it first`);
  const id = state.open.id;
  const steps = [closeWindow, settleWindow];
  for (const step of steps) {
    const error = step(state, id, decision);
    assert(error === null, 'end of day closes and settles the open window');
  }
  if (state.closing !== null) assert(confirmWindow(state, id, decision) === null, 'end of day confirms its window');
  state.dayEnded = true;
  return null;
}
