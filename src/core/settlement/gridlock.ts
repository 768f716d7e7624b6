import { assert } from '../assert.js';

/** One queued payment as the gridlock algorithms see it: payee index, amount, priority. */
export interface GridlockPayment {
  readonly to: number;
  readonly amount: bigint;
  readonly urgent: boolean;
}

/**
 * A gridlock instance: per participant its liquidity (balance + credit line), its urgent
 * reservation, and its queue in settlement order (urgent first, FIFO within a priority).
 */
export interface GridlockInput {
  readonly liquidity: readonly bigint[];
  readonly reserve: readonly bigint[];
  readonly queues: readonly (readonly GridlockPayment[])[];
}

/** Positions and normal-payment counts of a chosen set, kept up to date as payments are added or removed. */
export interface SetBalance {
  readonly position: bigint[];
  readonly normals: number[];
}

/** What a participant must keep after the set: its reservation if it sends a normal payment, else zero. */
export function floorOf(input: GridlockInput, balance: SetBalance, index: number): bigint {
  return balance.normals[index]! > 0 ? input.reserve[index]! : 0n;
}

/** How much the participant lacks under the set (≤ 0: it is covered). */
export function shortfallOf(input: GridlockInput, balance: SetBalance, index: number): bigint {
  return floorOf(input, balance, index) - balance.position[index]!;
}

/** Positions when every queued payment is in the set. */
export function fullSetBalance(input: GridlockInput): SetBalance {
  const count = input.queues.length;
  assert(input.liquidity.length === count && input.reserve.length === count, 'gridlock input arrays have one entry per participant');
  const position = [...input.liquidity];
  const normals = new Array<number>(count).fill(0);
  input.queues.forEach((queue, from) => {
    for (const payment of queue) move(position, normals, from, payment, 1);
  });
  return { position, normals };
}

/** Adds (sign 1) or removes (sign −1) one payment from a set's positions. */
export function move(position: bigint[], normals: number[], from: number, payment: GridlockPayment, sign: 1 | -1): void {
  assert(payment.to !== from && payment.to >= 0 && payment.to < position.length, 'gridlock payment goes to another participant');
  const amount = sign === 1 ? payment.amount : -payment.amount;
  position[from] = position[from]! - amount;
  position[payment.to] = position[payment.to]! + amount;
  if (!payment.urgent) normals[from] = normals[from]! + sign;
}

export function isCovered(input: GridlockInput, balance: SetBalance): boolean {
  return balance.position.every((_, index) => shortfallOf(input, balance, index) <= 0n);
}

export function paymentCount(input: GridlockInput): number {
  return input.queues.reduce((sum, queue) => sum + queue.length, 0);
}
