import type { ParticipantState } from './state.js';

/** RTGS liquidity: balance plus intraday credit line. */
export function liquidityOf(participant: ParticipantState): bigint {
  return participant.balance + participant.creditLine;
}

/**
 * Whether a payment of `amount` fits the payer's liquidity. A normal payment must leave the
 * urgent reservation untouched; an urgent one may use it (T2 UDFS: reservation for urgent payments).
 */
export function fits(participant: ParticipantState, amount: bigint, urgent: boolean): boolean {
  const floor = urgent ? 0n : participant.urgentReserve;
  return liquidityOf(participant) - amount >= floor;
}
