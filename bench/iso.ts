/**
 * ISO 20022 over HTTP with durable commit: pacs.008 files posted to POST /v1/iso20022
 * (application/xml, a bank's key), each through the intake (secure scan, XSD, business and
 * network rules), settled and journaled (SQLite, synchronous=FULL, group commit), answered with a
 * pacs.002. Prints messages/s and p50/p99 latency at several offered rates and unthrottled.
 * Target: ≥ 5,000 messages/s on this 2-core machine.
 *
 * The server is bench/http-server-child.ts (a node in a child process with banks and keys); the
 * load is bench/http-load.ts (autocannon, one unique body per request). Each body is a pacs.008
 * with one transaction, made from a template rendered once per sending bank by the project's own
 * builder (buildPacs008 + renderPart), with MsgId, EndToEndId and UETR (v4) substituted per
 * request by string concatenation.
 *
 * Checks: non-2xx counted; every 200's pacs.002 is read for its TxSts (ACSC counted as settled);
 * a sample of answers is validated in full at the end (XSD + rules through validateIsoFile) and
 * must name the UETR sent under its MsgId; and the money moved between the banks' settlement
 * accounts (GET /v1/accounts as the operator) must equal settled × amount.
 *
 * Run: npm run bench:iso -- [--seconds N] [--rates 2500,5000,max] [--connections N] [--phases N]
 *        [--banks N] [--keys-per-bank N] [--warmup S] [--sample N] [--profile DIR] [--json]
 * --profile DIR: a CPU profile of the server's main thread over each measured step, summarised
 * at the end (bench/http-profile.ts), with the main thread's CPU per message.
 * Prints figures only; nothing here is asserted (benchmarks never gate tests).
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { buildPacs008, createSchemaStore, renderPart, validateIsoFile } from '../src/iso20022/index.js';
import { argument } from './common.js';
import { getJson, minorOf, startServer, stringArgument } from './http-server-control.js';
import { runLoad, type LoadResult } from './http-load.js';
import { formatProfileSummary, summarizeProfile } from './http-profile.js';
import type { BenchServerInfo, BenchServerStats } from './http-server-child.js';

const seconds = argument('--seconds', 10);
const connections = Math.round(argument('--connections', 64));
const phases = Math.round(argument('--phases', 8));
const banks = Math.round(argument('--banks', 8));
const keysPerBank = Math.round(argument('--keys-per-bank', 2));
const warmupSeconds = argument('--warmup', 2);
const sampleSize = Math.round(argument('--sample', 200));
const json = process.argv.includes('--json');
const profileText = stringArgument('--profile');
const profileDir = profileText === undefined ? undefined : resolve(profileText);
const rates: (number | null)[] = (stringArgument('--rates') ?? '2500,5000,max').split(',').map((text) => {
  if (text === 'max') return null;
  const n = Number(text);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--rates: ${text} is neither a positive integer nor max`);
  return n;
});
const amountValue = '12.50';
const amountMinor = 1250n;
const targetPerSecond = 5_000;


/** Progress goes to stderr, so that --json leaves stdout to the one JSON object. */
function say(line: string): void {
  if (json) process.stderr.write(`${line}\n`);
  else console.log(line);
}

// ---- the server child -------------------------------------------------------------------------



// ---- the pacs.008 bodies ----------------------------------------------------------------------

const msgIdMark = 'QQBENCHMSGIDQQ';
const e2eMark = 'QQBENCHENDTOENDQQ';
const uetrMark = '00000000-0000-4000-8000-000000000000';

/** A sending bank's pacs.008 split around MsgId, EndToEndId and UETR (in document order). */
interface Sender {
  readonly bic: string;
  readonly key: string;
  readonly parts: readonly [string, string, string, string];
}

function templateOf(debtorAgent: string, creditorAgent: string): readonly [string, string, string, string] {
  const xml = renderPart(
    buildPacs008({
      messageId: msgIdMark,
      creationDateTime: new Date().toISOString().slice(0, 19) + '+00:00',
      instructingAgent: debtorAgent,
      instructedAgent: 'RBISINBB',
      transactions: [
        {
          uetr: uetrMark,
          endToEndId: e2eMark,
          settlementAmount: { value: amountValue, currency: 'INR' },
          settlementDate: new Date().toISOString().slice(0, 10),
          debtor: { name: 'Asha Traders' },
          debtorAgent,
          creditorAgent,
          creditor: { name: 'Pune Textiles' },
          remittanceInformation: ['Invoice 2026-001'],
        },
      ],
    }),
  );
  const pieces: string[] = [];
  let rest = xml;
  for (const mark of [msgIdMark, e2eMark, uetrMark]) {
    const at = rest.indexOf(mark);
    if (at < 0 || rest.indexOf(mark, at + 1) >= 0) throw new Error(`the pacs.008 template has not exactly one ${mark} after the previous mark:\n${xml}`);
    pieces.push(rest.slice(0, at));
    rest = rest.slice(at + mark.length);
  }
  pieces.push(rest);
  return pieces as unknown as [string, string, string, string];
}

/** Banks in a ring, each paying the next; consecutive requests come from different banks and keys. */
function sendersOf(info: BenchServerInfo): Sender[] {
  const senders: Sender[] = [];
  const templates = info.banks.map((bank, i) => templateOf(bank.bic, info.banks[(i + 1) % info.banks.length]!.bic));
  for (let k = 0; k < keysPerBank; k += 1) info.banks.forEach((bank, i) => senders.push({ bic: bank.bic, key: bank.keys[k]!, parts: templates[i]! }));
  return senders;
}

const runTag = Date.now().toString(36).toUpperCase();
/** The UETR of request n: a v4 UUID, random per run, the last 12 hex digits n. */
const uetrHead = (() => {
  const h = randomBytes(8).toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(12, 15)}-a${h.slice(13, 16)}-`;
})();
const uetrOf = (n: number): string => uetrHead + n.toString(16).padStart(12, '0');
const messageIdOf = (n: number): string => `M${runTag}-${n}`;
let sequence = 0;

function nextFor(senders: readonly Sender[]): () => { headers: Record<string, string>; body: string } {
  return () => {
    const n = sequence;
    sequence += 1;
    const sender = senders[n % senders.length]!;
    const [a, b, c, d] = sender.parts;
    return {
      headers: { authorization: `Bearer ${sender.key}`, 'content-type': 'application/xml' },
      body: a + messageIdOf(n) + b + `E${runTag}-${n}` + c + uetrOf(n) + d,
    };
  };
}

/** What the answers said, over the whole run. */
const answers = { ok: 0, acsc: 0, rjct: 0, other: 0, refused: 0, samples: [] as string[], seen: 0 };

function checkAnswer(status: number, body: string): void {
  if (status === 422) answers.refused += 1;
  if (status !== 200) return;
  answers.ok += 1;
  if (body.includes('<TxSts>ACSC</TxSts>')) {
    answers.acsc += 1;
    answers.seen += 1;
    // Reservoir sample of ACSC answers, validated in full at the end.
    if (answers.samples.length < sampleSize) answers.samples.push(body);
    else {
      const at = Math.floor(Math.random() * answers.seen);
      if (at < sampleSize) answers.samples[at] = body;
    }
  } else if (body.includes('<TxSts>RJCT</TxSts>')) answers.rjct += 1;
  else answers.other += 1;
}

interface StepReport extends LoadResult {
  readonly offered: number | null;
  readonly connections: number;
  readonly acsc: number;
  /** Server process CPU (all threads) per answer, µs, and in cores over the step. */
  readonly serverCpuUsPerRequest: number;
  /** The same, the main thread only (null where the child cannot measure it). */
  readonly mainThreadUsPerRequest: number | null;
  readonly serverCores: number;
  readonly serverElu: number;
  /** The generator's (this process's) CPU over the step, in cores. */
  readonly generatorCores: number;
  readonly commandsPerBatch: number;
  readonly commitMsMean: number;
}

async function post(info: BenchServerInfo, path: string, body: unknown): Promise<void> {
  const response = await fetch(info.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (response.status !== 200) throw new Error(`POST ${path}: ${response.status} ${await response.text()}`);
}

async function step(info: BenchServerInfo, senders: readonly Sender[], rate: number | null, stepSeconds: number, profileFile?: string): Promise<StepReport> {
  if (profileFile !== undefined) await post(info, '/bench/profile/start', {});
  const before = (await getJson<BenchServerStats>(info, '/bench/stats')).body;
  const ownBefore = process.cpuUsage();
  const acscBefore = answers.acsc;
  const startedMs = Date.now();
  const result = await runLoad({
    url: info.url,
    path: '/v1/iso20022',
    connections,
    rate,
    seconds: stepSeconds,
    phases,
    next: nextFor(senders),
    // setupRequest, not direct: direct writes content-type application/json ahead of our headers,
    // and a duplicate content-type is dropped by node (the first wins).
    generator: 'setupRequest',
    onResponse: (status, body) => checkAnswer(status, body),
  });
  const own = process.cpuUsage(ownBefore);
  const wallMs = Date.now() - startedMs;
  const after = (await getJson<BenchServerStats>(info, '/bench/stats')).body;
  if (profileFile !== undefined) await post(info, '/bench/profile/stop', { file: profileFile });
  const serverCpuUs = after.cpuUserUs + after.cpuSystemUs - before.cpuUserUs - before.cpuSystemUs;
  const active = after.eluActiveMs - before.eluActiveMs;
  const idle = after.eluIdleMs - before.eluIdleMs;
  const batches = Math.max(1, after.journalSeq - before.journalSeq);
  return {
    offered: rate,
    connections,
    ...result,
    acsc: answers.acsc - acscBefore,
    serverCpuUsPerRequest: serverCpuUs / Math.max(1, result.responses),
    mainThreadUsPerRequest: after.mainThreadCpuUs === null || before.mainThreadCpuUs === null ? null : (after.mainThreadCpuUs - before.mainThreadCpuUs) / Math.max(1, result.responses),
    serverCores: serverCpuUs / 1000 / wallMs,
    serverElu: active / Math.max(1e-9, active + idle),
    generatorCores: (own.user + own.system) / 1000 / wallMs,
    commandsPerBatch: (after.batchedCommands - before.batchedCommands) / batches,
    commitMsMean: (1000 * (after.commitSecondsSum - before.commitSecondsSum)) / batches,
  };
}

// ---- checks at the end ------------------------------------------------------------------------


function textsOf(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}(?: [^>]*)?>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}

interface Verification {
  readonly answered200: number;
  readonly acsc: number;
  readonly rjct: number;
  readonly other: number;
  readonly refused422: number;
  /** Settled transfers by the money the banks' settlement accounts moved. */
  readonly serverSettled: number;
  readonly serverPayments: number;
  /** Requests in flight when a step stopped: the server may settle them unseen. */
  readonly inFlightBound: number;
  readonly movedMatchesSettled: boolean;
  readonly balancesConserved: boolean;
  readonly sampled: number;
  /** Sampled pacs.002 that pass the full intake (XSD + rules), say ACSC and name the UETR sent under their MsgId. */
  readonly sampledValid: number;
  readonly sampleFailures: readonly string[];
  readonly ok: boolean;
}

async function verify(info: BenchServerInfo, loadSteps: number): Promise<Verification> {
  const listed = await getJson<{ accounts: { participant: string; currency: string; kind: string; balance: { value: string }; debitsPosted: { value: string } }[] }>(info, '/v1/accounts');
  if (listed.status !== 200) throw new Error(`GET /v1/accounts: ${listed.status}`);
  const bankBics = new Set(info.banks.map((b) => b.bic));
  let debits = 0n;
  let balances = 0n;
  for (const account of listed.body.accounts) {
    if (account.kind !== 'settlement' || !bankBics.has(account.participant) || account.currency !== info.currency) continue;
    debits += minorOf(account.debitsPosted.value);
    balances += minorOf(account.balance.value);
  }
  const serverSettled = Number(debits / amountMinor);
  const stats = (await getJson<BenchServerStats>(info, '/bench/stats')).body;
  const schemas = createSchemaStore();
  let sampledValid = 0;
  const sampleFailures: string[] = [];
  for (const xml of answers.samples) {
    const verdict = validateIsoFile(Buffer.from(xml, 'utf8'), { schemas });
    const messageIds = textsOf(xml, 'OrgnlMsgId');
    const uetrs = textsOf(xml, 'OrgnlUETR');
    const n = messageIds.length === 0 ? Number.NaN : Number(messageIds[0]!.slice(messageIdOf(0).length - 1));
    const problem = !verdict.ok
      ? `invalid pacs.002: ${verdict.failures.map((f) => `${f.code} ${f.detail}`).join('; ')}`
      : verdict.reported.message !== 'pacs.002'
        ? `a ${verdict.reported.id}, not a pacs.002`
        : textsOf(xml, 'TxSts').join() !== 'ACSC'
          ? `TxSts ${textsOf(xml, 'TxSts').join()}`
          : !Number.isInteger(n) || messageIds[0] !== messageIdOf(n)
            ? `OrgnlMsgId ${messageIds.join()} not one sent`
            : uetrs.length !== 1 || uetrs[0] !== uetrOf(n)
              ? `OrgnlUETR ${uetrs.join()} is not ${uetrOf(n)}, sent under ${messageIds[0]}`
              : null;
    if (problem === null) sampledValid += 1;
    else if (sampleFailures.length < 3) sampleFailures.push(problem);
  }
  const inFlightBound = loadSteps * connections;
  const movedMatchesSettled = debits % amountMinor === 0n && serverSettled >= answers.acsc && serverSettled <= answers.acsc + inFlightBound;
  const balancesConserved = balances === BigInt(info.banks.length) * minorOf(info.funded);
  return {
    answered200: answers.ok,
    acsc: answers.acsc,
    rjct: answers.rjct,
    other: answers.other,
    refused422: answers.refused,
    serverSettled,
    serverPayments: stats.payments,
    inFlightBound,
    movedMatchesSettled,
    balancesConserved,
    sampled: answers.samples.length,
    sampledValid,
    sampleFailures,
    ok:
      movedMatchesSettled &&
      balancesConserved &&
      stats.payments === serverSettled &&
      answers.samples.length > 0 &&
      sampledValid === answers.samples.length &&
      answers.rjct === 0 &&
      answers.other === 0 &&
      answers.refused === 0,
  };
}

// ---- output -----------------------------------------------------------------------------------

const fmt = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits }) : '–');

function table(reports: readonly StepReport[]): string[] {
  const header = [
    'offered/s'.padStart(9), 'msgs/s'.padStart(7), 'p50'.padStart(6), 'p90'.padStart(6), 'p99'.padStart(6), 'max'.padStart(6), 'non2xx'.padStart(6),
    'ACSC'.padStart(7), 'cpu µs'.padStart(6), 'srv'.padStart(5), 'elu'.padStart(5), 'gen'.padStart(5), 'batch'.padStart(6), 'commit'.padStart(6),
  ].join(' ');
  const lines = [header, '-'.repeat(header.length)];
  for (const r of reports) {
    lines.push(
      [
        (r.offered === null ? 'max' : fmt(r.offered)).padStart(9),
        fmt(r.perSecond).padStart(7),
        fmt(r.p50, 1).padStart(6),
        fmt(r.p90, 1).padStart(6),
        fmt(r.p99, 1).padStart(6),
        fmt(r.max, 0).padStart(6),
        fmt(r.non2xx + r.errors).padStart(6),
        `${fmt((100 * r.acsc) / Math.max(1, r.ok2xx), 1)}%`.padStart(7),
        fmt(r.serverCpuUsPerRequest).padStart(6),
        fmt(r.serverCores, 2).padStart(5),
        fmt(r.serverElu, 2).padStart(5),
        fmt(r.generatorCores, 2).padStart(5),
        fmt(r.commandsPerBatch, 1).padStart(6),
        fmt(r.commitMsMean, 1).padStart(6),
      ].join(' '),
    );
  }
  return lines;
}

// ---- main -------------------------------------------------------------------------------------

if (profileDir !== undefined) mkdirSync(profileDir, { recursive: true });
const { child, info, exited } = await startServer({ banks, keysPerBank, log: say });
const reports: StepReport[] = [];
let verification: Verification | null = null;
try {
  const senders = sendersOf(info);
  say(`bench:iso: server ${info.url} (pid ${info.pid}), ${info.banks.length} banks × ${keysPerBank} keys, ${connections} connections, ${phases} phases, ${seconds} s per step; pacs.008 of ${Buffer.byteLength(nextFor(senders)().body)} bytes, 1 transaction; ${cpus().length} cores, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  sequence = 0;
  if (warmupSeconds > 0) {
    await step(info, senders, null, warmupSeconds);
    say(`warm-up done (${warmupSeconds} s unthrottled)`);
  }
  for (const rate of rates) {
    const report = await step(info, senders, rate, seconds, profileDir === undefined ? undefined : join(profileDir, `iso-${rate ?? 'max'}.cpuprofile`));
    reports.push(report);
    say(
      `offered ${(rate === null ? 'max' : fmt(rate)).padStart(6)}/s: ${fmt(report.perSecond).padStart(6)} msgs/s p50 ${fmt(report.p50, 1)} ms p99 ${fmt(report.p99, 1)} ms max ${fmt(report.max, 0)} ms; ` +
        `non-2xx ${report.non2xx} ${JSON.stringify(report.statusCodes)}, errors ${report.errors}; server ${fmt(report.serverCpuUsPerRequest)} µs CPU/msg (main thread ${fmt(report.mainThreadUsPerRequest ?? Number.NaN)}), ${fmt(report.serverCores, 2)} cores, elu ${fmt(report.serverElu, 2)}; generator ${fmt(report.generatorCores, 2)} cores; ` +
        `batches of ${fmt(report.commandsPerBatch, 1)}, ${fmt(report.commitMsMean, 1)} ms to durable`,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  verification = await verify(info, reports.length + (warmupSeconds > 0 ? 1 : 0));
} finally {
  child.kill('SIGTERM');
  const code = await exited;
  if (code !== 0) say(`server child exited with ${code}`);
  if (existsSync(info.dir)) rmSync(info.dir, { recursive: true, force: true });
}

const best = reports.reduce((m, r) => Math.max(m, r.perSecond), 0);
const targets = { messagesPerSecondBest: Math.round(best), messagesPerSecondTarget: targetPerSecond, met: best >= targetPerSecond };

if (json) {
  console.log(
    JSON.stringify({
      bench: 'iso',
      options: { seconds, rates: rates.map((r) => r ?? 'max'), connections, phases, banks, keysPerBank, warmupSeconds, amount: amountValue },
      machine: { cores: cpus().length, loadavg: loadavg() },
      steps: reports,
      verification,
      targets,
    }),
  );
} else {
  const v = verification;
  if (v === null) throw new Error('no verification');
  console.log('');
  console.log('pacs.008 (1 transaction) → POST /v1/iso20022 → pacs.002; msgs/s over the steady window; latency ms, 2xx only; non2xx counts connection errors too;');
  console.log('ACSC = 200s whose pacs.002 says ACSC; cpu µs = server process CPU per answer; srv = server CPU in cores; elu = server event-loop utilisation;');
  console.log('gen = generator (autocannon) CPU in cores; batch = commands per journal batch; commit = mean ms from a batch\'s append to durable');
  for (const line of table(reports)) console.log(line);
  console.log('');
  console.log(
    `check: ${v.ok ? 'OK' : 'FAILED'}: ${fmt(v.answered200)} pacs.002 answers: ${fmt(v.acsc)} ACSC, ${v.rjct} RJCT, ${v.other} other; ${v.refused422} refused (422); ` +
      `the banks' accounts moved ${fmt(v.serverSettled)} × ${amountValue} INR (≤ ${v.inFlightBound} in flight at step ends: ${v.movedMatchesSettled ? 'match' : 'MISMATCH'}); ` +
      `server holds ${fmt(v.serverPayments)} payments (${v.serverPayments === v.serverSettled ? 'all settled' : 'NOT all settled'}); balances ${v.balancesConserved ? 'conserved' : 'NOT conserved'}; ` +
      `${v.sampledValid}/${v.sampled} sampled pacs.002 valid (XSD + rules), ACSC, with the UETR sent` +
      (v.sampleFailures.length > 0 ? `; e.g. ${v.sampleFailures.join(' | ')}` : ''),
  );
  console.log(`target: best ${fmt(best)} messages/s (≥ ${fmt(targetPerSecond)}: ${targets.met ? 'met' : 'NOT met'})`);
  if (profileDir !== undefined) {
    for (const rate of rates) {
      const file = join(profileDir, `iso-${rate ?? 'max'}.cpuprofile`);
      if (existsSync(file)) for (const line of formatProfileSummary(summarizeProfile(file))) console.log(line);
    }
  }
}
