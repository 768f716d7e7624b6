/**
 * Workload 1: a TARGET2 peak day of random flows. 659,146 payments (TARGET2's busiest day)
 * among 100 participants with Zipf-like activity, Pareto(1.2) sizes from 1,000 EUR, uniform
 * over 07:00–18:00, 5% urgent; opening balances cover each participant's net need exactly
 * (the sum is minimumLiquidity). Few circular gridlocks arise in random flows.
 */
import { currencyByCode } from '../src/core/money/index.js';
import type { Scenario, ScenarioPayment } from '../src/core/settlement/index.js';
import { bankIds, netNeeds, prng, tradingDaySeconds } from './settlement-support.js';

export const randomDayPaymentsDefault = 659_146;
const participantCount = 100;
const seed = 0x7a2e_2024;

export function randomDay(count: number): Omit<Scenario, 'mode'> {
  const random = prng(seed);
  const ids = bankIds(participantCount);
  // Zipf-like activity: a few large banks send and receive most payments, as in TARGET2.
  const weights = ids.map((_, i) => 1 / (i + 1) ** 0.9);
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  weights.reduce((sum, w) => (cumulative.push((sum + w) / total), sum + w), 0);
  const pick = (): number => {
    const u = random();
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < u) lo = mid + 1; else hi = mid;
    }
    return lo;
  };
  const payments: ScenarioPayment[] = [];
  for (let i = 0; i < count; i++) {
    const from = pick();
    let to = pick();
    while (to === from) to = pick();
    // Pareto(α = 1.2) from 1,000.00 capped at 5 billion: heavy tail, mean ≈ 5× minimum.
    const major = Math.min(1000 / (1 - random()) ** (1 / 1.2), 5e9);
    const at = Math.floor(random() * tradingDaySeconds);
    payments.push({ id: `p${i}`, from: ids[from]!, to: ids[to]!, amount: BigInt(Math.round(major * 100)), atSeconds: at, priority: random() < 0.05 ? 'urgent' : 'normal' });
  }
  const needs = netNeeds(ids, payments);
  const participants = ids.map((id) => ({ id, balance: needs.get(id)!, creditLine: 0n }));
  return { currency: currencyByCode('EUR')!, participants, payments };
}
