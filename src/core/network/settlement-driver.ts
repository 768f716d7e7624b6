/**
 * Drives a currency's settlement engine from network commands and carries out what it decides,
 * inside the command's batch: settled sets become one linked, netLimits-checked chain of ledger
 * transfers (all or nothing: the engine decided them on the very balances the ledger holds);
 * payments change status with their history and inbox events; dns windows keep their reports.
 * Deterministic: the engine's clock is the batch cursor's timestamp.
 */
import { assert } from '../assert.js';
import type { LedgerBatch } from '../ledger/apply-batch.js';
import type { CreateTransferCommand } from '../ledger/types.js';
import {
  applySettlementEvent,
  decisionCommands,
  type Decision,
  type EventError,
  type LedgerMapping,
  type RejectionReason,
  type SettlementEvent,
  type WindowReport,
  type WindowStatus,
} from '../settlement/index.js';
import { transferFlags } from '../ledger/types.js';
import { fxSinkParticipant, isWaiting, overdueWaits, releaseCommands, stopWaiting, voidCommands, waitEndResult } from './fx-wait.js';
import { fxPostTransferId, netSettlementTransferId, transferCodes, uetrTransferId } from './ids.js';
import { appendInboxEventTo } from './inbox.js';
import { networkResultInfo, type NetworkResult } from './results.js';
import { networkWindowId, newEngine, windowRecord, windowsKeptMax, type CurrencySettlement, type SettlementWindowRecord } from './settlement-state.js';
import { notifyFxSettled } from './fx-notify.js';
import { creditorSide, debtorSide, settlingParticipant } from './sides.js';
import { settlementAccountKey, type NodeState } from './state.js';
import type { ChangeActor, PaymentRecord, PaymentStatus } from './types.js';

/** The network result (and so the ISO reason) of each way the engine rejects a payment. */
export const rejectionResults: Readonly<Record<RejectionReason, NetworkResult>> = {
  end_of_day: 'queued_at_end_of_day',
  queue_full: 'queue_full',
  exceeds_net_debit_cap: 'exceeds_net_debit_cap',
  cancelled: 'cancelled_by_sender',
  window_aborted: 'window_aborted',
  net_debit_not_covered: 'net_debit_not_covered',
};

export function rejectionIso(reason: RejectionReason): string {
  return networkResultInfo(rejectionResults[reason]).iso!;
}

export function settlementOf(state: NodeState, currency: string): CurrencySettlement {
  const cs = state.network.settlement.get(currency);
  assert(cs !== undefined, `currency ${currency} has its settlement engine`);
  return cs;
}


/**
 * Applies one engine event at the cursor's time and carries out its decision. A refused event
 * changed nothing and comes back as the engine's error; the caller maps it to a result.
 */
export function runEngineEvent(state: NodeState, cursor: LedgerBatch, cs: CurrencySettlement, event: SettlementEvent, cancelledBy?: ChangeActor): EventError | null {
  const result = applySettlementEvent(cs.engine, event, cursor.now);
  if (!result.ok) return result;
  carryOut(state, cursor, cs, result, cancelledBy);
  // (After end of day the engine takes no more events: the next day's engine follows, see startNextDay.)
  if (cs.mode === 'dns' && event.type !== 'submit' && event.type !== 'cancel' && event.type !== 'withdraw' && event.type !== 'tick' && event.type !== 'end_of_day') followLiquidityWithCaps(state, cursor, cs);
  return null;
}

/** An event the network has checked beforehand: its refusal would mean the network and the engine disagree. */
export function runCheckedEvent(state: NodeState, cursor: LedgerBatch, cs: CurrencySettlement, event: SettlementEvent, cancelledBy?: ChangeActor): void {
  const error = runEngineEvent(state, cursor, cs, event, cancelledBy);
  if (error !== null) throw new Error(`settlement of ${cs.currency}: ${event.type} refused (${error.error}: ${error.detail})`);
}

/** `cancelledBy`: who ordered a cancellation the decision carries out, when not the sender (recorded on the rejection). */
function carryOut(state: NodeState, cursor: LedgerBatch, cs: CurrencySettlement, decision: Decision, cancelledBy: ChangeActor | undefined): void {
  const network = state.network;
  const first = cursor.now;
  const commands = ledgerCommands(state, cs, decision);
  if (commands.length > 0) {
    const results = cursor.apply(commands);
    // The engine decided on the ledger's own balances (asserted by the invariants): a refusal is a disagreement.
    const failed = results.findIndex((r) => r !== 'ok');
    if (failed !== -1) throw new Error(`settlement of ${cs.currency}: transfer ${failed} of a decided set failed with ${results[failed]}`);
  }
  // In dns the window's payments settle when its instructions are applied, at one moment.
  const netSettledAt = cs.mode === 'dns' && decision.settled.length > 0 ? cursor.takeTimestamp() : 0;
  const fxSettled: PaymentRecord[] = [];
  for (let i = 0; i < decision.settled.length; i += 1) {
    const payment = network.payments.get(decision.settled[i]!.paymentId)!;
    const at = cs.mode === 'dns' ? netSettledAt : first + i;
    changeStatus(payment, 'settled', at, null);
    // A waiting FX payment's settlement is told once its whole chain posted (fxSettledFromQueue).
    if (payment.fx !== null) {
      fxSettled.push(payment);
      continue;
    }
    appendInboxEventTo(network, debtorSide(state.network, payment), settledEvent(at, payment.uetr, 'payment.settled'));
    appendInboxEventTo(network, creditorSide(state.network, payment), settledEvent(at, payment.uetr, 'payment.received'));
  }
  for (const id of decision.queued) notifyDebtor(state, cursor, id, 'queued', null);
  for (const id of decision.accepted) notifyDebtor(state, cursor, id, 'accepted', null);
  for (const { paymentId, reason } of decision.rejected) {
    const payment = network.payments.get(paymentId)!;
    const by = reason === 'cancelled' ? cancelledBy : undefined;
    if (payment.fx?.wait !== undefined) {
      endFxWait(state, cursor, payment);
      const ended = reason === 'cancelled' ? waitEndResult(payment, cursor.now) : null;
      notifyDebtor(state, cursor, paymentId, 'rejected', ended === null ? rejectionIso(reason) : networkResultInfo(ended).iso, by);
    } else notifyDebtor(state, cursor, paymentId, 'rejected', rejectionIso(reason), by);
  }
  // Out of the engine for good: nothing left to screen again when the lists change.
  const waiting = network.screening.waitingScreened;
  if (waiting.size > 0) {
    for (const settled of decision.settled) waiting.delete(settled.paymentId);
    for (const rejected of decision.rejected) waiting.delete(rejected.paymentId);
  }
  for (const payment of fxSettled) fxSettledFromQueue(state, cursor, cs, payment);
  if (decision.window !== null) recordWindow(cs, cursor, decision.window);
  // dns settle: the ledger applied the instructions, so the window is confirmed at once (SETTLING → SETTLED in this command).
  if (decision.window?.status === 'settling') runCheckedEvent(state, cursor, cs, { type: 'confirm_window', windowId: decision.window.windowId });
}

/** Written out, not spread from a shared object plus its type: that spread costs V8 about 1 µs per event. */
function settledEvent(at: number, uetr: string, type: 'payment.settled' | 'payment.received') {
  return { at, subject: uetr, status: 'settled', reason: null, currency: null, amount: null, type } as const;
}

const eventOfStatus = { queued: 'payment.queued', accepted: 'payment.accepted', rejected: 'payment.rejected' } as const;

function notifyDebtor(state: NodeState, cursor: LedgerBatch, uetr: string, status: 'queued' | 'accepted' | 'rejected', reason: string | null, by?: ChangeActor): void {
  const payment = state.network.payments.get(uetr)!;
  const at = cursor.takeTimestamp();
  changeStatus(payment, status, at, reason, by);
  const event = { at, type: eventOfStatus[status], subject: uetr, status, reason, currency: null, amount: null };
  // `by` only when set: records without it keep the bytes they always had (snapshots, replay).
  appendInboxEventTo(state.network, debtorSide(state.network, payment), by === undefined ? event : { ...event, by });
}

function changeStatus(payment: PaymentRecord, status: PaymentStatus, at: number, reason: string | null, by?: ChangeActor): void {
  payment.status = status;
  payment.reason = reason;
  payment.history.push(by === undefined ? { status, at, reason } : { status, at, reason, by });
}

/**
 * The decision's ledger chain (ledger-chain.ts): gross payments carry their UETR and end-to-end
 * id like any payment's transfer; net instructions go through the currency's clearing account.
 */
function ledgerCommands(state: NodeState, cs: CurrencySettlement, decision: Decision): CreateTransferCommand[] {
  if (decision.settled.length === 0 && decision.instructions.length === 0) return [];
  const network = state.network;
  const currency = network.currencies.get(cs.currency)!;
  const mapping: LedgerMapping = {
    ledger: currency.ledger,
    code: cs.mode === 'dns' ? transferCodes.netSettlement : transferCodes.payment,
    accountOf: (bic) => network.settlementAccounts.get(settlementAccountKey(bic, cs.currency))!,
    clearingAccount: cs.clearingAccountId ?? '',
    transferIdOf: (key) => {
      if (key.startsWith('payment:')) return uetrTransferId(key.slice('payment:'.length));
      const [, engineWindow, bic] = key.split(':') as [string, string, string];
      return netSettlementTransferId(cs.currency, networkWindowId(cs, Number(engineWindow)), bic);
    },
  };
  const commands = decisionCommands(decision, cs.mode, mapping);
  if (cs.mode === 'dns') return commands;
  // A cross-currency payment's queued leg settles as its PvP chain: the payer's leg and the posts of its reservations.
  const gross = commands.flatMap((command, i) => {
    const payment = network.payments.get(decision.settled[i]!.paymentId)!;
    return payment.fx !== null ? releaseCommands(state, payment) : [{ ...command, uetr: payment.transferId, endToEndId: payment.endToEndId.slice(0, 35) }];
  });
  // One linked chain, all or nothing, as decisionCommands made it.
  return gross.map((command, i) => ({ ...command, flags: (command.flags & ~transferFlags.linked) | (i < gross.length - 1 ? transferFlags.linked : 0) }));
}

/**
 * A waiting cross-currency payment whose payer leg the engine just settled: the ledger posted its
 * whole chain with the decision. The engines see the money leave the source currency's settlement
 * accounts (the sink gives back what it got) and reach the payee's in the target currency (its
 * queue may settle now); both sides and every provider hear it, with amounts.
 */
function fxSettledFromQueue(state: NodeState, cursor: LedgerBatch, cs: CurrencySettlement, payment: PaymentRecord): void {
  const network = state.network;
  const fx = payment.fx!;
  stopWaiting(network, payment);
  const transfers = [payment.transferId, ...fx.wait!.reserved.map((_, k) => fxPostTransferId(payment.uetr, k + 1))];
  (payment as { fx: PaymentRecord['fx'] }).fx = { ...fx, transfers };
  runCheckedEvent(state, cursor, cs, { type: 'change_liquidity', participant: fxSinkParticipant, delta: -payment.amount });
  const payee = settlingParticipant(network, payment.creditorAgent);
  runCheckedEvent(state, cursor, settlementOf(state, fx.targetCurrency), { type: 'change_liquidity', participant: payee, delta: fx.deliveredMinor });
  notifyFxSettled(state, cursor.takeTimestamp(), payment);
}

/** A waiting payment that will not settle: every reservation voided, in one linked chain. */
function endFxWait(state: NodeState, cursor: LedgerBatch, payment: PaymentRecord): void {
  stopWaiting(state.network, payment);
  const results = cursor.apply(voidCommands(state, payment));
  const failed = results.findIndex((r) => r !== 'ok');
  if (failed !== -1) throw new Error(`fx payment ${payment.uetr}: void ${failed} of its reservations failed with ${results[failed]}`);
}

/**
 * Rejects every waiting cross-currency payment whose moment has come (its timeout, or its quotes'
 * or held route's expiry), before a network command runs: so none settles after it. Each is
 * cancelled in its engine (what queued behind it may settle) and its reservations voided.
 */
export function expireFxWaits(state: NodeState, cursor: LedgerBatch): void {
  for (const { uetr, currency } of overdueWaits(state.network, cursor.now)) {
    // A settlement carried out for an earlier one may have ended this one too.
    if (!isWaiting(state.network, uetr, currency)) continue;
    runCheckedEvent(state, cursor, settlementOf(state, currency), { type: 'cancel', paymentId: uetr });
  }
}

const windowOrder: readonly WindowStatus[] = ['open', 'closed', 'settling', 'settled'];

/** Keeps the report of a window past open, with each step of its life (steps a single event went through share its moment). */
function recordWindow(cs: CurrencySettlement, cursor: LedgerBatch, report: WindowReport): void {
  const id = networkWindowId(cs, report.windowId);
  const at = cursor.takeTimestamp();
  let record = windowRecord(cs, id);
  if (record === undefined) {
    record = { id, status: 'open', history: [{ status: 'open', at: cs.openedAt }], reason: null, payments: 0, gross: 0n, net: 0n, participants: [] };
    cs.windows.push(record);
    if (cs.windows.length > windowsKeptMax) cs.windows.shift();
    // The engine opened the next window when this one closed.
    cs.openedAt = at;
  }
  const steps = report.status === 'aborted' ? [...windowOrder.slice(windowOrder.indexOf(record.status) + 1, 2), 'aborted' as const] : windowOrder.slice(windowOrder.indexOf(record.status) + 1, windowOrder.indexOf(report.status) + 1);
  for (const status of steps) record.history.push({ status, at });
  fillRecord(record, report);
}

function fillRecord(record: SettlementWindowRecord, report: WindowReport): void {
  record.status = report.status;
  record.payments = report.payments;
  record.gross = report.gross;
  record.net = report.net;
  record.participants = report.participants.map((p) => ({ id: p.id, sent: p.sent, received: p.received, net: p.net }));
  if (report.status === 'aborted') record.reason = 'AB04';
}

/**
 * dns: a participant without a cap of its own may owe, net, what its liquidity (balance plus
 * credit line) covers: fully collateralised, as the engine's default. The cap follows its
 * liquidity, never below what the open window already uses.
 */
export function followLiquidityWithCaps(state: NodeState, cursor: LedgerBatch, cs: CurrencySettlement): void {
  for (const p of cs.engine.participants) {
    const accountId = state.network.settlementAccounts.get(settlementAccountKey(p.id, cs.currency))!;
    if (state.network.netDebitCaps.has(accountId)) continue;
    const liquidity = p.balance + p.creditLine;
    const used = -p.position;
    const cap = liquidity > used ? liquidity : used > 0n ? used : 0n;
    if (cap !== p.netDebitCap) {
      const result = applySettlementEvent(cs.engine, { type: 'set_net_debit_cap', participant: p.id, cap }, cursor.now);
      assert(result.ok, `cap of ${p.id} follows its liquidity`);
    }
  }
}

/**
 * End of day done: the next business day starts with a fresh engine (the day's payments are
 * final: settled or rejected), the same participants, balances, credit lines, caps and queue order.
 */
export function startNextDay(state: NodeState, cursor: LedgerBatch, cs: CurrencySettlement): void {
  const at = cursor.takeTimestamp();
  const old = cs.engine;
  cs.windowBase += old.open.id - 1;
  cs.engine = newEngine(
    cs.mode,
    old.queueOrder,
    old.participants.map((p) => ({ id: p.id, balance: p.balance, creditLine: p.creditLine, urgentReserve: p.urgentReserve, netDebitCap: p.netDebitCap })),
  );
  cs.day += 1;
  cs.lastEndOfDayAt = at;
  cs.openedAt = at;
  if (cs.mode === 'dns') followLiquidityWithCaps(state, cursor, cs);
}
