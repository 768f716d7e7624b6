import type { NetworkState } from './state.js';
import type { PaymentRecord } from './types.js';

/**
 * The participant whose settlement account moves for an agent: itself, or an indirect
 * participant's sponsor. An unknown BIC stands for itself (edges ask before checking).
 */
export function settlingParticipant(network: NetworkState, bic: string): string {
  const participant = network.participants.get(bic);
  return participant?.type === 'indirect' && participant.sponsor !== null ? participant.sponsor : bic;
}

/** The debtor side of a payment: the sender, the debtor agent, and the participant whose account pays. */
export function debtorSide(network: NetworkState, p: PaymentRecord): string[] {
  return [p.sender, p.debtorAgent, settlingParticipant(network, p.debtorAgent)];
}

/** The creditor side: the creditor agent, and the participant whose account is paid. */
export function creditorSide(network: NetworkState, p: PaymentRecord): string[] {
  return [p.creditorAgent, settlingParticipant(network, p.creditorAgent)];
}
