// Screening again when the lists change: payments waiting in an rtgs queue, then a new list
// version activated. Prints the activation batch (index build + the first rescreensPerBatchMax
// payments) and the per-payment cost of the following batches, wall clock and CPU.
// Run: node --import tsx bench/rescreen.ts [--entries N] [--waiting W]
// Prints figures only; nothing here is asserted (benchmarks never gate tests).
import { performance } from 'node:perf_hooks';
import { rescreensPerBatchMax } from '../src/core/network/rescreen.js';
import { bank, payment, standardNode } from '../src/core/network/test-support/commands.js';
import { importList, listEntry } from '../src/core/network/test-support/screening-commands.js';
import type { WatchListEntry } from '../src/core/screening/index.js';
import { argument, seeded } from './common.js';

const entries = argument('--entries', 20_000);
const waitingCount = argument('--waiting', 4_096);
const random = seeded(20261129);
// 168 syllables, words of 3–4: a word space sparse enough that few generated names agree by chance.
const syllables = ['b', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'sh', 'kh', 'ch', 'tr'].flatMap((onset) => ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ia'].map((nucleus) => onset + nucleus));
const word = () => Array.from({ length: 3 + Math.floor(random() * 2) }, () => syllables[Math.floor(random() * syllables.length)]).join('');
const name = () => `${word()} ${word()}${random() < 0.4 ? ` ${word()}` : ''}`;

function list(version: string): WatchListEntry[] {
  return Array.from({ length: entries }, (_, i) => listEntry('BENCH', `${version}-${i}`, name()));
}

const node = standardNode();
// A has no liquidity: every payment waits in its queue. 1 % of creditors are names of the new version.
const next = list('v2');
const waiting = Array.from({ length: waitingCount }, (_, i) => ({ ...payment({ seed: `w${i}`, from: bank.A, to: bank.B, amount: 1n }), creditorName: i % 100 === 0 ? next[i % entries]!.primaryName : name(), remittanceInformation: `invoice ${i}` }));
for (let i = 0; i < waiting.length; i += 1000) node.apply(waiting.slice(i, i + 1000));
node.apply(importList('BENCH', 'v1', list('v1'), { chunkSize: 5000 }));
const status = () => {
  let held = 0;
  for (const p of waiting) if (node.status(p.uetr) === 'held') held += 1;
  return held;
};

function measure(run: () => void): { ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const start = performance.now();
  run();
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const activation = measure(() => node.apply(importList('BENCH', 'v2', next, { chunkSize: 5000 })));
let batches = 0;
const rest = measure(() => {
  while (node.state.network.screening.rescreen.length > 0) {
    node.apply([]);
    batches += 1;
  }
});
const restPayments = Math.max(0, waitingCount - rescreensPerBatchMax);
console.log(`entries ${entries}, waiting payments ${waitingCount}, rescreensPerBatchMax ${rescreensPerBatchMax}`);
console.log(`activation batch (import commit, index build, first ${Math.min(rescreensPerBatchMax, waitingCount)} re-screened): ${activation.ms.toFixed(0)} ms wall, ${activation.cpuMs.toFixed(0)} ms CPU`);
console.log(`following ${batches} empty batches (${restPayments} payments): ${rest.ms.toFixed(0)} ms wall, ${rest.cpuMs.toFixed(0)} ms CPU; per payment ${((rest.ms * 1000) / restPayments).toFixed(0)} µs wall, ${((rest.cpuMs * 1000) / restPayments).toFixed(0)} µs CPU; per batch ${(rest.cpuMs / batches).toFixed(1)} ms CPU`);
console.log(`held after re-screening: ${status()} of ${waitingCount}`);
