import { participantIdCharsMax, participantsMax } from './limits.js';
import { participantAt, participantState, type SettlementState } from './state.js';
import { eventError, type EventError, type ParticipantSetup } from './types.js';
import { participantIndex } from './validate.js';

/**
 * A participant joins a running engine (a bank joins the currency during the day): it starts
 * with no position and empty queues; the open window (and a closed one not yet finished) get
 * a row for it, with nothing sent or received.
 */
export function addParticipant(state: SettlementState, setup: ParticipantSetup): EventError | null {
  if (setup.id.length === 0 || setup.id.length > participantIdCharsMax) return eventError('unknown_participant', `participant ids are 1 to ${participantIdCharsMax} characters`);
  if (state.indexById.has(setup.id)) return eventError('participant_exists', `${setup.id} is a participant already`);
  if (state.participants.length >= participantsMax) return eventError('participants_exceeded', `at most ${participantsMax} participants`);
  const reserve = setup.urgentReserve ?? 0n;
  const cap = setup.netDebitCap ?? setup.balance + setup.creditLine;
  if (setup.creditLine < 0n || reserve < 0n || cap < 0n) return eventError('amount_negative', `${setup.id}: a credit line, reserve or cap is not negative`);
  if (setup.balance < -setup.creditLine) return eventError('liquidity_below_credit_line', `${setup.id}: balance below minus its credit line`);
  const index = state.participants.length;
  state.indexById.set(setup.id, index);
  state.participants.push(participantState(setup.id, index, setup.balance, setup.creditLine, reserve, cap));
  state.moneyTotal += setup.balance;
  for (const window of state.closing === null ? [state.open] : [state.open, state.closing]) {
    window.sent.push(0n);
    window.received.push(0n);
    // A closed window has its nets fixed, one per participant: the newcomer's is zero.
    if (window.status !== 'open') window.nets.push(0n);
  }
  return null;
}

/** dns: a new net debit cap; it may not be below what the open window already uses (−position). */
export function setNetDebitCap(state: SettlementState, id: string, cap: bigint): EventError | null {
  const index = participantIndex(state, id);
  if (typeof index !== 'number') return index;
  if (cap < 0n) return eventError('amount_negative', 'a net debit cap is not negative');
  const participant = participantAt(state, index);
  if (participant.position < -cap) return eventError('net_debit_cap_below_position', `${id} already has a net debit of ${-participant.position}`);
  participant.netDebitCap = cap;
  return null;
}
