/**
 * The server side of `npm run bench:http`: a real node (SQLite journal, synchronous=FULL, group
 * commit) in a process of its own, so the load generator never shares its event loop. It onboards
 * a network through its own API, then prints one JSON line (BenchServerInfo) on stdout and serves
 * until SIGTERM/SIGINT or until its stdin closes (the parent died); it then closes the node and
 * removes its temporary directory.
 *
 * Besides the API it serves, for the benchmark only:
 *   POST /bench/noop   the trivial endpoint: parses the same JSON body, answers {"ok":true};
 *   GET  /bench/stats  CPU time of the whole process, event-loop utilisation, memory, journal head;
 * and, on a second port, a bare node:http server doing the same as /bench/noop (the floor of
 * HTTP on this machine, without fastify, its hooks, the rate limiter and the metrics);
 *   POST /bench/profile/start, /bench/profile/stop {"file": path}: a V8 CPU profile of the main
 *        thread over exactly one load step (bench/http.ts --profile DIR).
 * Run by bench/http.ts: node --import tsx bench/http-server-child.ts [--banks N] [--keys-per-bank K]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { startNode } from '../src/node/start-node.js';
import { argument } from './common.js';

export interface BenchServerInfo {
  readonly url: string;
  /** A bare node:http server in the same process: reads and parses the JSON body, answers {"ok":true}. */
  readonly rawUrl: string;
  readonly pid: number;
  readonly operatorKey: string;
  readonly dir: string;
  readonly dbPath: string;
  readonly currency: string;
  /** Every bank's opening funds in major units. */
  readonly funded: string;
  readonly banks: readonly { readonly bic: string; readonly keys: readonly string[] }[];
}

export interface BenchServerStats {
  /** process.cpuUsage() of the whole process (all threads, the journal writer's included), µs. */
  readonly cpuUserUs: number;
  readonly cpuSystemUs: number;
  /** CPU time of the main thread alone (the event loop: HTTP, the sequencer's apply), µs; null off Linux. */
  readonly mainThreadCpuUs: number | null;
  /** performance.eventLoopUtilization() of the main thread (cumulative, ms). */
  readonly eluIdleMs: number;
  readonly eluActiveMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly journalSeq: number;
  readonly payments: number;
  /** From the node's own metrics: commands journaled, and the summed time batches took to become durable. */
  readonly batchedCommands: number;
  readonly commitSecondsSum: number;
}

/** utime + stime of the main thread from /proc (clock ticks of 10 ms). */
function mainThreadCpuUs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return null;
  }
}

/** A sample's value in Prometheus text, 0 when absent. */
function metricValue(text: string, name: string): number {
  const match = new RegExp(`^${name} ([0-9.eE+-]+)$`, 'm').exec(text);
  return match === null ? 0 : Number(match[1]);
}

const currency = 'INR';
const funded = '1000000000.00';
const banks = Math.min(argument('--banks', 8), 26 * 26);
const keysPerBank = argument('--keys-per-bank', 2);
const logLevel = process.argv.includes('--log-warn') ? 'warn' : 'silent';

/** BKAAINBB, BKABINBB, …: distinct valid BICs for the generated banks. */
function bankBic(i: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return `BK${letters[Math.floor(i / 26)]!}${letters[i % 26]!}INBB`;
}

async function call(url: string, key: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${key}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

async function expect201(url: string, key: string, path: string, body?: unknown): Promise<unknown> {
  const answer = await call(url, key, 'POST', path, body);
  if (answer.status !== 201) throw new Error(`POST ${path}: expected 201, got ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body;
}

const dir = mkdtempSync(join(tmpdir(), 'corridor-bench-http-'));
const dbPath = join(dir, 'journal.db');
let removed = false;
const removeDir = (): void => {
  if (removed) return;
  removed = true;
  rmSync(dir, { recursive: true, force: true });
};

let profiler: Session | null = null;

async function startProfile(): Promise<void> {
  profiler = new Session();
  profiler.connect();
  await profiler.post('Profiler.enable');
  await profiler.post('Profiler.setSamplingInterval', { interval: 200 });
  await profiler.post('Profiler.start');
}

async function stopProfile(file: string): Promise<void> {
  if (profiler === null) throw new Error('no profile running');
  const { profile } = await profiler.post('Profiler.stop');
  profiler.disconnect();
  profiler = null;
  writeFileSync(file, JSON.stringify(profile));
}

const running = await startNode({
  db: dbPath,
  port: 0,
  configCommands: [],
  logger: pino({ level: logLevel }),
  webhooks: false,
  beforeListen(server) {
    // The same HTTP stack as the API (JSON parser, onRequest/onResponse metrics hooks, the rate
    // limiter's hook with a limit that never bites), minus auth, schema, sequencer and journal.
    server.post('/bench/noop', { config: { rateLimit: { max: 1_000_000_000, timeWindow: 1000 } } }, () => Promise.resolve({ ok: true }));
    server.get('/bench/stats', { config: { rateLimit: false } }, async (): Promise<BenchServerStats> => {
      const metrics = await (await fetch(`${running.url}/metrics`)).text();
      const cpu = process.cpuUsage();
      const elu = performance.eventLoopUtilization();
      const memory = process.memoryUsage();
      return {
        cpuUserUs: cpu.user,
        cpuSystemUs: cpu.system,
        mainThreadCpuUs: mainThreadCpuUs(),
        eluIdleMs: elu.idle,
        eluActiveMs: elu.active,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        journalSeq: running.node.headSeq,
        payments: running.node.network.payments.size,
        batchedCommands: metricValue(metrics, 'corridor_sequencer_batch_commands_sum'),
        commitSecondsSum: metricValue(metrics, 'corridor_journal_commit_seconds_sum'),
      };
    });
    server.post('/bench/profile/start', { config: { rateLimit: false } }, async () => {
      await startProfile();
      return { ok: true };
    });
    server.post('/bench/profile/stop', { config: { rateLimit: false } }, async (request) => {
      await stopProfile((request.body as { file: string }).file);
      return { ok: true };
    });
  },
});

const raw = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    JSON.parse(Buffer.concat(chunks).toString('utf8'));
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': '11' });
    response.end('{"ok":true}');
  });
});
await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
const rawAddress = raw.address();
const rawUrl = `http://127.0.0.1:${typeof rawAddress === 'object' && rawAddress !== null ? rawAddress.port : 0}`;

let closing: Promise<void> | null = null;
const shutdown = (code: number): Promise<void> =>
  (closing ??= (async () => {
    try {
      raw.closeAllConnections();
      raw.close();
      await running.close();
    } catch (error) {
      console.error('bench server: close failed', error);
      code = 1;
    } finally {
      removeDir();
    }
    // A normal exit, so that --cpu-prof writes its profile.
    process.exit(code);
  })());

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
process.stdin.on('end', () => void shutdown(0));
process.stdin.on('error', () => void shutdown(0));
process.stdin.resume();

try {
  const { url, operatorKey } = running;
  const agent = 'RBISINBB';
  await expect201(url, operatorKey, '/v1/participants', { bic: agent, name: 'Reserve Bank of India', country: 'IN', type: 'direct', roles: ['settlement_agent'], currencies: [] });
  await expect201(url, operatorKey, '/v1/currencies', { code: currency, mode: 'rtgs', agent });
  const list: { bic: string; keys: string[] }[] = [];
  for (let i = 0; i < banks; i += 1) {
    const bic = bankBic(i);
    await expect201(url, operatorKey, '/v1/participants', { bic, name: `Bench Bank ${i + 1}`, country: 'IN', type: 'direct', roles: ['bank'], currencies: [currency] });
    const keys: string[] = [];
    for (let k = 0; k < keysPerBank; k += 1) keys.push(((await expect201(url, operatorKey, `/v1/participants/${bic}/api-keys`)) as { key: string }).key);
    await expect201(url, operatorKey, '/v1/funding', { direction: 'in', participant: bic, amount: { value: funded, currency }, reference: `bench-open-${bic}` });
    list.push({ bic, keys });
  }
  const info: BenchServerInfo = { url, rawUrl, pid: process.pid, operatorKey, dir, dbPath, currency, funded, banks: list };
  process.stdout.write(`${JSON.stringify(info)}\n`);
} catch (error) {
  console.error('bench server: onboarding failed', error);
  await shutdown(1);
}
