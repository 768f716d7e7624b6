import { ExpiryHeap } from './expiry-heap.js';
import type { BalanceHistory } from './balance-history.js';
import type { Account, Id, PendingStatus, Transfer } from './types.js';

/**
 * Everything the ledger knows. Only the functions of this folder change it, and only from
 * the commands they are given, so replaying the same commands always rebuilds the same state.
 */
export interface LedgerState {
  readonly accounts: Map<Id, Account>;
  readonly transfers: Map<Id, Transfer>;
  /** Status of every transfer created with the pending flag. */
  readonly pendingStatus: Map<Id, PendingStatus>;
  /** Ids whose first attempt failed transiently; their retries get id_already_failed. */
  readonly failedIds: Set<Id>;
  /** Per account with the history flag, its balances after every change, oldest first. */
  readonly history: Map<Id, BalanceHistory>;
  readonly expiries: ExpiryHeap;
  /** Timestamp of the last event applied; the next batch must start after it. */
  lastTimestamp: number;
  /** Number of batches applied (the journal sequence number of the last one). */
  batchesApplied: number;
}

export function createLedgerState(): LedgerState {
  return {
    accounts: new Map(),
    transfers: new Map(),
    pendingStatus: new Map(),
    failedIds: new Set(),
    history: new Map(),
    expiries: new ExpiryHeap(),
    lastTimestamp: 0,
    batchesApplied: 0,
  };
}
