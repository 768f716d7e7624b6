import { assert } from '../assert.js';
import { createAccount } from './create-account.js';
import { createTransfer } from './create-transfer.js';
import { expirePendingTransfers } from './expire.js';
import { batchCommandsMax } from './limits.js';
import { outsideChain, type DeferredLimit, type Mutations } from './mutations.js';
import type { ResultCode } from './result-codes.js';
import { applySetCreditLine } from './set-credit-line.js';
import type { LedgerState } from './state.js';
import { accountFlags, isLinked, type Account, type Id, type LedgerCommand } from './types.js';

export interface Batch {
  /** Timestamp of the batch's first command, in µs; command i gets timestamp + i. */
  readonly timestamp: number;
  readonly commands: readonly LedgerCommand[];
}

export interface BatchOutcome {
  readonly results: ResultCode[];
  /** Pending transfers released by timeout at the start of this batch. */
  readonly expired: Id[];
}

/**
 * Applies one batch: first the reservations that timed out by its timestamp are released,
 * then each command in order. A linked chain (commands with the linked flag, closed by the
 * first one without it) applies all or nothing. Deterministic: same state and batch, same outcome.
 */
export function applyBatch(state: LedgerState, batch: Batch): BatchOutcome {
  const count = batch.commands.length;
  assert(count <= batchCommandsMax, `batch of ${count} commands within batchCommandsMax`);
  const cursor = new LedgerBatch(state, batch.timestamp, count);
  const results = cursor.apply(batch.commands);
  return { results, expired: cursor.finish() };
}

/**
 * One batch applied piece by piece, for a state machine that wraps the ledger (the network
 * layer turns a payment into transfers in the middle of its own batch). Every event gets the
 * next timestamp, so timestamps stay unique and increasing however the batch is cut up.
 */
export class LedgerBatch {
  private readonly expired: Id[];
  private nextTimestamp: number;
  private finished = false;

  /** `eventsMax` bounds the timestamps the batch may use, so they stay safe integers. */
  constructor(
    private readonly state: LedgerState,
    readonly timestamp: number,
    eventsMax: number,
  ) {
    assert(Number.isSafeInteger(timestamp + eventsMax), 'batch timestamp is a safe integer');
    assert(timestamp > state.lastTimestamp, 'batch timestamps strictly increase');
    this.nextTimestamp = timestamp;
    this.expired = expirePendingTransfers(state, timestamp);
  }

  /** The timestamp the next event will get. */
  get now(): number {
    return this.nextTimestamp;
  }

  /** Takes one timestamp for an event that is not a ledger command (a network decision). */
  takeTimestamp(): number {
    this.nextTimestamp += 1;
    return this.nextTimestamp - 1;
  }

  /** Applies commands in order (linked chains all or nothing); one result per command. */
  apply(commands: readonly LedgerCommand[]): ResultCode[] {
    assert(!this.finished, 'the batch is still open');
    const count = commands.length;
    const results: ResultCode[] = new Array<ResultCode>(count);
    const first = this.nextTimestamp;
    let index = 0;
    while (index < count) {
      const command = commands[index]!;
      if (!isLinked(command)) {
        results[index] = applyCommand(this.state, outsideChain, command, first + index, index);
        index += 1;
      } else {
        index = applyChain(this.state, commands, first, index, results);
      }
    }
    this.nextTimestamp = first + count;
    return results;
  }

  /** Closes the batch; returns the reservations it released by timeout. */
  finish(): Id[] {
    assert(!this.finished, 'a batch is finished once');
    this.finished = true;
    this.state.lastTimestamp = Math.max(this.nextTimestamp - 1, this.timestamp);
    this.state.batchesApplied += 1;
    return this.expired;
  }
}

/** Applies the linked chain starting at `first`; returns the index after it. */
function applyChain(state: LedgerState, commands: readonly LedgerCommand[], timestamp: number, first: number, results: ResultCode[]): number {
  let last = first;
  while (last < commands.length && isLinked(commands[last]!)) last += 1;
  if (last === commands.length) {
    for (let i = first; i < commands.length; i += 1) results[i] = 'linked_event_chain_open';
    return commands.length;
  }
  const m: Mutations = { undo: [], deferredLimits: [] };
  let failed = -1;
  let existing = 0;
  for (let i = first; i <= last; i += 1) {
    const result = applyCommand(state, m, commands[i]!, timestamp + i, i);
    results[i] = result;
    if (result === 'exists') existing += 1;
    else if (result !== 'ok') {
      failed = i;
      break;
    }
  }
  if (failed === -1) failed = checkDeferredLimits(state, m.deferredLimits!, commands, results);
  const length = last - first + 1;
  // A retried chain is all `exists`; part new and part old means the ids were reused: refuse.
  if (failed === -1 && existing > 0 && existing < length) {
    failed = firstIndexOf(results, first, last, 'exists');
  }
  if (failed === -1) return last + 1;
  const undo = m.undo!;
  for (let i = undo.length - 1; i >= 0; i -= 1) undo[i]!();
  for (let i = first; i <= last; i += 1) if (i !== failed) results[i] = 'linked_event_failed';
  return last + 1;
}

/**
 * The chain's net effect must leave every account it deferred within its limits. The failure
 * is charged to the last command of the chain that touched the first account in breach.
 */
function checkDeferredLimits(state: LedgerState, deferred: readonly DeferredLimit[], commands: readonly LedgerCommand[], results: ResultCode[]): number {
  for (const { account } of deferred) {
    const code = limitBreach(account);
    if (code === null) continue;
    let index = -1;
    for (const entry of deferred) if (entry.account === account) index = Math.max(index, entry.commandIndex);
    results[index] = code;
    const command = commands[index]!;
    if (command.type === 'create_transfer') state.failedIds.add(command.id); // transient, like any limit refusal
    return index;
  }
  return -1;
}

function limitBreach(a: Account): ResultCode | null {
  if (a.flags & accountFlags.debitsMustNotExceedCredits && a.debitsPending + a.debitsPosted > a.creditsPosted + a.creditLine) return 'exceeds_credits';
  if (a.flags & accountFlags.creditsMustNotExceedDebits && a.creditsPending + a.creditsPosted > a.debitsPosted) return 'exceeds_debits';
  return null;
}

function firstIndexOf(results: ResultCode[], from: number, to: number, code: ResultCode): number {
  for (let i = from; i <= to; i += 1) if (results[i] === code) return i;
  return -1;
}

function applyCommand(state: LedgerState, m: Mutations, command: LedgerCommand, timestamp: number, index: number): ResultCode {
  switch (command.type) {
    case 'create_transfer':
      return createTransfer(state, m, command, timestamp, index);
    case 'create_account':
      return createAccount(state, m, command, timestamp);
    case 'set_credit_line':
      return applySetCreditLine(state, m, command);
  }
}
