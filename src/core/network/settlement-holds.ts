/**
 * Suspension and the settlement queues (docs/settlement.md, "Suspended participants"): a
 * payment queued for liquidity is held, out of queue resolution and gridlock resolution, while
 * any party to it (sender, debtor or creditor agent, or the sponsor whose account settles for
 * one) is suspended; when none is any more, it rejoins its payer's queue at its old place and
 * may settle at once. Its status stays `queued` (ISO PDNG) throughout; the sender can still
 * cancel it, and end of day rejects it like any queued payment (AB03). dns payments already
 * accepted into the open window keep their positions and settle with it: netting took them in.
 */
import type { LedgerBatch } from '../ledger/apply-batch.js';
import { runCheckedEvent } from './settlement-driver.js';
import { creditorSide, debtorSide } from './sides.js';
import type { NetworkState, NodeState } from './state.js';
import type { PaymentRecord } from './types.js';

/** Whether a party to the payment is suspended (the parties validatePayment checks on entry). */
export function suspendedParty(network: NetworkState, payment: PaymentRecord): boolean {
  for (const bic of [...debtorSide(network, payment), ...creditorSide(network, payment)]) {
    const participant = network.participants.get(bic);
    if (participant?.suspended === true) return true;
    const sponsor = participant?.sponsor == null ? undefined : network.participants.get(participant.sponsor);
    if (sponsor?.suspended === true) return true;
  }
  return false;
}

/**
 * After a suspension changed: in every rtgs currency, holds each queued payment a suspended
 * party now blocks and releases each held one none blocks any more (in submission order), each
 * set in one engine event. One pass over the day's payments of each engine: suspension is rare.
 */
export function reconcileHolds(state: NodeState, cursor: LedgerBatch): void {
  const network = state.network;
  for (const cs of network.settlement.values()) {
    if (cs.mode === 'dns') continue;
    const hold: string[] = [];
    const release: string[] = [];
    for (const record of cs.engine.payments.values()) {
      if (record.status !== 'queued' && record.status !== 'held') continue;
      const blocked = suspendedParty(network, network.payments.get(record.id)!);
      if (record.status === 'queued' && blocked) hold.push(record.id);
      if (record.status === 'held' && !blocked) release.push(record.id);
    }
    if (hold.length > 0) runCheckedEvent(state, cursor, cs, { type: 'hold', paymentIds: hold });
    if (release.length > 0) runCheckedEvent(state, cursor, cs, { type: 'release', paymentIds: release });
  }
}
