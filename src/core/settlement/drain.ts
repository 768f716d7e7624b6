import { assert } from '../assert.js';
import { bypassScanMax } from './limits.js';
import { fits } from './liquidity.js';
import { liveRecords, peek } from './queue.js';
import { settleSet } from './settle.js';
import { participantAt, type PaymentRecord, type SettlementState } from './state.js';
import type { Decision } from './types.js';

/**
 * Queue resolution after liquidity arrives (T2 UDFS: "resolving of queues" on every increase
 * of liquidity): settles queued payments of the given participants, head first, and follows
 * the money: every payee that received liquidity is examined in turn.
 */
export function drainQueues(state: SettlementState, starts: Iterable<number>, decision: Decision): void {
  // Nothing queued anywhere (the usual case of a gross payment that settled on entry): nothing to resolve.
  if (state.queuedCount === 0) return;
  const pending: number[] = [];
  const waiting = new Uint8Array(state.participants.length);
  const push = (index: number): void => {
    if (waiting[index] === 1) return;
    waiting[index] = 1;
    pending.push(index);
  };
  for (const index of starts) push(index);
  const settlementsMax = state.queuedCount;
  let settlements = 0;
  for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
    waiting[index] = 0;
    for (let next = nextSettleable(state, index); next !== undefined; next = nextSettleable(state, index)) {
      settleSet(state, [next], decision);
      settlements += 1;
      assert(settlements <= settlementsMax, 'queue resolution settles each queued payment at most once');
      push(next.to);
    }
  }
}

/**
 * The payment the participant's queue lets settle now, if any: the urgent head; else, with
 * no urgent payment queued, the normal head; with FIFO bypass, a later normal payment that
 * fits when the head does not (T2 UDFS: urgent payments are never bypassed).
 */
function nextSettleable(state: SettlementState, index: number): PaymentRecord | undefined {
  const participant = participantAt(state, index);
  const urgent = peek(participant.urgent);
  if (urgent !== undefined) return fits(participant, urgent.amount, true) ? urgent : undefined;
  const normal = peek(participant.normal);
  if (normal === undefined) return undefined;
  if (fits(participant, normal.amount, false)) return normal;
  if (state.queueOrder !== 'fifo-bypass') return undefined;
  return liveRecords(participant.normal, bypassScanMax).find((record) => fits(participant, record.amount, false));
}

/** Whether a new payment may settle ahead of nothing: its queue (and, for a normal one, the urgent queue) is empty, or bypass allows it. */
export function mayEnterDirectly(state: SettlementState, record: PaymentRecord): boolean {
  const payer = participantAt(state, record.from);
  if (payer.urgent.live > 0) return false;
  if (record.urgent) return true;
  return payer.normal.live === 0 || state.queueOrder === 'fifo-bypass';
}
