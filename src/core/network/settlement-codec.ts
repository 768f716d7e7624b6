/**
 * The settlement part of the network state as JSON lines (see codec.ts): per currency a header
 * with the engine's participants and windows, one line per payment the day's engine knows, one
 * per window report. Queues and window payment lists are not written: a payment joins its
 * payer's queue and its window only when it is submitted, so both are the day's payments in
 * submission order, filtered (queued; accepted into window w). Amounts are decimal strings.
 */
import { assert } from '../assert.js';
import { newWindow, participantState, queueOrders, type EnginePaymentStatus, type PaymentRecord, type SettlementState, type WindowState } from '../settlement/index.js';
import type { Id } from '../ledger/types.js';
import { newEngine, type CurrencySettlement, type SettlementWindowRecord } from './settlement-state.js';
import type { SettlementMode } from './types.js';

type Put = (kind: string, value: unknown) => void;

const str = (value: bigint): string => value.toString();

function big(value: unknown): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value !== 'string' || !/^-?[0-9]{1,40}$/.test(value)) throw new RangeError('settlement amount is not an integer');
  return BigInt(value);
}

function encodeWindow(window: WindowState): unknown[] {
  return [window.id, window.status, window.nets.map(str), window.sent.map(str), window.received.map(str)];
}

export function encodeSettlement(cs: CurrencySettlement, put: Put): void {
  const e = cs.engine;
  put('settlement', {
    currency: cs.currency,
    mode: cs.mode,
    day: cs.day,
    windowBase: cs.windowBase,
    openedAt: cs.openedAt,
    windowSeconds: cs.windowSeconds,
    lastEndOfDayAt: cs.lastEndOfDayAt,
    clearingAccountId: cs.clearingAccountId,
    engine: {
      queueOrder: e.queueOrder,
      nowSeconds: e.nowSeconds,
      dayEnded: e.dayEnded,
      lsmDirty: e.lsmDirty,
      moneyTotal: str(e.moneyTotal),
      windowsClosed: e.windowsClosed,
      participants: e.participants.map((p) => [p.id, str(p.balance), str(p.creditLine), str(p.urgentReserve), str(p.netDebitCap), str(p.position), str(p.queuedOut), str(p.queuedIn)]),
      open: encodeWindow(e.open),
      closing: e.closing === null ? null : encodeWindow(e.closing),
    },
  });
  for (const r of e.payments.values()) put('settlementPayment', [cs.currency, r.id, r.from, r.to, str(r.amount), r.urgent, r.submittedAtSeconds, r.status, r.settledAtSeconds, r.windowId]);
  for (const w of cs.windows) {
    put('settlementWindow', [cs.currency, { ...w, gross: str(w.gross), net: str(w.net), participants: w.participants.map((p) => [p.id, str(p.sent), str(p.received), str(p.net)]) }]);
  }
}

function decodeWindow(value: unknown): WindowState {
  const [id, status, nets, sent, received] = value as [number, WindowState['status'], unknown[], unknown[], unknown[]];
  const window = newWindow(id, 0);
  window.status = status;
  window.nets = nets.map(big);
  window.sent = sent.map(big);
  window.received = received.map(big);
  return window;
}

export function decodeSettlementHeader(value: unknown): CurrencySettlement {
  const v = value as Record<string, unknown>;
  const e = v.engine as Record<string, unknown>;
  // The queue order is the currency's setting (set_queue_order); written since format 2.
  if (!queueOrders.includes(e.queueOrder as SettlementState['queueOrder'])) throw new RangeError(`settlement queue order ${String(e.queueOrder)} is not fifo or fifo-bypass`);
  const engine: SettlementState = newEngine(v.mode as SettlementMode, e.queueOrder as SettlementState['queueOrder'], []);
  const mutable = engine as { -readonly [K in keyof SettlementState]: SettlementState[K] };
  for (const row of e.participants as unknown[][]) {
    const [id, balance, creditLine, reserve, cap, position, queuedOut, queuedIn] = row as [string, ...unknown[]];
    const p = participantState(id, engine.participants.length, big(balance), big(creditLine), big(reserve), big(cap));
    p.position = big(position);
    p.queuedOut = big(queuedOut);
    p.queuedIn = big(queuedIn);
    engine.indexById.set(id, engine.participants.length);
    engine.participants.push(p);
  }
  mutable.nowSeconds = e.nowSeconds as number;
  mutable.dayEnded = e.dayEnded as boolean;
  mutable.lsmDirty = e.lsmDirty as boolean;
  mutable.moneyTotal = big(e.moneyTotal);
  mutable.windowsClosed = e.windowsClosed as number;
  mutable.open = decodeWindow(e.open);
  mutable.closing = e.closing === null ? null : decodeWindow(e.closing);
  return {
    currency: v.currency as string,
    mode: v.mode as SettlementMode,
    engine,
    day: v.day as number,
    windowBase: v.windowBase as number,
    openedAt: v.openedAt as number,
    windowSeconds: v.windowSeconds as number | null,
    lastEndOfDayAt: v.lastEndOfDayAt as number,
    clearingAccountId: v.clearingAccountId as Id | null,
    windows: [],
  };
}

/** A payment of the day's engine, appended in submission order; it rejoins its queue or window in `finishSettlement`. */
export function decodeSettlementPayment(cs: CurrencySettlement, value: unknown): void {
  const [, id, from, to, amount, urgent, submittedAtSeconds, status, settledAtSeconds, windowId] = value as [string, string, number, number, unknown, boolean, number, EnginePaymentStatus, number, number];
  const record: PaymentRecord = { id, from, to, amount: big(amount), urgent, submittedAtSeconds, status, settledAtSeconds, windowId };
  cs.engine.payments.set(id, record);
}

export function decodeSettlementWindow(cs: CurrencySettlement, value: unknown): void {
  const w = value as Record<string, unknown>;
  const record: SettlementWindowRecord = {
    id: w.id as number,
    status: w.status as SettlementWindowRecord['status'],
    history: w.history as SettlementWindowRecord['history'],
    reason: w.reason as string | null,
    payments: w.payments as number,
    gross: big(w.gross),
    net: big(w.net),
    participants: (w.participants as unknown[][]).map(([id, sent, received, net]) => ({ id: id as string, sent: big(sent), received: big(received), net: big(net) })),
  };
  cs.windows.push(record);
}

/** Rebuilds the queues and the windows' payment lists from the day's payments, in submission order. */
export function finishSettlement(cs: CurrencySettlement): void {
  const engine = cs.engine;
  let queued = 0;
  for (const record of engine.payments.values()) {
    if (record.status === 'queued') {
      const payer = engine.participants[record.from];
      assert(payer !== undefined, `queued payment ${record.id} has its payer`);
      const queue = record.urgent ? payer.urgent : payer.normal;
      queue.items.push(record);
      queue.live += 1;
      queued += 1;
    }
    if (record.windowId === engine.open.id) engine.open.payments.push(record);
    else if (engine.closing !== null && record.windowId === engine.closing.id) engine.closing.payments.push(record);
  }
  (engine as { queuedCount: number }).queuedCount = queued;
}
