import type { RejectionReason, SettlementError } from './result-codes.js';

export type SettlementMode = 'rtgs' | 'rtgs-lsm' | 'dns';
export type Priority = 'urgent' | 'normal';
/** 'fifo': strict order within a priority; 'fifo-bypass': a normal payment may overtake a blocked head (T2 UDFS). */
export const queueOrders = ['fifo', 'fifo-bypass'] as const;
export type QueueOrder = (typeof queueOrders)[number];

export interface ParticipantSetup {
  readonly id: string;
  /** Opening balance of the settlement account, minor units. */
  readonly balance: bigint;
  /** Intraday credit: the balance may go down to −creditLine. */
  readonly creditLine: bigint;
  /** Liquidity that normal payments must leave untouched (reserved for urgent ones). */
  readonly urgentReserve?: bigint;
  /** dns: the position may go down to −netDebitCap. Default: balance + creditLine (fully collateralised). */
  readonly netDebitCap?: bigint;
}

export interface EngineSetup {
  readonly mode: SettlementMode;
  readonly participants: readonly ParticipantSetup[];
  readonly queueOrder?: QueueOrder;
}

export interface PaymentOrder {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  readonly priority: Priority;
}

export type SettlementEvent =
  | { readonly type: 'submit'; readonly payment: PaymentOrder }
  | { readonly type: 'change_liquidity'; readonly participant: string; readonly delta: bigint }
  | { readonly type: 'set_credit_line'; readonly participant: string; readonly creditLine: bigint }
  | { readonly type: 'reserve_urgent'; readonly participant: string; readonly amount: bigint }
  | { readonly type: 'set_net_debit_cap'; readonly participant: string; readonly cap: bigint }
  | { readonly type: 'add_participant'; readonly participant: ParticipantSetup }
  | { readonly type: 'cancel'; readonly paymentId: string }
  /** Takes a payment out as cancel does, but rejects nothing: the engine forgets it, so it may be submitted again (a screening hold). */
  | { readonly type: 'withdraw'; readonly paymentId: string }
  | { readonly type: 'hold'; readonly paymentIds: readonly string[] }
  | { readonly type: 'release'; readonly paymentIds: readonly string[] }
  | { readonly type: 'set_queue_order'; readonly queueOrder: QueueOrder }
  | { readonly type: 'tick' }
  | { readonly type: 'close_window'; readonly windowId: number }
  | { readonly type: 'settle_window'; readonly windowId: number }
  | { readonly type: 'confirm_window'; readonly windowId: number }
  | { readonly type: 'abort_window'; readonly windowId: number }
  | { readonly type: 'end_of_day' };

export interface SettledPayment {
  readonly paymentId: string;
  readonly from: string;
  readonly to: string;
  readonly amount: bigint;
  readonly submittedAtSeconds: number;
}

export interface Rejection {
  readonly paymentId: string;
  readonly reason: RejectionReason;
}

/** dns: what the server posts to the settlement accounts; positive `net` is a credit. */
export interface SettlementInstruction {
  readonly windowId: number;
  readonly participant: string;
  readonly net: bigint;
}

export type WindowStatus = 'open' | 'closed' | 'settling' | 'settled' | 'aborted';

export interface WindowReport {
  readonly windowId: number;
  readonly status: WindowStatus;
  readonly payments: number;
  readonly gross: bigint;
  /** Sum of the net debit positions (= sum of the net credit positions). */
  readonly net: bigint;
  readonly participants: readonly { readonly id: string; readonly sent: bigint; readonly received: bigint; readonly net: bigint }[];
}

/**
 * What one event decided. `settled` is one atomic set: the server applies all of it to the
 * ledger in one linked chain, or none.
 */
export interface Decision {
  readonly ok: true;
  readonly settled: SettledPayment[];
  readonly queued: string[];
  /** dns: accepted into the open window (settles when the window settles). */
  readonly accepted: string[];
  readonly rejected: Rejection[];
  readonly instructions: SettlementInstruction[];
  window: WindowReport | null;
}

export interface EventError {
  readonly ok: false;
  readonly error: SettlementError;
  readonly detail: string;
}

export type SettlementResult = Decision | EventError;

export function emptyDecision(): Decision {
  return { ok: true, settled: [], queued: [], accepted: [], rejected: [], instructions: [], window: null };
}

export function eventError(error: SettlementError, detail: string): EventError {
  return { ok: false, error, detail };
}
