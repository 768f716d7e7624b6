/**
 * The settlement engine on two days (figures printed, never asserted; docs/settlement.md):
 *  1. a TARGET2 peak day of random flows (settlement-random-day.ts): speed of rtgs-lsm
 *     (target ≤ 10 s, also at half the minimum liquidity) and the share of value settled;
 *  2. circular flows among tiers of banks (settlement-circles.ts), where the LSM matters:
 *     share of value settled, liquidity used against gross value and mean delay per mode.
 * Run: node --import tsx bench/settlement.ts [payments] [--bypass] [--circles N]
 */
import { minimumLiquidity, simulateDay, type QueueOrder, type Scenario, type SettlementMode } from '../src/core/settlement/index.js';
import { circlesDefault, tieredCircles } from './settlement-circles.js';
import { randomDay, randomDayPaymentsDefault } from './settlement-random-day.js';

type Day = Omit<Scenario, 'mode'>;

/** Basis points of a ratio of money amounts, as a percentage string with two decimals. */
function percent(part: bigint, whole: bigint): string {
  return `${(Number((part * 1_000_000n) / whole) / 10_000).toFixed(2)}%`;
}

function run(day: Day, mode: SettlementMode, queueOrder: QueueOrder = 'fifo'): void {
  const started = performance.now();
  const result = simulateDay({ ...day, mode }, { queueOrder });
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${(mode + (queueOrder === 'fifo' ? '' : ' +bypass')).padEnd(16)} ${seconds.toFixed(2).padStart(6)} s  settled ${percent(result.settledValue, result.grossValue).padStart(7)} of value, ` +
      `${result.settled}/${result.payments} payments; liquidity used ${percent(result.liquidityUsed, result.grossValue).padStart(6)} of gross; ` +
      `mean delay ${result.meanDelaySeconds.toFixed(0)} s, max ${result.maxDelaySeconds} s`,
  );
}

function describeDay(title: string, day: Day): bigint {
  const gross = day.payments.reduce((sum, p) => sum + p.amount, 0n);
  const minimum = minimumLiquidity(day);
  console.log(`${title}: ${day.payments.length} payments among ${day.participants.length} participants, gross ${gross / 100n} EUR`);
  console.log(`opening liquidity = minimumLiquidity = ${minimum / 100n} EUR (${percent(minimum, gross)} of gross)`);
  return gross;
}

function scaled(day: Day, numerator: bigint, denominator: bigint): Day {
  return { ...day, participants: day.participants.map((p) => ({ ...p, balance: (p.balance * numerator) / denominator })) };
}

/** Each participant's net need plus `basisPoints`/10,000 of its own gross outgoing value: a liquidity buffer that scales with activity. */
function withBuffer(day: Day, basisPoints: bigint): Day {
  const outgoing = new Map(day.participants.map((p) => [p.id, 0n]));
  for (const p of day.payments) outgoing.set(p.from, outgoing.get(p.from)! + p.amount);
  return { ...day, participants: day.participants.map((p) => ({ ...p, balance: p.balance + (outgoing.get(p.id)! * basisPoints) / 10_000n })) };
}

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
}

const positional = process.argv.slice(2).find((arg, i, all) => /^\d+$/.test(arg) && all[i - 1] !== '--circles');
const day = randomDay(Number(positional ?? randomDayPaymentsDefault));
describeDay('workload 1, random flows (TARGET2 peak-day volume)', day);
for (const mode of ['rtgs-lsm', 'rtgs', 'dns'] as const) run(day, mode);
// Half the minimum: queues grow to tens of thousands and every LSM run works over them.
console.log('with half of minimumLiquidity:');
run(scaled(day, 1n, 2n), 'rtgs-lsm');
run(scaled(day, 1n, 2n), 'rtgs');
if (process.argv.includes('--bypass')) {
  run(day, 'rtgs-lsm', 'fifo-bypass');
  run(day, 'rtgs', 'fifo-bypass');
}

const circles = tieredCircles(Number(argument('--circles') ?? circlesDefault));
console.log('');
describeDay('workload 2, circular flows among tiers of banks', circles);
for (const mode of ['rtgs-lsm', 'rtgs', 'dns'] as const) run(circles, mode);
// The other side of the T2/CHAPS comparison: the liquidity plain rtgs needs to settle what rtgs-lsm settles.
for (const basisPoints of [50n, 100n, 200n]) {
  console.log(`with each bank's net need plus ${Number(basisPoints) / 100}% of its gross outgoing value:`);
  for (const mode of ['rtgs-lsm', 'rtgs', 'dns'] as const) run(withBuffer(circles, basisPoints), mode);
}
