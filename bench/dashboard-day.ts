/**
 * The operator dashboard's day aggregates on a busy day: 100,000 same-currency payments and
 * 10,000 FX payments settled in the day, a few hundred payments held by screening. Measures one
 * overview's work (the day's FX legs per currency, every currency's day report, the open holds),
 * which the node does at most once per journal entry and second, with wall-clock and CPU time
 * (process.cpuUsage; the machine may be loaded) per overview and per payment.
 *
 *   npm run bench:dashboard [-- --payments 100000 --fx 10000 --runs 10]
 */
import { loadavg } from 'node:os';
import { currencyDayReport } from '../src/core/network/day-report.js';
import { fxDayLegs } from '../src/core/network/fx-day-legs.js';
import { openHoldsByCurrency } from '../src/core/network/open-holds.js';
import { bank, payment } from '../src/core/network/test-support/commands.js';
import { fxNode, fxPayment } from '../src/core/network/test-support/fx-commands.js';
import { argument } from './common.js';

const payments = argument('--payments', 100_000);
const fxPayments = argument('--fx', 10_000);
const runs = argument('--runs', 10);
const batch = 4000;

const node = fxNode();
const { A, B } = bank;
let sent = 0;
for (let start = 0; start < payments; start += batch) {
  const commands = [];
  for (let i = start; i < Math.min(payments, start + batch); i += 1) commands.push(payment({ seed: `bench-${i}`, from: i % 2 === 0 ? A : B, to: i % 2 === 0 ? B : A, amount: 1n }));
  node.apply(commands);
  sent += commands.length;
}
for (let start = 0; start < fxPayments; start += batch) {
  const commands = [];
  for (let i = start; i < Math.min(fxPayments, start + batch); i += 1) commands.push(fxPayment({ seed: `bench-fx-${i}`, from: A, to: B, sourceCurrency: 'EUR', targetCurrency: 'USD', amount: 100n }));
  node.apply(commands);
  sent += commands.length;
}
const network = node.state.network;
const settled = [...network.payments.values()].filter((p) => p.status === 'settled').length;

function overview(): number {
  const legs = fxDayLegs(node.state);
  let rows = 0;
  for (const cs of network.settlement.values()) rows += currencyDayReport(node.state, cs, node.nextTimestamp, undefined, legs.get(cs.currency) ?? []).participants.length;
  return rows + openHoldsByCurrency(network).size;
}

overview();
const wallStart = performance.now();
const cpuStart = process.cpuUsage();
for (let i = 0; i < runs; i += 1) overview();
const cpu = process.cpuUsage(cpuStart);
const wallMs = (performance.now() - wallStart) / runs;
const cpuMs = (cpu.user + cpu.system) / 1000 / runs;
console.log(`dashboard day aggregates: ${sent.toLocaleString('en')} payments in the day (${settled.toLocaleString('en')} settled, ${fxPayments.toLocaleString('en')} FX), ${network.settlement.size} currencies`);
console.log(`per overview: ${wallMs.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (${runs} runs); per payment: ${((cpuMs * 1e6) / sent).toFixed(0)} ns CPU`);
console.log(`load average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
