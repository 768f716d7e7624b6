/** Shared pieces of the settlement benchmark workloads (bench code: seeded randomness is fine here, never in the core). */
import type { ScenarioPayment } from '../src/core/settlement/index.js';

/** 07:00 to 18:00, the TARGET2 day trade phase, in seconds. */
export const tradingDaySeconds = 11 * 3600;

/** mulberry32: small, fast, seeded; good enough for workload shapes. */
export function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function bankIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `BANK${String(i).padStart(4, '0')}XX`);
}

/** Per participant, max(0, −net position of all payments): the liquidity that settles the day with perfect netting. */
export function netNeeds(ids: readonly string[], payments: readonly ScenarioPayment[]): Map<string, bigint> {
  const nets = new Map(ids.map((id) => [id, 0n]));
  for (const p of payments) {
    nets.set(p.from, nets.get(p.from)! - p.amount);
    nets.set(p.to, nets.get(p.to)! + p.amount);
  }
  return new Map([...nets].map(([id, net]) => [id, net < 0n ? -net : 0n]));
}
