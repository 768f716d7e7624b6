import { offsetCandidatesMax } from './limits.js';
import { liquidityOf } from './liquidity.js';
import { liveRecords } from './queue.js';
import { settleSet } from './settle.js';
import { participantAt, type PaymentRecord, type SettlementState } from './state.js';
import type { Decision } from './types.js';

/**
 * Bilateral offsetting on entry (T2 UDFS "offsetting check" and "extended offsetting"): a new
 * payment A→B that cannot settle alone settles together with the payments at the head of B's
 * queue that go to A, when the net effect fits both A and B. B's FIFO order is kept (only a
 * head run of payments to A is used); the longest run that fits is taken. Returns whether it settled.
 */
export function offsetOnEntry(state: SettlementState, record: PaymentRecord, decision: Decision): boolean {
  const payer = participantAt(state, record.from);
  const payee = participantAt(state, record.to);
  const run = headRunTo(state, record.to, record.from);
  if (run.length === 0) return false;
  const payerFloor = record.urgent ? 0n : payer.urgentReserve;
  let back = 0n;
  const prefixSums = run.map((r) => (back += r.amount));
  for (let k = run.length; k >= 1; k--) {
    const returned = prefixSums[k - 1]!;
    const payeeFloor = run.slice(0, k).some((r) => !r.urgent) ? payee.urgentReserve : 0n;
    const payerAfter = liquidityOf(payer) - record.amount + returned;
    const payeeAfter = liquidityOf(payee) + record.amount - returned;
    if (payerAfter >= payerFloor && payeeAfter >= payeeFloor) {
      settleSet(state, [record, ...run.slice(0, k)], decision);
      return true;
    }
  }
  return false;
}

/** The payments at the head of `from`'s queue (urgent, then normal) that go to `to`, in order. */
function headRunTo(state: SettlementState, from: number, to: number): PaymentRecord[] {
  const participant = participantAt(state, from);
  const ordered = liveRecords(participant.urgent, offsetCandidatesMax);
  if (ordered.length < offsetCandidatesMax && ordered.length === participant.urgent.live) {
    ordered.push(...liveRecords(participant.normal, offsetCandidatesMax - ordered.length));
  }
  const run: PaymentRecord[] = [];
  for (const r of ordered) {
    if (r.to !== to) break;
    run.push(r);
  }
  return run;
}
