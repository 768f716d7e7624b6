import { assert } from '../assert.js';
import { windowsPerDayMax } from './limits.js';
import { newWindow, participantAt, type SettlementState, type WindowState } from './state.js';
import type { RejectionReason } from './result-codes.js';
import { eventError, type Decision, type EventError, type WindowReport } from './types.js';

/**
 * dns window life: OPEN → CLOSED (net positions fixed, positions reset, the next window
 * opens) → SETTLING (instructions out to the ledger) → SETTLED, or ABORTED from CLOSED or
 * SETTLING. One window at a time may be past OPEN and not yet finished.
 */
export function closeWindow(state: SettlementState, windowId: number, decision: Decision): EventError | null {
  if (windowId !== state.open.id) {
    return knownId(state, windowId)
      ? eventError('window_already_closed', `window ${windowId} was closed before; the open window is ${state.open.id}`)
      : eventError('window_not_found', `no window ${windowId}; the open window is ${state.open.id}`);
  }
  if (state.closing !== null) return eventError('window_in_progress', `window ${state.closing.id} is ${state.closing.status}; settle or abort it first`);
  if (state.windowsClosed >= windowsPerDayMax) return eventError('windows_per_day_exceeded', `at most ${windowsPerDayMax} windows a day`);
  const window = state.open;
  let sum = 0n;
  window.nets = state.participants.map((p) => {
    sum += p.position;
    return p.position;
  });
  assert(sum === 0n, 'multilateral net positions sum to zero');
  for (const p of state.participants) p.position = 0n;
  window.status = 'closed';
  state.closing = window;
  state.windowsClosed += 1;
  state.open = newWindow(window.id + 1, state.participants.length);
  decision.window = windowReport(state, window);
  return null;
}

/** CLOSED → SETTLING with instructions, or ABORTED if a net debtor cannot cover its position. */
export function settleWindow(state: SettlementState, windowId: number, decision: Decision): EventError | null {
  const window = closingWindow(state, windowId, 'closed');
  if (!('id' in window)) return window;
  const uncovered = state.participants.filter((p, i) => p.balance + p.creditLine + window.nets[i]! < 0n);
  if (uncovered.length > 0) {
    finishAborted(state, window, 'net_debit_not_covered', decision);
    return null;
  }
  window.status = 'settling';
  state.participants.forEach((p, i) => {
    const net = window.nets[i]!;
    if (net !== 0n) decision.instructions.push({ windowId, participant: p.id, net });
  });
  decision.window = windowReport(state, window);
  return null;
}

/** SETTLING → SETTLED: the ledger applied the instructions; balances follow, every payment of the window settled. */
export function confirmWindow(state: SettlementState, windowId: number, decision: Decision): EventError | null {
  const window = closingWindow(state, windowId, 'settling');
  if (!('id' in window)) return window;
  state.participants.forEach((p, i) => {
    p.balance += window.nets[i]!;
    assert(p.balance >= -p.creditLine, `${p.id} stays above minus its credit line after net settlement`);
  });
  for (const record of window.payments) {
    if (record.status !== 'accepted') continue;
    record.status = 'settled';
    record.settledAtSeconds = state.nowSeconds;
    const [from, to] = [participantAt(state, record.from).id, participantAt(state, record.to).id];
    decision.settled.push({ paymentId: record.id, from, to, amount: record.amount, submittedAtSeconds: record.submittedAtSeconds });
  }
  window.status = 'settled';
  state.closing = null;
  decision.window = windowReport(state, window);
  return null;
}

export function abortWindow(state: SettlementState, windowId: number, decision: Decision): EventError | null {
  const window = state.closing;
  if (window === null || window.id !== windowId) {
    const error = closingWindow(state, windowId, 'closed');
    assert(!('id' in error), 'only the closing window can be aborted');
    return error;
  }
  finishAborted(state, window, 'window_aborted', decision);
  return null;
}

/** Nothing of an aborted window settles: its payments are rejected, balances are untouched (positions restored). */
function finishAborted(state: SettlementState, window: WindowState, reason: RejectionReason, decision: Decision): void {
  for (const record of window.payments) {
    if (record.status !== 'accepted') continue;
    record.status = 'rejected';
    decision.rejected.push({ paymentId: record.id, reason });
  }
  window.status = 'aborted';
  state.closing = null;
  decision.window = windowReport(state, window);
}

function closingWindow(state: SettlementState, windowId: number, wanted: 'closed' | 'settling'): WindowState | EventError {
  const window = state.closing;
  if (window !== null && window.id === windowId && window.status === wanted) return window;
  const mismatch = wanted === 'closed' ? 'window_not_closed' : 'window_not_settling';
  if (windowId === state.open.id) return eventError(mismatch, `window ${windowId} is open`);
  if (window !== null && window.id === windowId) return eventError(mismatch, `window ${windowId} is ${window.status}`);
  if (knownId(state, windowId)) return eventError('window_finished', `window ${windowId} already settled or was aborted`);
  return eventError('window_not_found', `no window ${windowId}; the open window is ${state.open.id}`);
}

function knownId(state: SettlementState, windowId: number): boolean {
  return Number.isSafeInteger(windowId) && windowId >= 1 && windowId < state.open.id;
}

export function windowReport(state: SettlementState, window: WindowState): WindowReport {
  const nets = window.nets.length > 0 ? window.nets : state.participants.map((p) => p.position);
  let gross = 0n;
  let net = 0n;
  const participants = state.participants.map((p, i) => {
    gross += window.sent[i]!;
    if (nets[i]! > 0n) net += nets[i]!;
    return { id: p.id, sent: window.sent[i]!, received: window.received[i]!, net: nets[i]! };
  });
  const payments = window.payments.filter((r) => r.status !== 'cancelled').length;
  return { windowId: window.id, status: window.status, payments, gross, net, participants };
}
