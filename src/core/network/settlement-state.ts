/**
 * What the network keeps of settlement per currency: the day's settlement engine
 * (src/core/settlement, driven through its events), the business day, and the dns windows that
 * closed. Journaled with everything else: replay rebuilds it exactly.
 */
import { assert } from '../assert.js';
import { createSettlementState, type QueueOrder, type SettlementState, type WindowStatus } from '../settlement/index.js';
import type { Id } from '../ledger/types.js';
import type { SettlementMode } from './types.js';

/**
 * The engine's clock. The engine reads "seconds" only to order events and to stamp payments
 * (submitted, settled); the network passes the event's timestamp in µs since the epoch, so its
 * times are exact and equal to the payments' history.
 */
export type EngineMicros = number;

/**
 * A currency's queue order when its registration names none: normal payments may overtake a
 * blocked queue head (T2: FIFO by-passing for normal payments); urgent ones never are. The
 * setting lives in the engine (`engine.queueOrder`, in every snapshot since format 2), is
 * changed by set_queue_order and carried into each new day's engine.
 */
export const queueOrderDefault: QueueOrder = 'fifo-bypass';

/** Closed windows remembered per currency for reports (about a week at one window a minute); older ones are dropped. */
export const windowsKeptMax = 10_000;
/** dns: scheduled window lengths, seconds (at most windowsPerDayMax windows a day). */
export const windowSecondsMin = 60;
export const windowSecondsMax = 86_400;

export interface WindowStep {
  readonly status: WindowStatus;
  readonly at: number;
}

/** A dns window the report shows: its life, its totals and every participant's row (amounts in minor units). */
export interface SettlementWindowRecord {
  /** The network's window number: never repeats in the currency, across days. */
  readonly id: number;
  status: WindowStatus;
  /** open, closed, settling, settled | aborted, each with the moment it happened. */
  readonly history: WindowStep[];
  /** ISO reason of an abort (AB04), null otherwise. */
  reason: string | null;
  payments: number;
  gross: bigint;
  /** Sum of the net debit positions (= sum of the net credit positions). */
  net: bigint;
  participants: { readonly id: string; readonly sent: bigint; readonly received: bigint; readonly net: bigint }[];
}

export interface CurrencySettlement {
  readonly currency: string;
  readonly mode: SettlementMode;
  /** The business day's engine: participants are the holders of a settlement account, payments are by UETR. */
  engine: SettlementState;
  /** Business day, from 1; end_of_day starts the next. */
  day: number;
  /** A window's network number is windowBase + its number in the day's engine. */
  windowBase: number;
  /** When the open window opened (µs). */
  openedAt: number;
  /** dns: the tick closes and settles the open window once it is this old; null: only the operator does. */
  windowSeconds: number | null;
  /** When the last end of day was processed; at first, when the currency was registered (µs). */
  lastEndOfDayAt: number;
  /** dns: the clearing account the net instructions pass through; null in rtgs modes. */
  readonly clearingAccountId: Id | null;
  /** Windows past open, oldest first (at most windowsKeptMax). */
  readonly windows: SettlementWindowRecord[];
}

export function newEngine(mode: SettlementMode, queueOrder: QueueOrder, participants: Parameters<typeof createSettlementState>[0]['participants']): SettlementState {
  const created = createSettlementState({ mode, queueOrder, participants });
  assert(created.ok, `settlement engine created: ${created.ok ? '' : created.detail}`);
  return created.state;
}

export function createCurrencySettlement(currency: string, mode: SettlementMode, queueOrder: QueueOrder, at: number, clearingAccountId: Id | null): CurrencySettlement {
  return { currency, mode, engine: newEngine(mode, queueOrder, []), day: 1, windowBase: 0, openedAt: at, windowSeconds: null, lastEndOfDayAt: at, clearingAccountId, windows: [] };
}

/** The network number of the engine's window `engineId`. */
export function networkWindowId(cs: CurrencySettlement, engineId: number): number {
  return cs.windowBase + engineId;
}

/** The open window's network number. */
export function openWindowId(cs: CurrencySettlement): number {
  return networkWindowId(cs, cs.engine.open.id);
}

export function windowRecord(cs: CurrencySettlement, id: number): SettlementWindowRecord | undefined {
  for (let i = cs.windows.length - 1; i >= 0; i -= 1) {
    const record = cs.windows[i]!;
    if (record.id === id) return record;
    if (record.id < id) return undefined;
  }
  return undefined;
}

/** dns: whether the tick should close and settle the open window now. */
export function windowDue(cs: CurrencySettlement, now: number): boolean {
  return cs.mode === 'dns' && cs.windowSeconds !== null && cs.engine.closing === null && cs.engine.open.payments.length > 0 && now - cs.openedAt >= cs.windowSeconds * 1_000_000;
}

/** Whether a settlement_tick would do anything now: a gridlock run that may find something, or a window that is due. */
export function settlementTickDue(cs: CurrencySettlement, now: number): boolean {
  if (cs.mode === 'rtgs-lsm') return cs.engine.lsmDirty && cs.engine.queuedCount > 0;
  return windowDue(cs, now);
}

/** The settlement clock's look interval: at least 10 ms, at most 10 minutes (a gridlock run waits at most this long). */
export const settlementTickMsMin = 10;
export const settlementTickMsMax = 600_000;
export const settlementTickMsDefault = 1000;

/** "HH:MM" (UTC) → minutes after midnight; throws RangeError on anything else. */
export function parseEndOfDay(text: string): number {
  const match = /^([01][0-9]|2[0-3]):([0-5][0-9])$/.exec(text);
  if (match === null) throw new RangeError(`end of day must be HH:MM (UTC, 00:00 to 23:59), not ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Whether end of day is due for a configured time of day (minutes after midnight UTC): its
 * latest occurrence is past, and no end of day was processed since.
 */
export function endOfDayDue(cs: CurrencySettlement, now: number, minuteOfDayUtc: number): boolean {
  const dayUs = 86_400_000_000;
  const offset = minuteOfDayUtc * 60_000_000;
  const latest = Math.floor((now - offset) / dayUs) * dayUs + offset;
  return cs.lastEndOfDayAt < latest && latest <= now;
}
