/**
 * Cross-currency payments waiting in their source currency's rtgs queue (docs/settlement.md,
 * "FX payments"). While one waits, every leg of its PvP chain but the payer's is a pending
 * transfer (the providers' inventory is held, so the price stays firm) and the payer's leg is a
 * payment in the source engine's queue, paid to `fxSinkParticipant`. When the engine settles it,
 * the payer's leg is posted and every reservation posted in the same linked chain; when it is
 * rejected (cancelled, timed out, end of day, queue full), every reservation is voided in one
 * linked chain. Pure helpers over the state: the settlement driver carries them out.
 */
import { assert } from '../assert.js';
import { idZero, transferFlags, type CreateTransferCommand, type Id } from '../ledger/types.js';
import { fxInventoryAccountId, fxPostTransferId, fxReserveTransferId, fxVoidTransferId, transferCodes } from './ids.js';
import type { NetworkResult } from './results.js';
import { settlingParticipant } from './sides.js';
import { settlementAccountKey, type NetworkState, type NodeState } from './state.js';
import type { PaymentRecord } from './types.js';

/**
 * The engine participant a waiting payer leg is paid to. It stands for the providers' inventory,
 * which is outside the engine: it never sends, so the engine can never spend what it receives,
 * and the driver takes what it receives back out at once (its balance is 0 between events).
 * Lowercase with a colon: never a BIC.
 */
export const fxSinkParticipant = 'fx:pvp';

interface Waiting {
  /** uetr → until (µs). */
  readonly until: Map<string, number>;
  /** The least `until`, or NaN when it must be computed again. */
  earliest: number;
}

/**
 * The waiting payments of each currency: derived from the payments (queued, with a wait record),
 * never journaled; rebuilt on first use in a state (after a snapshot load, a replay).
 */
const indexes = new WeakMap<NetworkState, Map<string, Waiting>>();

function waitingByCurrency(network: NetworkState): Map<string, Waiting> {
  let index = indexes.get(network);
  if (index === undefined) {
    index = new Map();
    indexes.set(network, index);
    for (const p of network.payments.values()) if (p.status === 'queued' && p.fx?.wait !== undefined) put(index, p.currency, p.uetr, p.fx.wait.until);
  }
  return index;
}

function put(index: Map<string, Waiting>, currency: string, uetr: string, until: number): void {
  let waiting = index.get(currency);
  if (waiting === undefined) {
    waiting = { until: new Map(), earliest: Number.POSITIVE_INFINITY };
    index.set(currency, waiting);
  }
  waiting.until.set(uetr, until);
  if (until < waiting.earliest) waiting.earliest = until;
}

/** Records that the payment (its wait record set) now waits in its currency's queue. */
export function startWaiting(network: NetworkState, payment: PaymentRecord): void {
  put(waitingByCurrency(network), payment.currency, payment.uetr, payment.fx!.wait!.until);
}

/** It settled or was rejected: it waits no more. */
export function stopWaiting(network: NetworkState, payment: PaymentRecord): void {
  const waiting = waitingByCurrency(network).get(payment.currency);
  const until = waiting?.until.get(payment.uetr);
  if (waiting === undefined || until === undefined) return;
  waiting.until.delete(payment.uetr);
  if (until === waiting.earliest) waiting.earliest = Number.NaN;
}

export function isWaiting(network: NetworkState, uetr: string, currency: string): boolean {
  return waitingByCurrency(network).get(currency)?.until.has(uetr) === true;
}

const nothingDue: readonly { readonly uetr: string; readonly currency: string }[] = [];

/** Every currency's waiting payments whose moment has come at `now`, by (until, uetr): the order they are rejected in. */
export function overdueWaits(network: NetworkState, now: number): readonly { readonly uetr: string; readonly currency: string }[] {
  // Called before every network command: nothing is allocated unless something is due.
  let due: { uetr: string; currency: string; until: number }[] | null = null;
  for (const [currency, waiting] of waitingByCurrency(network)) {
    if (earliestOf(waiting) > now) continue;
    for (const [uetr, until] of waiting.until) if (until <= now) (due ??= []).push({ uetr, currency, until });
  }
  if (due === null) return nothingDue;
  due.sort((a, b) => a.until - b.until || (a.uetr < b.uetr ? -1 : a.uetr > b.uetr ? 1 : 0));
  return due;
}

/** Whether a waiting payment of the currency has reached its moment (the settlement clock then sends the currency a tick, which ends it). */
export function fxWaitDue(network: NetworkState, currency: string, now: number): boolean {
  const waiting = waitingByCurrency(network).get(currency);
  if (waiting === undefined) return false;
  return earliestOf(waiting) <= now;
}

/** The least `until`, computed again only after the earliest one left. */
function earliestOf(waiting: Waiting): number {
  if (Number.isNaN(waiting.earliest)) {
    let least = Number.POSITIVE_INFINITY;
    for (const until of waiting.until.values()) if (until < least) least = until;
    waiting.earliest = least;
  }
  return waiting.earliest;
}

/**
 * The pending transfers that reserve legs 1.. of a posted PvP chain (pvpChain): the same legs,
 * pending, one linked chain, no ledger timeout (the network ends the wait itself, so a
 * reservation never expires under a payment that could still settle).
 */
export function reserveCommands(uetr: string, chain: readonly CreateTransferCommand[]): CreateTransferCommand[] {
  assert(chain.length >= 2, 'a PvP chain has the payer leg and at least one more');
  const last = chain.length - 1;
  return chain.slice(1).map((t, k) => ({ ...t, id: fxReserveTransferId(uetr, k + 1), flags: transferFlags.pending | (k + 1 < last ? transferFlags.linked : 0), timeoutMs: 0 }));
}

/**
 * The transfers that settle a waiting payment the engine released: the payer's leg, posted (netLimits,
 * like every payment of the engine's decided set), then the post of each reservation in full.
 * The driver links them into the decision's one chain.
 */
export function releaseCommands(state: NodeState, payment: PaymentRecord): CreateTransferCommand[] {
  const network = state.network;
  const fx = payment.fx!;
  const first = fx.legs[0]!;
  const payer = settlingParticipant(network, payment.debtorAgent);
  const e2e = payment.endToEndId.slice(0, 35);
  const commands: CreateTransferCommand[] = [
    {
      type: 'create_transfer', id: payment.transferId, debitAccountId: network.settlementAccounts.get(settlementAccountKey(payer, payment.currency))!,
      creditAccountId: fxInventoryAccountId(first.provider, first.from), amount: payment.amount, pendingId: idZero, ledger: network.currencies.get(payment.currency)!.ledger,
      code: transferCodes.fxLeg, flags: transferFlags.netLimits, timeoutMs: 0, uetr: payment.transferId, endToEndId: e2e,
    },
  ];
  fx.wait!.reserved.forEach((id, k) => commands.push(secondPhase(state, id, fxPostTransferId(payment.uetr, k + 1), transferFlags.postPending)));
  return commands;
}

/** The voids of every reservation of a waiting payment that will not settle: one linked chain. */
export function voidCommands(state: NodeState, payment: PaymentRecord): CreateTransferCommand[] {
  const reserved = payment.fx!.wait!.reserved;
  return reserved.map((id, k) => {
    const command = secondPhase(state, id, fxVoidTransferId(payment.uetr, k + 1), transferFlags.voidPending);
    return k < reserved.length - 1 ? { ...command, flags: command.flags | transferFlags.linked } : command;
  });
}

function secondPhase(state: NodeState, reservedId: Id, id: Id, phase: number): CreateTransferCommand {
  const reserved = state.ledger.transfers.get(reservedId);
  assert(reserved !== undefined && state.ledger.pendingStatus.get(reservedId) === 'pending', `reservation ${reservedId} of a waiting FX payment is pending`);
  return {
    type: 'create_transfer', id, debitAccountId: reserved.debitAccountId, creditAccountId: reserved.creditAccountId, amount: reserved.amount, pendingId: reservedId,
    ledger: reserved.ledger, code: transferCodes.fxLeg, flags: phase, timeoutMs: 0, uetr: reserved.uetr, endToEndId: reserved.endToEndId,
  };
}

/** Why a waiting payment the engine dropped as cancelled was dropped: its wait ended (timeout or quotes), else the sender cancelled it. */
export function waitEndResult(payment: PaymentRecord, now: number): NetworkResult | null {
  const wait = payment.fx?.wait;
  if (wait === undefined || now < wait.until) return null;
  return wait.endsBy === 'timeout' ? 'fx_wait_timed_out' : 'fx_wait_quotes_expired';
}

/**
 * What the reservations of waiting payments add to accounts' pending balances, by account:
 * a payee's settlement account may show a pending credit while a payment to it waits.
 */
export function waitingReservations(state: NodeState): { readonly debits: Map<Id, bigint>; readonly credits: Map<Id, bigint> } {
  const debits = new Map<Id, bigint>();
  const credits = new Map<Id, bigint>();
  for (const waiting of waitingByCurrency(state.network).values()) {
    for (const uetr of waiting.until.keys()) {
      for (const id of state.network.payments.get(uetr)!.fx!.wait!.reserved) {
        const t = state.ledger.transfers.get(id)!;
        debits.set(t.debitAccountId, (debits.get(t.debitAccountId) ?? 0n) + t.amount);
        credits.set(t.creditAccountId, (credits.get(t.creditAccountId) ?? 0n) + t.amount);
      }
    }
  }
  return { debits, credits };
}
