import { participantIndex } from './validate.js';
import { afterLiquidityChange } from './rtgs.js';
import { participantAt, type SettlementState } from './state.js';
import { eventError, type Decision, type EventError } from './types.js';

/** Funding (delta > 0) or withdrawal (delta < 0) of a settlement account from outside the system. */
export function changeLiquidity(state: SettlementState, id: string, delta: bigint, decision: Decision): EventError | null {
  const index = participantIndex(state, id);
  if (typeof index !== 'number') return index;
  const participant = participantAt(state, index);
  if (participant.balance + delta < -participant.creditLine) {
    return eventError('liquidity_below_credit_line', `${id} would go below minus its credit line`);
  }
  participant.balance += delta;
  state.moneyTotal += delta;
  state.lsmDirty = true;
  afterLiquidityChange(state, [index], decision);
  return null;
}

export function setCreditLine(state: SettlementState, id: string, creditLine: bigint, decision: Decision): EventError | null {
  const index = participantIndex(state, id);
  if (typeof index !== 'number') return index;
  if (creditLine < 0n) return eventError('amount_negative', 'a credit line is not negative');
  const participant = participantAt(state, index);
  if (participant.balance < -creditLine) return eventError('liquidity_below_credit_line', `${id} already uses more credit`);
  participant.creditLine = creditLine;
  state.lsmDirty = true;
  afterLiquidityChange(state, [index], decision);
  return null;
}

/** T2 UDFS: liquidity reservation for urgent payments; normal payments must leave it untouched. */
export function reserveUrgent(state: SettlementState, id: string, amount: bigint, decision: Decision): EventError | null {
  const index = participantIndex(state, id);
  if (typeof index !== 'number') return index;
  if (amount < 0n) return eventError('amount_negative', 'a reservation is not negative');
  participantAt(state, index).urgentReserve = amount;
  state.lsmDirty = true;
  afterLiquidityChange(state, [index], decision);
  return null;
}
