/**
 * Single JSON payments over HTTP with durable commit (SQLite journal, synchronous=FULL, group
 * commit): payments/s and p50/p99 latency at several offered rates and unthrottled, beside the
 * same generator against a trivial endpoint (POST /bench/noop) of the same server in the same run.
 *
 * The server runs in a child process (bench/http-server-child.ts) so that autocannon, here, does
 * not share its event loop; on this 2-core machine they still share the cores, so the server's
 * own CPU time per request is printed too. Targets: ≥ 10,000 payments/s; p99 < 50 ms at 5,000/s.
 *
 * Every answer is checked: non-2xx are counted, each 201's status (settled or rejected) is read,
 * a sample of payments is fetched back through their Location, and at the end the money moved
 * between the banks' settlement accounts must equal the settled payments' amounts.
 *
 * Run: npm run bench:http -- [--seconds N] [--rates 1000,2500,5000,7500,10000,max]
 *        [--connections N] [--phases N] [--banks N] [--keys-per-bank N] [--warmup S]
 *        [--only payments|noop] [--raw] [--generator setupRequest|direct] [--profile DIR] [--json]
 * --generator setupRequest|direct (default direct): how autocannon makes each unique request, see
 * bench/http-load.ts.
 * --raw: also each rate against a bare node:http server in the same child (the floor of HTTP here).
 * --profile DIR: a CPU profile of the server's main thread over each measured step, summarised
 * at the end (bench/http-profile.ts); profiling itself costs the server some throughput.
 * Prints figures only; nothing here is asserted (benchmarks never gate tests).
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { argument } from './common.js';
import { getJson, minorOf, startServer, stringArgument } from './http-server-control.js';
import { runLoad, type LoadResult } from './http-load.js';
import { summarizeProfile, formatProfileSummary, type ProfileSummary } from './http-profile.js';
import type { BenchServerInfo, BenchServerStats } from './http-server-child.js';

const seconds = argument('--seconds', 10);
const connections = Math.round(argument('--connections', 64));
const phases = Math.round(argument('--phases', 8));
const banks = Math.round(argument('--banks', 8));
const keysPerBank = Math.round(argument('--keys-per-bank', 2));
const warmupSeconds = argument('--warmup', 3);
const sampleSize = Math.round(argument('--sample', 200));
const json = process.argv.includes('--json');
const only = stringArgument('--only');
const withRaw = process.argv.includes('--raw');
const generator = stringArgument('--generator') === 'setupRequest' ? 'setupRequest' : 'direct';
const profileText = stringArgument('--profile');
const profileDir = profileText === undefined ? undefined : resolve(profileText);
const rates: (number | null)[] = (stringArgument('--rates') ?? '1000,2500,5000,7500,10000,max').split(',').map((text) => {
  if (text === 'max') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--rates: ${text} is neither a positive integer nor max`);
  return n;
});
const paymentValue = '12.50';
const paymentMinor = 1250n;
const targetPerSecond = 10_000;
const targetP99Ms = 50;
const targetP99AtRate = 5_000;


/** Progress goes to stderr, so that --json leaves stdout to the one JSON object. */
function say(line: string): void {
  if (json) process.stderr.write(`${line}\n`);
  else console.log(line);
}

// ---- the server child -------------------------------------------------------------------------


async function post(info: BenchServerInfo, path: string, body: unknown): Promise<void> {
  const response = await fetch(info.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
}


// ---- the generator ----------------------------------------------------------------------------

interface Sender {
  readonly bic: string;
  readonly key: string;
  readonly creditor: string;
}

/** Banks in a ring, each paying the next; consecutive requests come from different banks and keys. */
function sendersOf(info: BenchServerInfo): Sender[] {
  const senders: Sender[] = [];
  for (let k = 0; k < keysPerBank; k += 1) {
    info.banks.forEach((bank, i) => senders.push({ bic: bank.bic, key: bank.keys[k]!, creditor: info.banks[(i + 1) % info.banks.length]!.bic }));
  }
  return senders;
}

const runTag = Date.now().toString(36);
let sequence = 0;

function nextFor(senders: readonly Sender[]): () => { headers: Record<string, string>; body: string } {
  return () => {
    const n = sequence;
    sequence += 1;
    const sender = senders[n % senders.length]!;
    return {
      headers: { authorization: `Bearer ${sender.key}`, 'idempotency-key': `bench-${runTag}-${n}` },
      body: `{"endToEndId":"E${runTag}${n}","amount":{"value":"${paymentValue}","currency":"INR"},"creditorAgent":"${sender.creditor}"}`,
    };
  };
}

/** What the payment answers said, over the whole run. */
const answers = { created: 0, settled: 0, rejected: 0, other: 0, replayed: 0, samples: [] as string[], seen: 0 };

function checkPayment(status: number, body: string, headers: Record<string, string | string[]>): void {
  if (status === 200) answers.replayed += 1;
  if (status !== 201) return;
  answers.created += 1;
  if (body.includes('"status":"settled"')) {
    answers.settled += 1;
    // Reservoir sample of settled payments' locations, fetched back at the end.
    const location = headers.location;
    if (typeof location === 'string') {
      answers.seen += 1;
      if (answers.samples.length < sampleSize) answers.samples.push(location);
      else {
        const at = Math.floor(Math.random() * answers.seen);
        if (at < sampleSize) answers.samples[at] = location;
      }
    }
  } else if (body.includes('"status":"rejected"')) answers.rejected += 1;
  else answers.other += 1;
}

type Target = 'raw' | 'noop' | 'payments';

interface StepReport extends LoadResult {
  readonly target: Target;
  readonly offered: number | null;
  readonly connections: number;
  /** Server process CPU (all threads) per completed request, µs. */
  readonly serverCpuUsPerRequest: number;
  /** The server's main thread alone per completed request, µs: 10⁶ / this bounds the rate one core allows. */
  readonly mainThreadUsPerRequest: number | null;
  /** Server process CPU over the step, in cores (1.0 = one core busy). */
  readonly serverCores: number;
  /** Main-thread event-loop utilisation of the server over the step. */
  readonly serverElu: number;
  /** The generator's (this process's) CPU over the step, in cores. */
  readonly generatorCores: number;
  /** Journal batches over the step, their mean size in commands, and the mean time one took to become durable. */
  readonly batches: number;
  readonly commandsPerBatch: number;
  readonly commitMsMean: number;
  /** The server's heap and resident memory after the step, and the payments it then held. */
  readonly heapUsedMb: number;
  readonly rssMb: number;
  readonly paymentsHeld: number;
  readonly settled?: number;
  readonly rejected?: number;
}

async function step(info: BenchServerInfo, senders: readonly Sender[], target: Target, rate: number | null, stepSeconds: number, profileFile?: string): Promise<StepReport> {
  if (profileFile !== undefined) await post(info, '/bench/profile/start', {});
  const before = (await getJson<BenchServerStats>(info, '/bench/stats')).body;
  const ownBefore = process.cpuUsage();
  const answersBefore = { settled: answers.settled, rejected: answers.rejected };
  const startedMs = Date.now();
  const result = await runLoad({
    url: target === 'raw' ? info.rawUrl : info.url,
    path: target === 'payments' ? '/v1/payments' : target === 'noop' ? '/bench/noop' : '/',
    connections,
    rate,
    seconds: stepSeconds,
    phases,
    next: nextFor(senders),
    generator,
    // The same response callback for both, so the generator does the same work.
    onResponse: target === 'payments' ? checkPayment : () => undefined,
  });
  const own = process.cpuUsage(ownBefore);
  const wallMs = Date.now() - startedMs;
  const after = (await getJson<BenchServerStats>(info, '/bench/stats')).body;
  if (profileFile !== undefined) await post(info, '/bench/profile/stop', { file: profileFile });
  const serverCpuUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
  const active = after.eluActiveMs - before.eluActiveMs;
  const idle = after.eluIdleMs - before.eluIdleMs;
  return {
    target,
    offered: rate,
    connections,
    ...result,
    serverCpuUsPerRequest: serverCpuUs / Math.max(1, result.responses),
    mainThreadUsPerRequest: after.mainThreadCpuUs === null || before.mainThreadCpuUs === null ? null : (after.mainThreadCpuUs - before.mainThreadCpuUs) / Math.max(1, result.responses),
    serverCores: serverCpuUs / 1000 / wallMs,
    serverElu: active / Math.max(1e-9, active + idle),
    generatorCores: (own.user + own.system) / 1000 / wallMs,
    heapUsedMb: after.heapUsedBytes / 2 ** 20,
    rssMb: after.rssBytes / 2 ** 20,
    paymentsHeld: after.payments,
    batches: after.journalSeq - before.journalSeq,
    commandsPerBatch: (after.batchedCommands - before.batchedCommands) / Math.max(1, after.journalSeq - before.journalSeq),
    commitMsMean: (1000 * (after.commitSecondsSum - before.commitSecondsSum)) / Math.max(1, after.journalSeq - before.journalSeq),
    ...(target === 'payments' ? { settled: answers.settled - answersBefore.settled, rejected: answers.rejected - answersBefore.rejected } : {}),
  };
}

// ---- checks at the end ------------------------------------------------------------------------


interface Verification {
  readonly clientSettled: number;
  readonly clientRejected: number;
  readonly clientOther: number;
  readonly clientReplayed: number;
  /** Payments the server settled, from the money the banks' accounts moved. */
  readonly serverSettled: number;
  readonly serverPayments: number;
  /** Requests in flight when a step stopped: the server may settle them unseen. */
  readonly inFlightBound: number;
  readonly movedMatchesSettled: boolean;
  readonly balancesConserved: boolean;
  readonly sampled: number;
  readonly sampledSettled: number;
  readonly ok: boolean;
}

async function verify(info: BenchServerInfo, paymentSteps: number): Promise<Verification> {
  const listed = await getJson<{ accounts: { participant: string; currency: string; kind: string; balance: { value: string }; debitsPosted: { value: string } }[] }>(info, '/v1/accounts');
  const bankBics = new Set(info.banks.map((b) => b.bic));
  let debits = 0n;
  let balances = 0n;
  for (const account of listed.body.accounts) {
    if (account.kind !== 'settlement' || !bankBics.has(account.participant) || account.currency !== info.currency) continue;
    debits += minorOf(account.debitsPosted.value);
    balances += minorOf(account.balance.value);
  }
  const serverSettled = Number(debits / paymentMinor);
  const stats = (await getJson<BenchServerStats>(info, '/bench/stats')).body;
  let sampledSettled = 0;
  for (const location of answers.samples) {
    const got = await getJson<{ status: string; amount: { value: string } }>(info, location);
    if (got.status === 200 && got.body.status === 'settled' && got.body.amount.value === paymentValue) sampledSettled += 1;
  }
  const inFlightBound = paymentSteps * connections;
  const movedMatchesSettled = debits % paymentMinor === 0n && serverSettled >= answers.settled && serverSettled <= answers.settled + inFlightBound;
  const balancesConserved = balances === BigInt(info.banks.length) * minorOf(info.funded);
  return {
    clientSettled: answers.settled,
    clientRejected: answers.rejected,
    clientOther: answers.other,
    clientReplayed: answers.replayed,
    serverSettled,
    serverPayments: stats.payments,
    inFlightBound,
    movedMatchesSettled,
    balancesConserved,
    sampled: answers.samples.length,
    sampledSettled,
    ok: movedMatchesSettled && balancesConserved && stats.payments === serverSettled && sampledSettled === answers.samples.length && answers.rejected === 0 && answers.other === 0 && answers.replayed === 0,
  };
}

// ---- output -----------------------------------------------------------------------------------

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

function table(reports: readonly StepReport[]): string[] {
  const header = [
    'offered/s'.padStart(9), 'target'.padEnd(8), 'answered/s'.padStart(10), 'p50'.padStart(6), 'p90'.padStart(6), 'p99'.padStart(6), 'max'.padStart(6),
    'non2xx'.padStart(6), 'settled'.padStart(8), 'cpu µs'.padStart(6), 'main µs'.padStart(7), 'srv'.padStart(5), 'elu'.padStart(5), 'gen'.padStart(5), 'batch'.padStart(6), 'commit'.padStart(6),
  ].join(' ');
  const lines = [header, '-'.repeat(header.length)];
  for (const rate of rates) {
    for (const r of reports.filter((x) => x.offered === rate)) {
      lines.push(
        [
          (rate === null ? 'max' : fmt(rate)).padStart(9),
          r.target.padEnd(8),
          fmt(r.perSecond).padStart(10),
          fmt(r.p50, 1).padStart(6),
          fmt(r.p90, 1).padStart(6),
          fmt(r.p99, 1).padStart(6),
          fmt(r.max, 0).padStart(6),
          fmt(r.non2xx + r.errors).padStart(6),
          (r.settled === undefined ? '' : `${fmt((100 * r.settled) / Math.max(1, r.ok2xx), 1)}%`).padStart(8),
          fmt(r.serverCpuUsPerRequest).padStart(6),
          fmt(r.mainThreadUsPerRequest ?? Number.NaN).padStart(7),
          fmt(r.serverCores, 2).padStart(5),
          fmt(r.serverElu, 2).padStart(5),
          fmt(r.generatorCores, 2).padStart(5),
          (r.target === 'payments' ? fmt(r.commandsPerBatch, 1) : '').padStart(6),
          (r.target === 'payments' ? fmt(r.commitMsMean, 1) : '').padStart(6),
        ].join(' '),
      );
    }
  }
  return lines;
}

// ---- main -------------------------------------------------------------------------------------

if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });
const { child, info, exited } = await startServer({ banks, keysPerBank, log: say });
const reports: StepReport[] = [];
let verification: Verification | null = null;
let profile: ProfileSummary[] = [];
try {
  const senders = sendersOf(info);
  say(`bench:http: server ${info.url} (pid ${info.pid}), ${info.banks.length} banks × ${keysPerBank} keys, ${connections} connections, pipelining 1, ${phases} phases, generator ${generator}, ${seconds} s per step; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (warmupSeconds > 0) {
    await step(info, senders, 'noop', null, warmupSeconds);
    if (only !== 'noop') await step(info, senders, 'payments', null, warmupSeconds);
    say(`warm-up done (${warmupSeconds} s each)`);
  }
  for (const rate of rates) {
    for (const target of ['raw', 'noop', 'payments'] as const) {
      if (target === 'raw' ? !withRaw : only !== undefined && only !== target) continue;
      const profileFile = profileDir === undefined ? undefined : join(profileDir, `${target}-${rate ?? 'max'}.cpuprofile`);
      const report = await step(info, senders, target, rate, seconds, profileFile);
      reports.push(report);
      say(
        `${target.padEnd(8)} offered ${(rate === null ? 'max' : fmt(rate)).padStart(6)}/s: ${fmt(report.perSecond).padStart(6)}/s p50 ${fmt(report.p50, 1)} ms p99 ${fmt(report.p99, 1)} ms max ${fmt(report.max, 0)} ms; ` +
          `non-2xx ${report.non2xx}, errors ${report.errors}; server ${fmt(report.serverCpuUsPerRequest)} µs CPU/req (main thread ${fmt(report.mainThreadUsPerRequest ?? Number.NaN)}), ${fmt(report.serverCores, 2)} cores, elu ${fmt(report.serverElu, 2)}; generator ${fmt(report.generatorCores, 2)} cores` +
            (target === 'payments' ? `; ${fmt(report.batches)} batches of ${fmt(report.commandsPerBatch, 1)}, ${fmt(report.commitMsMean, 1)} ms to durable` : '') +
            `; heap ${fmt(report.heapUsedMb)} MB, rss ${fmt(report.rssMb)} MB with ${fmt(report.paymentsHeld)} payments held`,
      );
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }
  if (only !== 'noop') {
    const paymentSteps = reports.filter((r) => r.target === 'payments').length + (warmupSeconds > 0 ? 1 : 0);
    verification = await verify(info, paymentSteps);
  }
} finally {
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) say(`server child exited with ${code}`);
  if (existsSync(info.dir)) rmSync(info.dir, { recursive: true, force: true });
}
if (profileDir !== undefined) {
  const files = reports.map((r) => join(profileDir, `${r.target}-${r.offered ?? 'max'}.cpuprofile`)).filter((f) => existsSync(f));
  profile = files.map((file) => summarizeProfile(file));
}

const best = reports.filter((r) => r.target === 'payments').reduce((m, r) => Math.max(m, r.perSecond), 0);
const atTarget = reports.find((r) => r.target === 'payments' && r.offered === targetP99AtRate);
const targets = {
  paymentsPerSecondBest: Math.round(best),
  paymentsPerSecondTarget: targetPerSecond,
  paymentsPerSecondMet: best >= targetPerSecond,
  p99MsAt5000: atTarget?.p99 ?? null,
  p99MsTarget: targetP99Ms,
  p99Met: atTarget === undefined ? null : atTarget.p99 < targetP99Ms && atTarget.non2xx === 0,
};

if (json) {
  console.log(
    JSON.stringify({
      bench: 'http',
      options: { seconds, rates: rates.map((r) => r ?? 'max'), connections, pipelining: 1, phases, generator, banks, keysPerBank, warmupSeconds },
      machine: { cores: cpus().length, loadavg: loadavg() },
      steps: reports,
      verification,
      targets,
      profile,
    }),
  );
} else {
  console.log('');
  console.log('latency in ms, 2xx only; non2xx counts connection errors too; settled = 201s whose body says settled; cpu µs = server process CPU per');
  console.log('answer (all threads); main µs = the same, main thread only (10⁶ / main µs = what one core allows); srv = server CPU in cores; elu = server event-loop utilisation; gen = generator (autocannon) CPU in cores;');
  console.log('batch = payments per journal batch; commit = mean ms from a batch\'s append to durable (the writer thread\'s fsync, group commit)');
  for (const line of table(reports)) console.log(line);
  console.log('');
  if (verification !== null) {
    const v = verification;
    console.log(
      `check: ${v.ok ? 'OK' : 'FAILED'}: client saw ${fmt(v.clientSettled)} settled, ${v.clientRejected} rejected, ${v.clientOther} other, ${v.clientReplayed} replayed; ` +
        `the banks' accounts moved ${fmt(v.serverSettled)} × ${paymentValue} (≤ ${v.inFlightBound} in flight at step ends: ${v.movedMatchesSettled ? 'match' : 'MISMATCH'}); ` +
        `server holds ${fmt(v.serverPayments)} payments (${v.serverPayments === v.serverSettled ? 'all settled' : 'NOT all settled'}); balances ${v.balancesConserved ? 'conserved' : 'NOT conserved'}; ${v.sampledSettled}/${v.sampled} sampled payments fetched back settled`,
    );
  }
  console.log(
    `targets: best ${fmt(best)} payments/s (≥ ${fmt(targetPerSecond)}: ${targets.paymentsPerSecondMet ? 'met' : 'NOT met'}); ` +
      `p99 at ${fmt(targetP99AtRate)}/s ${atTarget === undefined ? 'not measured' : `${fmt(atTarget.p99, 1)} ms (< ${targetP99Ms}: ${targets.p99Met ? 'met' : 'NOT met'})`}`,
  );
  for (const summary of profile) for (const line of formatProfileSummary(summary)) console.log(line);
}
