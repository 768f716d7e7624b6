import { assert } from '../assert.js';
import type { LedgerState } from './state.js';
import { accountFlags, type Account, type Id, type PendingStatus, type Transfer } from './types.js';

/**
 * The only writes to ledger state. Inside a linked chain each write leaves an undo step,
 * so a failing chain is rolled back exactly; undo steps apply inverse deltas, never old
 * copies, so they stay right whatever else changed the same account meanwhile.
 */
export interface Mutations {
  /** Undo steps of the chain in progress, or null outside a chain. */
  undo: (() => void)[] | null;
}

export interface BalanceDelta {
  readonly debitsPending: bigint;
  readonly debitsPosted: bigint;
  readonly creditsPending: bigint;
  readonly creditsPosted: bigint;
}

export function insertAccount(state: LedgerState, m: Mutations, account: Account): void {
  assert(!state.accounts.has(account.id), 'account ids are unique');
  state.accounts.set(account.id, account);
  state.accountTransfers.set(account.id, []);
  if (account.flags & accountFlags.history) state.history.set(account.id, []);
  m.undo?.push(() => {
    state.accounts.delete(account.id);
    state.accountTransfers.delete(account.id);
    state.history.delete(account.id);
  });
}

export function insertTransfer(state: LedgerState, m: Mutations, transfer: Transfer): void {
  assert(!state.transfers.has(transfer.id), 'transfer ids are unique');
  state.transfers.set(transfer.id, transfer);
  const debitList = state.accountTransfers.get(transfer.debitAccountId);
  const creditList = state.accountTransfers.get(transfer.creditAccountId);
  assert(debitList !== undefined && creditList !== undefined, 'transfer accounts exist');
  debitList.push(transfer);
  creditList.push(transfer);
  m.undo?.push(() => {
    state.transfers.delete(transfer.id);
    assert(debitList.pop() === transfer && creditList.pop() === transfer, 'undo in reverse order');
  });
}

export function setPendingStatus(state: LedgerState, m: Mutations, id: Id, status: PendingStatus): void {
  const previous = state.pendingStatus.get(id);
  state.pendingStatus.set(id, status);
  m.undo?.push(() => {
    if (previous === undefined) state.pendingStatus.delete(id);
    else state.pendingStatus.set(id, previous);
  });
}

export function setCreditLine(m: Mutations, account: Account, creditLine: bigint): void {
  const previous = account.creditLine;
  account.creditLine = creditLine;
  m.undo?.push(() => {
    account.creditLine = previous;
  });
}

/** Applies a balance change and records the new balances in the account's history. */
export function changeBalances(
  state: LedgerState,
  m: Mutations,
  account: Account,
  delta: BalanceDelta,
  timestamp: number,
  transferId: Id,
): void {
  account.debitsPending += delta.debitsPending;
  account.debitsPosted += delta.debitsPosted;
  account.creditsPending += delta.creditsPending;
  account.creditsPosted += delta.creditsPosted;
  assert(
    account.debitsPending >= 0n && account.creditsPending >= 0n && account.debitsPosted >= 0n && account.creditsPosted >= 0n,
    `balances of account ${account.id} stay non-negative`,
  );
  const history = state.history.get(account.id);
  history?.push({
    timestamp,
    transferId,
    debitsPending: account.debitsPending,
    debitsPosted: account.debitsPosted,
    creditsPending: account.creditsPending,
    creditsPosted: account.creditsPosted,
  });
  m.undo?.push(() => {
    account.debitsPending -= delta.debitsPending;
    account.debitsPosted -= delta.debitsPosted;
    account.creditsPending -= delta.creditsPending;
    account.creditsPosted -= delta.creditsPosted;
    history?.pop();
  });
}

export function debitDelta(pending: bigint, posted: bigint): BalanceDelta {
  return { debitsPending: pending, debitsPosted: posted, creditsPending: 0n, creditsPosted: 0n };
}

export function creditDelta(pending: bigint, posted: bigint): BalanceDelta {
  return { debitsPending: 0n, debitsPosted: 0n, creditsPending: pending, creditsPosted: posted };
}
