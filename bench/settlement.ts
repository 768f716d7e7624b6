/**
 * A TARGET2 peak day through the settlement engine: 659,146 payments (TARGET2's busiest day)
 * among 100 participants, heavy-tailed sizes, generated with a seeded PRNG (here, not in the
 * core). Opening liquidity is exactly minimumLiquidity; prints the time rtgs-lsm takes
 * (target ≤ 10 s) and the share of value each mode settles by end of day (rtgs-lsm target ≥ 99%).
 * Run: node --import tsx bench/settlement.ts [payments]
 */
import { currencyByCode } from '../src/core/money/index.js';
import { minimumLiquidity, simulateDay, type QueueOrder, type Scenario, type ScenarioPayment, type SettlementMode } from '../src/core/settlement/index.js';

const paymentsDefault = 659_146;
const participantCount = 100;
/** 07:00 to 18:00, the TARGET2 day trade phase, in seconds. */
const daySeconds = 11 * 3600;
const seed = 0x7a2e_2024;

/** mulberry32: small, fast, seeded; good enough for workload shapes. */
function prng(state: number): () => number {
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(count: number): Omit<Scenario, 'mode'> {
  const random = prng(seed);
  const ids = Array.from({ length: participantCount }, (_, i) => `BANK${String(i).padStart(4, '0')}XX`);
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
    const at = Math.floor(random() * daySeconds);
    payments.push({ id: `p${i}`, from: ids[from]!, to: ids[to]!, amount: BigInt(Math.round(major * 100)), atSeconds: at, priority: random() < 0.05 ? 'urgent' : 'normal' });
  }
  const zero = ids.map((id) => ({ id, balance: 0n, creditLine: 0n }));
  const nets = new Map(ids.map((id) => [id, 0n]));
  for (const p of payments) {
    nets.set(p.from, nets.get(p.from)! - p.amount);
    nets.set(p.to, nets.get(p.to)! + p.amount);
  }
  const participants = zero.map((p) => ({ ...p, balance: nets.get(p.id)! < 0n ? -nets.get(p.id)! : 0n }));
  return { currency: currencyByCode('EUR')!, participants, payments };
}

function run(day: Omit<Scenario, 'mode'>, mode: SettlementMode, queueOrder: QueueOrder = 'fifo'): void {
  const started = performance.now();
  const result = simulateDay({ ...day, mode }, { queueOrder });
  const seconds = (performance.now() - started) / 1000;
  const share = Number((result.settledValue * 1_000_000n) / result.grossValue) / 10_000;
  console.log(
    `${(mode + (queueOrder === 'fifo' ? '' : ' +bypass')).padEnd(18)} ${seconds.toFixed(2).padStart(6)} s  settled ${share.toFixed(2).padStart(6)}% of value, ` +
      `${result.settled}/${result.payments} payments; mean delay ${result.meanDelaySeconds.toFixed(0)} s, max ${result.maxDelaySeconds} s`,
  );
}

const count = Number(process.argv.slice(2).find((arg) => /^\d+$/.test(arg)) ?? paymentsDefault);
const generating = performance.now();
const day = generate(count);
const gross = day.payments.reduce((sum, p) => sum + p.amount, 0n);
console.log(`${count} payments among ${participantCount} participants, gross ${gross / 100n} EUR, generated in ${((performance.now() - generating) / 1000).toFixed(2)} s`);
console.log(`opening liquidity = minimumLiquidity = ${minimumLiquidity(day) / 100n} EUR (${Number((minimumLiquidity(day) * 10_000n) / gross) / 100}% of gross)`);
run(day, 'rtgs-lsm');
run(day, 'rtgs');
run(day, 'dns');
// Half the minimum: gridlock appears, and the gap between plain rtgs and rtgs-lsm shows.
const half = { ...day, participants: day.participants.map((p) => ({ ...p, balance: p.balance / 2n })) };
console.log('with half of minimumLiquidity:');
run(half, 'rtgs-lsm');
run(half, 'rtgs');
if (process.argv.includes('--bypass')) {
  run(day, 'rtgs-lsm', 'fifo-bypass');
  run(day, 'rtgs', 'fifo-bypass');
}
