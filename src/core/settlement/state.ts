import { assert } from '../assert.js';
import { participantsMax } from './limits.js';
import type { EngineSetup, QueueOrder, SettlementMode, WindowStatus } from './types.js';

/** 'new': submitted in this event and not yet queued or settled. 'held': out of its queue while a party is suspended (hold.ts). */
export type PaymentStatus = 'new' | 'queued' | 'held' | 'accepted' | 'settled' | 'rejected' | 'cancelled';

/** A payment the engine knows. `from`/`to` are participant indexes. */
export interface PaymentRecord {
  readonly id: string;
  readonly from: number;
  readonly to: number;
  readonly amount: bigint;
  readonly urgent: boolean;
  readonly submittedAtSeconds: number;
  status: PaymentStatus;
  settledAtSeconds: number;
  /** dns: the window it was accepted into; −1 otherwise. */
  windowId: number;
}

/** FIFO queue with lazy removal: records that left the queue (settled, cancelled) are skipped at the head. */
export interface PaymentQueue {
  items: PaymentRecord[];
  head: number;
  live: number;
}

export interface ParticipantState {
  readonly id: string;
  readonly index: number;
  balance: bigint;
  creditLine: bigint;
  urgentReserve: bigint;
  netDebitCap: bigint;
  /** dns: net position in the open window. */
  position: bigint;
  /** Sum of this participant's queued payments (both priorities), kept as payments join and leave, so an LSM run starts from it. */
  queuedOut: bigint;
  /** Sum of the queued payments of others to this participant, kept likewise. */
  queuedIn: bigint;
  readonly urgent: PaymentQueue;
  readonly normal: PaymentQueue;
}

export interface WindowState {
  readonly id: number;
  status: WindowStatus;
  readonly payments: PaymentRecord[];
  /** Set at close: per participant index. */
  nets: bigint[];
  sent: bigint[];
  received: bigint[];
}

/**
 * The engine's whole state: plain data, owned by the caller (the sequencer) and updated in
 * place by applySettlementEvent, TigerBeetle-style. No clock, no randomness: the same events
 * at the same times give the same state.
 */
export interface SettlementState {
  readonly mode: SettlementMode;
  /** Changed only by the set_queue_order event (queue-order.ts). */
  queueOrder: QueueOrder;
  readonly participants: ParticipantState[];
  readonly indexById: Map<string, number>;
  readonly payments: Map<string, PaymentRecord>;
  nowSeconds: number;
  dayEnded: boolean;
  queuedCount: number;
  /** Something changed since the last gridlock run (a payment queued, liquidity changed). */
  lsmDirty: boolean;
  /** Opening balances plus external liquidity changes: the sum of balances must equal it. */
  moneyTotal: bigint;
  open: WindowState;
  closing: WindowState | null;
  windowsClosed: number;
}

export type SetupError = { ok: false; detail: string };

export function createSettlementState(setup: EngineSetup): { ok: true; state: SettlementState } | SetupError {
  const count = setup.participants.length;
  // None at first is allowed: a running network adds participants as they join (add_participant).
  if (count > participantsMax) return { ok: false, detail: `participants must number at most ${participantsMax}` };
  const indexById = new Map<string, number>();
  const participants: ParticipantState[] = [];
  let moneyTotal = 0n;
  for (const p of setup.participants) {
    if (indexById.has(p.id)) return { ok: false, detail: `participant ${p.id} appears twice` };
    const reserve = p.urgentReserve ?? 0n;
    const cap = p.netDebitCap ?? p.balance + p.creditLine;
    if (p.creditLine < 0n || reserve < 0n || cap < 0n) return { ok: false, detail: `participant ${p.id}: negative credit line, reserve or cap` };
    if (p.balance < -p.creditLine) return { ok: false, detail: `participant ${p.id}: balance below minus its credit line` };
    indexById.set(p.id, participants.length);
    participants.push(participantState(p.id, participants.length, p.balance, p.creditLine, reserve, cap));
    moneyTotal += p.balance;
  }
  const state: SettlementState = {
    mode: setup.mode, queueOrder: setup.queueOrder ?? 'fifo', participants, indexById, payments: new Map(),
    nowSeconds: 0, dayEnded: false, queuedCount: 0, lsmDirty: false, moneyTotal,
    open: newWindow(1, count), closing: null, windowsClosed: 0,
  };
  return { ok: true, state };
}

export function participantState(id: string, index: number, balance: bigint, creditLine: bigint, urgentReserve: bigint, netDebitCap: bigint): ParticipantState {
  return {
    id, index, balance, creditLine, urgentReserve, netDebitCap, position: 0n, queuedOut: 0n, queuedIn: 0n,
    urgent: { items: [], head: 0, live: 0 }, normal: { items: [], head: 0, live: 0 },
  };
}

export function newWindow(id: number, participantCount: number): WindowState {
  assert(participantCount >= 0, 'a window has a participant count');
  return { id, status: 'open', payments: [], nets: [], sent: new Array<bigint>(participantCount).fill(0n), received: new Array<bigint>(participantCount).fill(0n) };
}

export function participantAt(state: SettlementState, index: number): ParticipantState {
  const participant = state.participants[index];
  assert(participant !== undefined, `participant index ${index} exists`);
  return participant;
}
