import type { BalanceSnapshot, Id } from './types.js';

/**
 * One account's balances after every change, oldest first, in parallel arrays rather than an
 * object per change: on the hot path that is two objects fewer per transfer for the garbage
 * collector to copy.
 */
export class BalanceHistory {
  private readonly timestamps: number[] = [];
  private readonly transferIds: Id[] = [];
  /** Four per entry: debits pending, debits posted, credits pending, credits posted. */
  private readonly balances: bigint[] = [];

  get length(): number {
    return this.timestamps.length;
  }

  push(entry: BalanceSnapshot): void {
    this.timestamps.push(entry.timestamp);
    this.transferIds.push(entry.transferId);
    this.balances.push(entry.debitsPending, entry.debitsPosted, entry.creditsPending, entry.creditsPosted);
  }

  pushBalances(timestamp: number, transferId: Id, debitsPending: bigint, debitsPosted: bigint, creditsPending: bigint, creditsPosted: bigint): void {
    this.timestamps.push(timestamp);
    this.transferIds.push(transferId);
    this.balances.push(debitsPending, debitsPosted, creditsPending, creditsPosted);
  }

  pop(): void {
    this.timestamps.pop();
    this.transferIds.pop();
    this.balances.length -= 4;
  }

  at(index: number): BalanceSnapshot {
    const b = index * 4;
    return {
      timestamp: this.timestamps[index]!,
      transferId: this.transferIds[index]!,
      debitsPending: this.balances[b]!,
      debitsPosted: this.balances[b + 1]!,
      creditsPending: this.balances[b + 2]!,
      creditsPosted: this.balances[b + 3]!,
    };
  }

  /** How many entries are at or before `timestamp`: a binary search. */
  countAtOrBefore(timestamp: number): number {
    let low = 0;
    let high = this.timestamps.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.timestamps[middle]! <= timestamp) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}
