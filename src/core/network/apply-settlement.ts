/**
 * Settlement commands: the clock's tick, the sender's cancellation of a payment not yet
 * settled, the operator's window actions and schedule, and end of day. Each runs the
 * currency's engine through settlement-driver.ts, so what they settle moves on the ledger in
 * the same command, all or nothing.
 */
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { queueOrders, windowsPerDayMax, type SettlementError } from '../settlement/index.js';
import { debtorSide } from './sides.js';
import { cancelledReason, withdrawHeldPayment } from './hold-withdrawal.js';
import type { NetworkResult } from './results.js';
import { runCheckedEvent, runEngineEvent, startNextDay } from './settlement-driver.js';
import { openWindowId, windowDue, windowSecondsMax, windowSecondsMin, type CurrencySettlement } from './settlement-state.js';
import type { NodeState } from './state.js';
import { amountMinorMax } from '../money/index.js';
import { settlementAccountKey } from './state.js';
import { assert } from '../assert.js';
import { changeActors, windowActions, type SetQueueOrderCommand, type SetUrgentReserveCommand, type CancelPaymentCommand, type EndOfDayCommand, type SetWindowScheduleCommand, type SettlementTickCommand, type SettlementWindowCommand } from './types.js';

function settlementFor(state: NodeState, currency: string): CurrencySettlement | undefined {
  return state.network.settlement.get(currency);
}

/** rtgs-lsm: a multilateral gridlock run (T2 runs its algorithms on a schedule too). dns: the open window closes and settles when its time is up. */
export function applySettlementTick(state: NodeState, cursor: LedgerBatch, c: SettlementTickCommand): NetworkResult {
  const cs = settlementFor(state, c.currency);
  if (cs === undefined) return 'currency_unknown';
  if (cs.mode !== 'dns') {
    runCheckedEvent(state, cursor, cs, { type: 'tick' });
    return 'accepted';
  }
  if (windowDue(cs, cursor.now)) {
    const id = cs.engine.open.id;
    runCheckedEvent(state, cursor, cs, { type: 'close_window', windowId: id });
    runCheckedEvent(state, cursor, cs, { type: 'settle_window', windowId: id });
  } else cursor.takeTimestamp();
  return 'accepted';
}

/**
 * The debtor side takes back a payment that has not settled: one queued (rtgs), accepted
 * into the open window (dns), or held by screening (its hold closes as withdrawn). It ends
 * rejected with reason DS02; what queued behind it may settle now. On the operator's order
 * (`by: 'operator'`) the rejection records so. A settled payment is asked back with a cancellation request (camt.056) instead.
 */
export function applyCancelPayment(state: NodeState, cursor: LedgerBatch, c: CancelPaymentCommand): NetworkResult {
  const refusal = cancelPaymentRefusal(state, c);
  if (refusal !== null) return refusal;
  // Refused at the door (shape.ts): one in the journal is corruption.
  assert(c.by === undefined || changeActors.includes(c.by), `cancel_payment by ${String(c.by)}`);
  const payment = state.network.payments.get(c.uetr)!;
  // Held by screening: in no engine; its hold closes as withdrawn by the sender.
  if (payment.status === 'held') withdrawHeldPayment(state, cursor, payment, c.sender, cancelledReason);
  else runCheckedEvent(state, cursor, settlementFor(state, payment.currency)!, { type: 'cancel', paymentId: c.uetr }, c.by);
  return 'accepted';
}

/**
 * Why a cancellation cannot be applied (null if it can; `already_applied` when it was): exported
 * so the edge answers from durable state without journaling a refusal.
 */
export function cancelPaymentRefusal(state: NodeState, c: CancelPaymentCommand): NetworkResult | null {
  const payment = state.network.payments.get(c.uetr);
  if (payment === undefined || !state.network.participants.has(c.sender) || !debtorSide(state.network, payment).includes(c.sender)) return 'payment_unknown';
  if (payment.status === 'rejected' && payment.reason === 'DS02') return 'already_applied';
  if (payment.status === 'held' && c.held === true) return null;
  if (payment.status !== 'queued' && payment.status !== 'accepted') return 'payment_not_queued';
  if (payment.status === 'accepted') {
    const engine = settlementFor(state, payment.currency)!.engine;
    const record = engine.payments.get(c.uetr)!;
    // dns: a payment of a window that closed settles (or not) with it; and the payee may have sent on the strength of it.
    if (record.windowId !== engine.open.id) return 'payment_not_queued';
    const payee = engine.participants[record.to]!;
    if (payee.position - record.amount < -payee.netDebitCap) return 'payment_not_queued';
  }
  return null;
}

const windowErrors: Partial<Record<SettlementError, NetworkResult>> = {
  not_dns_mode: 'settlement_mode_invalid',
  window_not_found: 'window_unknown',
  window_already_closed: 'window_state_invalid',
  window_not_closed: 'window_state_invalid',
  window_not_settling: 'window_state_invalid',
  window_finished: 'window_state_invalid',
  window_in_progress: 'window_in_progress',
  windows_per_day_exceeded: 'windows_per_day_exceeded',
};

/**
 * The operator moves a window on. close: its net positions are fixed and the next window
 * opens. settle (a closed window): if every net debtor covers its position, the instructions
 * move the settlement accounts through the clearing account in one linked chain and the window
 * is SETTLED; otherwise it is ABORTED. abort (a closed window): nothing of it settles, its
 * payments are rejected, positions are as before the window.
 */
export function applySettlementWindow(state: NodeState, cursor: LedgerBatch, c: SettlementWindowCommand): NetworkResult {
  const refusal = settlementWindowRefusal(state, c);
  if (refusal !== null) return refusal;
  const cs = settlementFor(state, c.currency)!;
  const type = c.action === 'close' ? 'close_window' : c.action === 'settle' ? 'settle_window' : 'abort_window';
  const error = runEngineEvent(state, cursor, cs, { type, windowId: c.windowId - cs.windowBase });
  if (error === null) return 'accepted';
  const result = windowErrors[error.error];
  if (result === undefined) throw new Error(`settlement window ${c.currency} ${c.windowId}: unexpected ${error.error}`);
  return result;
}

/** Why a window action cannot be applied now (null if it can): what the engine would answer, read from the state alone. */
export function settlementWindowRefusal(state: NodeState, c: SettlementWindowCommand): NetworkResult | null {
  const cs = settlementFor(state, c.currency);
  if (cs === undefined) return 'currency_unknown';
  if (cs.mode !== 'dns') return 'settlement_mode_invalid';
  if (!Number.isSafeInteger(c.windowId) || c.windowId < 1 || !windowActions.includes(c.action)) return 'window_unknown';
  const open = openWindowId(cs);
  const closing = cs.engine.closing === null ? null : cs.windowBase + cs.engine.closing.id;
  if (c.windowId === open) {
    if (c.action !== 'close') return 'window_state_invalid';
    if (closing !== null) return 'window_in_progress';
    return cs.engine.windowsClosed >= windowsPerDayMax ? 'windows_per_day_exceeded' : null;
  }
  if (c.windowId === closing) return c.action === 'close' ? 'window_state_invalid' : null;
  // Windows before the open one closed and finished (or were dropped from the reports, long ago).
  return c.windowId < open ? 'window_state_invalid' : 'window_unknown';
}

/**
 * End of the business day. rtgs: a last queue resolution (and gridlock run), then every payment
 * still queued is rejected (AB03). dns: the open window closes and settles (refused while
 * another window is closed and not finished). Then the next day begins.
 */
export function applyEndOfDay(state: NodeState, cursor: LedgerBatch, c: EndOfDayCommand): NetworkResult {
  const cs = settlementFor(state, c.currency);
  if (cs === undefined) return 'currency_unknown';
  if (cs.mode === 'dns' && cs.engine.closing !== null) return 'window_in_progress';
  const error = runEngineEvent(state, cursor, cs, { type: 'end_of_day' });
  if (error !== null) {
    if (error.error === 'window_in_progress') return 'window_in_progress';
    throw new Error(`end of day of ${c.currency}: unexpected ${error.error}`);
  }
  startNextDay(state, cursor, cs);
  return 'accepted';
}

export function applySetWindowSchedule(state: NodeState, cursor: LedgerBatch, c: SetWindowScheduleCommand): NetworkResult {
  const refusal = windowScheduleRefusal(state, c);
  if (refusal !== null) return refusal;
  settlementFor(state, c.currency)!.windowSeconds = c.windowSeconds;
  cursor.takeTimestamp();
  return 'accepted';
}

export function windowScheduleRefusal(state: NodeState, c: SetWindowScheduleCommand): NetworkResult | null {
  const cs = settlementFor(state, c.currency);
  if (cs === undefined) return 'currency_unknown';
  if (cs.mode !== 'dns') return 'settlement_mode_invalid';
  const seconds = c.windowSeconds;
  if (seconds !== null && (!Number.isSafeInteger(seconds) || seconds < windowSecondsMin || seconds > windowSecondsMax)) return 'limit_invalid';
  return seconds === cs.windowSeconds ? 'already_applied' : null;
}

/**
 * rtgs: the participant keeps this much of its liquidity for urgent payments; normal payments
 * must leave it untouched (they wait in the queue instead). Lowering it may let queued normal
 * payments settle in the same command.
 */
export function applySetUrgentReserve(state: NodeState, cursor: LedgerBatch, c: SetUrgentReserveCommand): NetworkResult {
  const refusal = urgentReserveRefusal(state, c);
  if (refusal !== null) return refusal;
  runCheckedEvent(state, cursor, settlementFor(state, c.currency)!, { type: 'reserve_urgent', participant: c.bic, amount: c.amount });
  cursor.takeTimestamp();
  return 'accepted';
}

/** Why a reserve cannot be set (null if it can; `already_applied` when it is set already): exported for the edge. */
export function urgentReserveRefusal(state: NodeState, c: SetUrgentReserveCommand): NetworkResult | null {
  const network = state.network;
  if (!network.participants.has(c.bic)) return 'participant_unknown';
  const cs = settlementFor(state, c.currency);
  if (cs === undefined) return 'currency_unknown';
  // Only a participant with a settlement account of its own has liquidity to reserve (an indirect one uses its sponsor's).
  if (!network.settlementAccounts.has(settlementAccountKey(c.bic, c.currency))) return 'participant_not_in_currency';
  if (cs.mode === 'dns') return 'settlement_mode_invalid';
  if (typeof c.amount !== 'bigint' || c.amount < 0n || c.amount > amountMinorMax) return 'amount_invalid';
  const participant = cs.engine.participants[cs.engine.indexById.get(c.bic)!]!;
  return participant.urgentReserve === c.amount ? 'already_applied' : null;
}

/**
 * rtgs, rtgs-lsm: the operator changes how the currency's queues are served. Queued payments
 * keep their places (submission order, urgent before normal). To fifo-bypass: what may now
 * overtake a blocked head settles in this command (queue resolution, and in rtgs-lsm a gridlock
 * run), moving money on the ledger like any settlement. To fifo: nothing moves; later normal
 * payments wait behind a blocked head. The order holds for the following days too.
 */
export function applySetQueueOrder(state: NodeState, cursor: LedgerBatch, c: SetQueueOrderCommand): NetworkResult {
  const refusal = queueOrderRefusal(state, c);
  if (refusal !== null) return refusal;
  runCheckedEvent(state, cursor, settlementFor(state, c.currency)!, { type: 'set_queue_order', queueOrder: c.queueOrder });
  cursor.takeTimestamp();
  return 'accepted';
}

/** Why the queue order cannot be set (null if it can; `already_applied` when it is so already): exported for the edge. */
export function queueOrderRefusal(state: NodeState, c: SetQueueOrderCommand): NetworkResult | null {
  const cs = settlementFor(state, c.currency);
  if (cs === undefined) return 'currency_unknown';
  if (!queueOrders.includes(c.queueOrder)) return 'queue_order_invalid';
  if (cs.mode === 'dns') return 'settlement_mode_invalid';
  return cs.engine.queueOrder === c.queueOrder ? 'already_applied' : null;
}
