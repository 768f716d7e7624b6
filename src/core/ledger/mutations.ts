import { assert } from '../assert.js';
import { BalanceHistory } from './balance-history.js';
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
  /** Inside a chain: accounts whose limits are checked when it closes (netLimits transfers), with the command index. */
  deferredLimits: DeferredLimit[] | null;
}

export interface DeferredLimit {
  readonly account: Account;
  readonly commandIndex: number;
}

export const outsideChain: Mutations = { undo: null, deferredLimits: null };

export function insertAccount(state: LedgerState, m: Mutations, account: Account): void {
  assert(!state.accounts.has(account.id), 'account ids are unique');
  state.accounts.set(account.id, account);
  if (account.flags & accountFlags.history) state.history.set(account.id, new BalanceHistory());
  m.undo?.push(() => {
    state.accounts.delete(account.id);
    state.history.delete(account.id);
  });
}

/** The caller has looked the id up and found it free (createTransfer does so first of all). */
export function insertTransfer(state: LedgerState, m: Mutations, transfer: Transfer, debit: Account, credit: Account): void {
  assert(debit.id === transfer.debitAccountId && credit.id === transfer.creditAccountId, 'transfer accounts given');
  state.transfers.set(transfer.id, transfer);
  const debitList = debit.transfers;
  const creditList = credit.transfers;
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

/**
 * Adds to an account's balances and records the result in its history. Hot path: plain
 * arguments and no zero additions, because every bigint operation allocates.
 */
export function changeBalances(
  state: LedgerState,
  m: Mutations,
  account: Account,
  side: 'debit' | 'credit',
  pendingDelta: bigint,
  postedDelta: bigint,
  timestamp: number,
  transferId: Id,
): void {
  addToBalances(account, side, pendingDelta, postedDelta);
  const history = account.flags & accountFlags.history ? state.history.get(account.id) : undefined;
  history?.pushBalances(timestamp, transferId, account.debitsPending, account.debitsPosted, account.creditsPending, account.creditsPosted);
  m.undo?.push(() => {
    addToBalances(account, side, -pendingDelta, -postedDelta);
    history?.pop();
  });
}

function addToBalances(account: Account, side: 'debit' | 'credit', pendingDelta: bigint, postedDelta: bigint): void {
  if (side === 'debit') {
    if (pendingDelta !== 0n) account.debitsPending += pendingDelta;
    if (postedDelta !== 0n) account.debitsPosted += postedDelta;
    assert(account.debitsPending >= 0n && account.debitsPosted >= 0n, `debits of account ${account.id} stay non-negative`);
  } else {
    if (pendingDelta !== 0n) account.creditsPending += pendingDelta;
    if (postedDelta !== 0n) account.creditsPosted += postedDelta;
    assert(account.creditsPending >= 0n && account.creditsPosted >= 0n, `credits of account ${account.id} stay non-negative`);
  }
}
