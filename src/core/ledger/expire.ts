import type { LedgerState } from './state.js';
import { expiriesPerBatchMax } from './limits.js';
import { assert } from '../assert.js';
import { changeBalances, outsideChain } from './mutations.js';
import type { Id } from './types.js';

/**
 * Releases reservations whose timeout has passed by `now`. Time enters only as the batch
 * timestamp the sequencer chose, so replay expires exactly the same transfers.
 */
export function expirePendingTransfers(state: LedgerState, now: number): Id[] {
  const expired: Id[] = [];
  const noUndo = outsideChain;
  while (expired.length < expiriesPerBatchMax) {
    const next = state.expiries.peek();
    if (next === undefined || next.expiresAt > now) break;
    state.expiries.pop();
    if (state.pendingStatus.get(next.transferId) !== 'pending') continue;
    const transfer = state.transfers.get(next.transferId);
    if (transfer === undefined) continue;
    const debit = state.accounts.get(transfer.debitAccountId);
    const credit = state.accounts.get(transfer.creditAccountId);
    assert(debit !== undefined && credit !== undefined, 'a pending transfer keeps its accounts');
    changeBalances(state, noUndo, debit, 'debit', -transfer.amount, 0n, now, transfer.id);
    changeBalances(state, noUndo, credit, 'credit', -transfer.amount, 0n, now, transfer.id);
    state.pendingStatus.set(transfer.id, 'expired');
    expired.push(transfer.id);
  }
  return expired;
}

/** When the next reservation expires, so the sequencer can wake up then; undefined when none is due. */
export function nextExpiry(state: LedgerState): number | undefined {
  for (;;) {
    const next = state.expiries.peek();
    if (next === undefined) return undefined;
    if (state.pendingStatus.get(next.transferId) === 'pending') return next.expiresAt;
    state.expiries.pop(); // already posted or voided: drop it now rather than wake up for nothing
  }
}
