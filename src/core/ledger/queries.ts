import type { LedgerState } from './state.js';
import type { Account, Balances, Id, Transfer } from './types.js';

export const transfersPageMax = 8190;

export function lookupAccount(state: LedgerState, id: Id): Account | undefined {
  return state.accounts.get(id);
}

export function lookupTransfer(state: LedgerState, id: Id): Transfer | undefined {
  return state.transfers.get(id);
}

export interface TransfersPageQuery {
  /** Only transfers strictly after this timestamp (µs); a page's last timestamp continues it. */
  readonly afterTimestamp?: number;
  /** Only transfers at or before this timestamp (µs). */
  readonly untilTimestamp?: number;
  readonly limit: number;
}

/** An account's transfers, oldest first, paged by timestamp. */
export function accountTransfers(state: LedgerState, accountId: Id, query: TransfersPageQuery): Transfer[] {
  const all = state.accounts.get(accountId)?.transfers;
  if (all === undefined) return [];
  const limit = Math.min(Math.max(query.limit, 0), transfersPageMax);
  const start = query.afterTimestamp === undefined ? 0 : countAtOrBefore(all, query.afterTimestamp);
  const page: Transfer[] = [];
  for (let i = start; i < all.length && page.length < limit; i += 1) {
    const transfer = all[i]!;
    if (query.untilTimestamp !== undefined && transfer.timestamp > query.untilTimestamp) break;
    page.push(transfer);
  }
  return page;
}

export type BalanceAtResult =
  | { ok: true; balances: Balances }
  | { ok: false; error: 'account_not_found' | 'account_history_not_enabled' };

/** An account's balances as they were at `timestamp` (µs), for accounts with the history flag. */
export function accountBalanceAt(state: LedgerState, accountId: Id, timestamp: number): BalanceAtResult {
  if (!state.accounts.has(accountId)) return { ok: false, error: 'account_not_found' };
  const history = state.history.get(accountId);
  if (history === undefined) return { ok: false, error: 'account_history_not_enabled' };
  const count = history.countAtOrBefore(timestamp);
  const entry = count === 0 ? undefined : history.at(count - 1);
  const zero = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
  if (entry === undefined) return { ok: true, balances: zero };
  const { debitsPending, debitsPosted, creditsPending, creditsPosted } = entry;
  return { ok: true, balances: { debitsPending, debitsPosted, creditsPending, creditsPosted } };
}

/** How many of the items (sorted by timestamp) are at or before `timestamp`: a binary search. */
function countAtOrBefore(items: readonly { readonly timestamp: number }[], timestamp: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle]!.timestamp <= timestamp) low = middle + 1;
    else high = middle;
  }
  return low;
}
