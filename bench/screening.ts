// Payments screened per second against 100,000 generated list entries; index build time (and its longest slice) and memory.
// Run: node --import tsx bench/screening.ts [--entries N] [--seconds S]
// Prints figures only; nothing here is asserted (benchmarks never gate tests).
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { screenPayment, type PaymentToScreen, type WatchListEntry } from '../src/core/screening/index.js';
import { startIndexBuild } from '../src/core/screening/name-index.js';
import { argument, seeded } from './common.js';


const random = seeded(20240601);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
/** Zipf-like choice: low indices far more often, as real name frequencies are. */
const pickSkewed = <T>(items: readonly T[]): T => items[Math.floor(items.length * random() ** 2.5)] as T;

/** Syllables from 21 onsets and 8 nuclei: 2 to 4 of them give a word space about as sparse as real surnames. */
const onsets = ['b', 'd', 'f', 'g', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'w', 'z', 'sh', 'kh', 'ch', 'tr'];
const nuclei = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ia'];
/** Consonants closing a syllable inside a word, as in real names (Pet-ren-ko, Sber-bank). */
const inner = ['n', 'r', 'l', 'm', 's', 'k', 't', 'd', 'v', 'b', 'g', 'p'];
const codas = ['', '', '', 'n', 'r', 'l', 'm', 's', 'k', 'ov', 'in', 'enko', 'ez', 'ian'];

function wordOf(syllables: number): string {
  let word = '';
  for (let i = 0; i < syllables; i += 1) word += pick(onsets) + pick(nuclei) + (random() < 0.5 ? pick(inner) : '');
  word += pick(codas);
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function vocabulary(size: number, syllablesMin: number): string[] {
  const words = new Set<string>();
  while (words.size < size) words.add(wordOf(syllablesMin + Math.floor(random() * 2)));
  return [...words];
}

const givenNames = vocabulary(5_000, 2);
const surnames = vocabulary(200_000, 2);
const companyWords = vocabulary(200_000, 2);
const generic = ['Trading', 'Bank', 'Holding', 'Shipping', 'International', 'Group', 'Petroleum', 'Investment'];
const legalForms = ['LLC', 'Ltd', 'JSC', 'GmbH', 'SA', 'ООО', 'FZE', 'Co., Ltd', ''];

/** Listed names draw words uniformly; payment names draw them skewed (`choose` = pickSkewed), as customers' names repeat. */
function personName(choose: <T>(items: readonly T[]) => T = pick): string {
  return random() < 0.5 ? `${choose(givenNames)} ${choose(surnames)}` : `${choose(givenNames)} ${choose(givenNames)}ovich ${choose(surnames)}`;
}

function companyName(choose: <T>(items: readonly T[]) => T = pick): string {
  // Most listed companies have a name of two or three words; one-word names ("Rosneft") are rarer.
  const core = random() < 0.1 ? choose(companyWords) : `${choose(companyWords)} ${choose(companyWords)}${random() < 0.3 ? ` ${choose(companyWords)}` : ''}`;
  return `${core} ${random() < 0.5 ? pick(generic) : ''} ${pick(legalForms)}`.replace(/\s+/g, ' ').trim();
}

function typo(name: string): string {
  const at = 1 + Math.floor(random() * (name.length - 2));
  return name.slice(0, at) + name.charAt(at + 1) + name.charAt(at) + name.slice(at + 2);
}

function bic(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let code = '';
  for (let i = 0; i < 6; i += 1) code += pick([...letters]);
  return `${code}${pick(['22', 'MM', 'TH', '2X'])}${random() < 0.3 ? pick(['XXX', '001', 'A12']) : ''}`;
}

function listEntries(count: number): WatchListEntry[] {
  return Array.from({ length: count }, (_, i) => {
    const individual = random() < 0.6;
    const primaryName = individual ? personName() : companyName();
    const aliases = Array.from({ length: Math.floor(random() * 3) }, () => (random() < 0.5 ? typo(primaryName) : individual ? personName() : companyName()));
    const bics = !individual && random() < 0.2 ? [bic()] : [];
    return { listId: 'BENCH', entryId: `E${i}`, entityType: individual ? 'individual' : 'entity', primaryName, aliases, listedOn: null, birthDates: [], countries: [], bics, remarks: '' };
  });
}

function payments(count: number, entries: readonly WatchListEntry[]): PaymentToScreen[] {
  return Array.from({ length: count }, () => {
    const listed = random() < 0.01 ? pick(entries).primaryName : null;
    return {
      debtor: { name: random() < 0.5 ? personName(pickSkewed) : companyName(pickSkewed), addressLines: [`${Math.floor(random() * 200)} ${pickSkewed(surnames)} Street`, pickSkewed(companyWords)] },
      creditor: { name: listed === null ? (random() < 0.5 ? personName(pickSkewed) : companyName(pickSkewed)) : typo(listed) },
      debtorAgent: bic(),
      creditorAgent: bic(),
      remittanceInformation: [`Invoice ${Math.floor(random() * 100000)} ${pickSkewed(companyWords)} goods`],
    };
  });
}

/** The heap and the typed arrays' buffers (outside the heap), after a full collection. */
function memoryMiB(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return (heapUsed + arrayBuffers) / 1024 / 1024;
}

const entriesCount = argument('--entries', 100_000);
const seconds = argument('--seconds', 5);
const entries = listEntries(entriesCount);
const pool = payments(argument('--payments', 20_000), entries);
/** Payments never screened before, drawn as the pool is: their words repeat as customers' names do, the payments do not. */
const freshPool = payments(argument('--fresh', 100_000), entries);
const heapBefore = memoryMiB();

/** The build as the node runs it ahead (slices with other work between them): total time, and the longest slice in CPU time. */
const buildStart = performance.now();
const buildCpu = process.cpuUsage();
const build = startIndexBuild([{ version: 'v1', list: { listId: 'BENCH', entries } }]);
let slices = 0;
let sliceCpuMaxMs = 0;
for (let done = false; !done; slices += 1) {
  const sliceCpu = process.cpuUsage();
  done = build.step();
  sliceCpuMaxMs = Math.max(sliceCpuMaxMs, cpuMs(process.cpuUsage(sliceCpu)));
}
const index = build.finish();
const buildMs = performance.now() - buildStart;
const buildCpuMs = cpuMs(process.cpuUsage(buildCpu));
const indexMiB = memoryMiB() - heapBefore;

function cpuMs(usage: NodeJS.CpuUsage): number {
  return (usage.user + usage.system) / 1000;
}

/** Wall time, and the process's CPU time (user + system): on a shared machine the CPU time per payment is the steadier figure. */
function run(limitMs: number, maxPayments: number, from: readonly PaymentToScreen[] = pool): { screened: number; hits: number; ms: number; cpuMs: number } {
  let screened = 0;
  let hits = 0;
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (performance.now() - start < limitMs && screened < maxPayments) {
    for (let i = 0; i < 1000; i += 1) {
      const screening = screenPayment(index, from[(screened + i) % from.length] as PaymentToScreen);
      if (screening.ok && screening.decision === 'hit') hits += 1;
    }
    screened += 1000;
  }
  return { screened, hits, ms: performance.now() - start, cpuMs: cpuMs(process.cpuUsage(cpuStart)) };
}

const rates = (r: { screened: number; ms: number; cpuMs: number }) =>
  `${Math.round((r.screened / r.ms) * 1000)} payments/s, ${Math.round((r.screened / r.cpuMs) * 1000)} per CPU-second (${((r.cpuMs * 1000) / r.screened).toFixed(1)} µs CPU per payment)`;

// The first pass meets every payment word for the first time (the per-index memo is empty); it
// runs over the whole pool, so that the steady state after it is one.
const cold = run(Number.MAX_SAFE_INTEGER, pool.length);
// Then a stream of payments never seen before (the per-word memo warm from the first pass): what a node meets.
const fresh = run(Number.MAX_SAFE_INTEGER, freshPool.length, freshPool);
// Then the first pool over and over: every payment seen before, every word remembered; an upper bound, not a forecast.
const warm = run(seconds * 1000, Number.MAX_SAFE_INTEGER);
console.log(`load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} on ${availableParallelism()} cores`);
console.log(`list entries: ${entries.length}, name forms indexed: ${index.nameEntry.length}, distinct words: ${index.words.length}, blocking keys: ${index.keys.size}`);
console.log(`index build: ${(buildMs / 1000).toFixed(2)} s, ${(buildCpuMs / 1000).toFixed(2)} s CPU, in ${slices} slices (longest ${sliceCpuMaxMs.toFixed(0)} ms CPU); index memory: ${indexMiB.toFixed(0)} MiB`);
console.log(`first pass over ${cold.screened} distinct payments: ${rates(cold)} (hit rate ${((cold.hits / cold.screened) * 100).toFixed(1)} %)`);
console.log(`then ${fresh.screened} payments never screened before: ${rates(fresh)} (hit rate ${((fresh.hits / fresh.screened) * 100).toFixed(1)} %)`);
console.log(`the first ${pool.length} again and again, ${seconds} s (every payment seen before; an upper bound): ${rates(warm)}`);
