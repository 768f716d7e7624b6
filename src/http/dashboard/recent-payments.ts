/**
 * The last payments that came to life, newest first, bounded: a Map keeps insertion order, so
 * dropping its first key drops the oldest. Seeded from the state at start-up (and again when the
 * node answering changes), then fed with each payment the committed batches first mention.
 */
export class RecentPayments {
  private readonly uetrs = new Map<string, true>();

  constructor(private readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) throw new Error(`recent payments capacity ${capacity} must be a positive integer`);
  }

  /** Starts again from every payment a state holds, oldest first (one pass: at start-up, or when the node answering changes). */
  seed(uetrs: Iterable<string>): void {
    this.uetrs.clear();
    for (const uetr of uetrs) this.add(uetr);
  }

  /** True when the payment is new to the list. */
  add(uetr: string): boolean {
    if (this.uetrs.has(uetr)) return false;
    this.uetrs.set(uetr, true);
    if (this.uetrs.size > this.capacity) this.uetrs.delete(this.uetrs.keys().next().value!);
    return true;
  }

  get size(): number {
    return this.uetrs.size;
  }

  /** Newest first, at most `limit`. */
  newest(limit: number): string[] {
    const all = [...this.uetrs.keys()];
    const out: string[] = [];
    for (let i = all.length - 1; i >= 0 && out.length < limit; i -= 1) out.push(all[i]!);
    return out;
  }
}
