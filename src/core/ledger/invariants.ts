import { assert } from '../assert.js';
import type { LedgerState } from './state.js';
import { accountFlags } from './types.js';

export interface LedgerTotals {
  debitsPending: bigint;
  debitsPosted: bigint;
  creditsPending: bigint;
  creditsPosted: bigint;
}

/** Sums of every currency ledger's balances. */
export function ledgerTotals(state: LedgerState): Map<number, LedgerTotals> {
  const totals = new Map<number, LedgerTotals>();
  for (const account of state.accounts.values()) {
    let sum = totals.get(account.ledger);
    if (sum === undefined) {
      sum = { debitsPending: 0n, debitsPosted: 0n, creditsPending: 0n, creditsPosted: 0n };
      totals.set(account.ledger, sum);
    }
    sum.debitsPending += account.debitsPending;
    sum.debitsPosted += account.debitsPosted;
    sum.creditsPending += account.creditsPending;
    sum.creditsPosted += account.creditsPosted;
  }
  return totals;
}

/**
 * DESIGN.md §3 invariants 1 and 2: in every currency ledger debits equal credits, pending and
 * posted alike; no account is beyond its limit. Throws InvariantError when broken.
 */
export function assertLedgerInvariants(state: LedgerState): void {
  for (const [ledger, sum] of ledgerTotals(state)) {
    assert(sum.debitsPosted === sum.creditsPosted, `ledger ${ledger}: posted debits ${sum.debitsPosted} equal credits ${sum.creditsPosted}`);
    assert(sum.debitsPending === sum.creditsPending, `ledger ${ledger}: pending debits ${sum.debitsPending} equal credits ${sum.creditsPending}`);
  }
  for (const a of state.accounts.values()) {
    if (a.flags & accountFlags.debitsMustNotExceedCredits) {
      assert(a.debitsPending + a.debitsPosted <= a.creditsPosted + a.creditLine, `account ${a.id} within its credit line`);
    }
    if (a.flags & accountFlags.creditsMustNotExceedDebits) {
      assert(a.creditsPending + a.creditsPosted <= a.debitsPosted, `account ${a.id} credits within debits`);
    }
  }
}
