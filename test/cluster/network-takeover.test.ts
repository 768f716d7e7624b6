/**
 * `corridor serve` on PostgreSQL as a cluster: several real CLI processes on one schema. The
 * lease holder leads; a standby serves reads from the journal and forwards writes to the
 * leader; SIGKILL the leader under load and the standby takes over
 * within 5 s, with every acknowledged payment there exactly once; a leader paused past its
 * lease and resumed commits nothing.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { generateOperatorKey } from '../../src/http/auth.js';
import { problemTypePrefix } from '../../src/http/problems.js';
import { verifyJournal } from '../../src/sequencer/verify.js';
import { openStore } from '../../src/store/open-store.js';
import { leaseDurationMsDefault } from '../../src/store/postgres/lease.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from '../../src/store/postgres/test-support.js';
import { journalEpochs, withPg } from './cluster-support.js';
import { writeTwoBankConfig, type ConfiguredKey } from '../http/support.js';

const cliScript = fileURLToPath(new URL('../http/sigterm-child.ts', import.meta.url));
/** The bound: kill of the leader to the first write acknowledged by the new one. */
const takeoverMsMax = 5_000;
/** A payment made on the leader shows on a standby within this. */
const standbyLagMsMax = 1_000;
const cycles = 3;
/** A child's start-up with tsx on a busy 2-core machine. */
const startMsMax = 45_000;
const loadWorkers = 4;
const loadPauseMs = 8;
const fundedValue = '1000000.00';



interface Setup {
  readonly dir: string;
  readonly configPath: string;
  readonly location: string;
  readonly schema: string;
  readonly operatorKey: string;
  readonly sbi: ConfiguredKey;
  readonly hdfc: ConfiguredKey;
}

const dirs: string[] = [];
const schemas: string[] = [];
const children: ServeChild[] = [];

function writeSetup(): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-network-cluster-'));
  dirs.push(dir);
  const schema = uniqueSchema('netcluster');
  schemas.push(schema);
  const { configPath, sbi, hdfc } = writeTwoBankConfig(dir, 'cluster01');
  return { dir, configPath, location: `${testPostgresUrl}?schema=${schema}`, schema, operatorKey: generateOperatorKey(), sbi, hdfc };
}

/** `corridor serve --db postgres://…` as a child process, with the role lines it prints. */
class ServeChild {
  readonly process: ChildProcessByStdio<null, Readable, Readable>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  url = '';
  readonly roles: string[] = [];
  private stderrText = '';
  private readonly lineWaiters: (() => void)[] = [];

  constructor(setup: Setup, readonly nodeId: string) {
    this.process = spawn(process.execPath, ['--import', 'tsx', cliScript, 'serve', '--config', setup.configPath, '--db', setup.location, '--port', '0', '--node-id', nodeId], {
      env: { ...process.env, CORRIDOR_OPERATOR_KEY: setup.operatorKey, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stderr.setEncoding('utf8').on('data', (text: string) => (this.stderrText = (this.stderrText + text).slice(-4000)));
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: this.process.stdout }).on('line', (line) => {
      const listening = /^Corridor node listening on (http:\/\/\S+)$/.exec(line);
      if (listening !== null) this.url = listening[1]!;
      if (line.startsWith('Role: ')) this.roles.push(line);
      for (const wake of this.lineWaiters.splice(0)) wake();
    });
    children.push(this);
  }

  get alive(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Waits for a role line starting with `prefix` (e.g. "Role: leader"), the `nth` of its kind. */
  async waitForRole(prefix: string, timeoutMs = startMsMax, nth = 1): Promise<string> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.roles.filter((line) => line.startsWith(prefix));
      if (found.length >= nth) return found[nth - 1]!;
      if (!this.alive) throw new Error(`${this.nodeId} exited before "${prefix}": ${this.stderrText}`);
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`${this.nodeId} did not print "${prefix}" within ${timeoutMs} ms; roles ${JSON.stringify(this.roles)}; stderr ${this.stderrText}`);
      await Promise.race([new Promise<void>((resolve) => this.lineWaiters.push(resolve)), sleep(Math.min(left, 200))]);
    }
  }

  stderr(): string {
    return this.stderrText;
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.alive) this.process.kill(signal);
    if (signal === 'SIGKILL') await this.exited;
  }
}

interface Reply {
  readonly status: number | null;
  readonly body: Record<string, unknown> | null;
  readonly headers: Headers | null;
  readonly error?: string;
}

/** One HTTP call that never throws: a connection error is status null. */
async function call(url: string, method: string, path: string, key: string | null, body?: unknown, timeoutMs = 10_000): Promise<Reply> {
  const headers: Record<string, string> = {};
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method === 'POST' && path === '/v1/payments') headers['idempotency-key'] = randomUUID();
  try {
    const response = await fetch(url + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
  } catch (error) {
    return { status: null, body: null, headers: null, error: (error as Error).message };
  }
}

const ok = (reply: Reply): boolean => reply.status !== null && reply.status >= 200 && reply.status <= 299;

function payment(uetr: string): Record<string, unknown> {
  return { uetr, endToEndId: `NC-${uetr.slice(0, 8)}`, amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' };
}

async function role(url: string): Promise<{ role: string; journalSeq: number } | null> {
  const reply = await call(url, 'GET', '/healthz', null, undefined, 2_000);
  return reply.status === 200 ? (reply.body as { role: string; journalSeq: number }) : null;
}

async function until<T>(what: string, check: () => Promise<T | null | undefined | false> | T | null | undefined | false, timeoutMs: number, everyMs = 20): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== null && value !== undefined && value !== false) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** Every payment sent by the load, by its fate. */
interface Ledger {
  readonly attempted: Set<string>;
  readonly acknowledged: Set<string>;
  /** Answered 503 (not-leader or unavailable): refused, so never recorded. */
  readonly refused: Set<string>;
  /** When each node (by URL) first acknowledged a payment. */
  readonly firstAckAt: Map<string, number>;
}

/** Payments from SBI to HDFC, a few at a time, always to `target()`; runs until `stop`. */
function runLoad(setup: Setup, target: () => string, stop: () => boolean, ledger: Ledger): Promise<void[]> {
  const worker = async (): Promise<void> => {
    while (!stop()) {
      const url = target();
      const uetr = randomUUID();
      ledger.attempted.add(uetr);
      const reply = await call(url, 'POST', '/v1/payments', setup.sbi.key, payment(uetr));
      if (ok(reply)) {
        ledger.acknowledged.add(uetr);
        if (!ledger.firstAckAt.has(url)) ledger.firstAckAt.set(url, performance.now());
      } else if (reply.status === 503) ledger.refused.add(uetr);
      else if (reply.status !== null) throw new Error(`payment ${uetr} on ${url}: ${reply.status} ${JSON.stringify(reply.body)}`);
      await sleep(ok(reply) ? loadPauseMs : 20);
    }
  };
  return Promise.all(Array.from({ length: loadWorkers }, worker));
}

/** Leader's and standby's view of the two banks' balances. */
async function balances(url: string, setup: Setup): Promise<{ sbi: string; hdfc: string } | null> {
  const sbi = await call(url, 'GET', '/v1/accounts', setup.sbi.key);
  const hdfc = await call(url, 'GET', '/v1/accounts', setup.hdfc.key);
  if (sbi.status !== 200 || hdfc.status !== 200) return null;
  const value = (reply: Reply): string => ((reply.body as { accounts: { balance: { value: string } }[] }).accounts[0]!.balance.value);
  return { sbi: value(sbi), hdfc: value(hdfc) };
}

async function leaseEpoch(schema: string): Promise<number> {
  return withPg(async (client) => Number((await client.query<{ epoch: string }>(`SELECT epoch FROM ${schema}.sequencer_lease WHERE id = 1`)).rows[0]!.epoch));
}

const available = await postgresAvailable();
after(async () => {
  for (const child of children) {
    if (child.alive) child.process.kill('SIGCONT');
    await child.kill('SIGKILL');
  }
  for (const schema of schemas) await dropSchema(schema);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

if (!available) {
  describe('PostgreSQL network cluster (corridor serve)', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
} else {
  describe('PostgreSQL network cluster (corridor serve)', () => {
    it(`a standby serves reads, forwards writes to the leader, and takes over within ${takeoverMsMax} ms of each of ${cycles} SIGKILLs under load, losing nothing`, { timeout: 240_000 }, async () => {
      const testStarted = performance.now();
      const setup = writeSetup();
      let leader = new ServeChild(setup, 'node-1');
      await leader.waitForRole('Role: leader');
      let standby = new ServeChild(setup, 'node-2');
      assert.equal(await standby.waitForRole('Role: standby'), `Role: standby (leader ${leader.url})`);
      assert.equal((await role(leader.url))?.role, 'leader');
      assert.equal((await role(standby.url))?.role, 'standby');

      // The configuration (applied by the leader) reached the standby through the journal.
      const funded = await call(leader.url, 'POST', '/v1/funding', setup.operatorKey, { direction: 'in', participant: 'SBININBB', amount: { value: fundedValue, currency: 'INR' }, reference: 'open' });
      assert.equal(funded.status, 201, JSON.stringify(funded.body));

      // A payment made on the leader is visible on the standby within a second: status, balances, statement.
      const first = randomUUID();
      assert.equal((await call(leader.url, 'POST', '/v1/payments', setup.sbi.key, payment(first))).status, 201);
      const paidAt = performance.now();
      await until('the payment on the standby', async () => (await call(standby.url, 'GET', `/v1/payments/${first}`, setup.hdfc.key)).status === 200, standbyLagMsMax * 3, 10);
      const lagMs = Math.round(performance.now() - paidAt);
      assert.ok(lagMs < standbyLagMsMax, `the standby showed the payment ${lagMs} ms after it was acknowledged`);
      process.stdout.write(`# a payment acknowledged by the leader showed on the standby ${lagMs} ms later\n`);
      assert.deepEqual(await balances(standby.url, setup), await balances(leader.url, setup));
      assert.deepEqual(await balances(standby.url, setup), { sbi: '999999.00', hdfc: '1.00' });

      // Writes on the standby are forwarded to the leader, which makes them and answers.
      const forwarded = randomUUID();
      const viaStandby = await call(standby.url, 'POST', '/v1/payments', setup.sbi.key, payment(forwarded));
      assert.equal(viaStandby.status, 201, JSON.stringify(viaStandby.body));
      assert.match(viaStandby.headers?.get('via') ?? '', /corridor-node-2/);
      assert.equal((await call(leader.url, 'GET', `/v1/payments/${forwarded}`, setup.operatorKey)).status, 200, 'the leader made the forwarded payment');
      // The leader judges the key: none gets its 401, through the standby.
      const unauthorized = await call(standby.url, 'DELETE', '/v1/participants/SBININBB/webhook', null);
      assert.equal(unauthorized.status, 401);
      assert.equal(unauthorized.body?.type, `${problemTypePrefix}unauthorized`);
      await until('the standby to follow the forwarded payment', async () => (await call(standby.url, 'GET', `/v1/payments/${forwarded}`, setup.hdfc.key)).status === 200, standbyLagMsMax * 3);
      assert.deepEqual(await balances(standby.url, setup), { sbi: '999998.00', hdfc: '2.00' });

      const ledger: Ledger = { attempted: new Set([first, forwarded]), acknowledged: new Set([first, forwarded]), refused: new Set(), firstAckAt: new Map() };
      let target = leader.url;
      let stopLoad = false;
      const load = runLoad(setup, () => target, () => stopLoad, ledger);
      const takeovers: number[] = [];
      const opens: number[] = [];
      let seed = 7;
      const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
      try {
        for (let cycle = 1; cycle <= cycles; cycle += 1) {
          await until('load acknowledged on the leader', () => ledger.firstAckAt.has(leader.url), 10_000);
          await sleep(300 + Math.floor(random() * 300));
          const killedAt = performance.now();
          await leader.kill('SIGKILL');
          target = standby.url;
          await until(`writes on the new leader (cycle ${cycle})`, () => ledger.firstAckAt.has(standby.url), takeoverMsMax * 3);
          takeovers.push(Math.round(ledger.firstAckAt.get(standby.url)! - killedAt));
          const line = await standby.waitForRole('Role: leader', 1_000);
          opens.push(Number(/opened the journal in (\d+) ms/.exec(line)?.[1]));
          assert.equal((await role(standby.url))?.role, 'leader');
          // A fresh standby for the next cycle, while the load goes on.
          leader = standby;
          standby = new ServeChild(setup, `node-${cycle + 2}`);
          assert.equal(await standby.waitForRole('Role: standby'), `Role: standby (leader ${leader.url})`);
        }
      } finally {
        stopLoad = true;
        await load;
      }
      process.stdout.write(`# takeover ms (SIGKILL to first acknowledged payment on the new leader): ${takeovers.join(', ')}\n`);
      process.stdout.write(`# of which opening the journal on the new leader (snapshot, chain check, replay, config) ms: ${opens.join(', ')}\n`);
      process.stdout.write(`# payments: ${ledger.attempted.size} sent, ${ledger.acknowledged.size} acknowledged, ${ledger.refused.size} refused 503\n`);
      for (const ms of takeovers) assert.ok(ms < takeoverMsMax, `writes resumed ${ms} ms after the kill (limit ${takeoverMsMax} ms)`);

      // Every acknowledged payment is there, settled; every refused one is not; the balances add up to exactly the payments found.
      let found = 0;
      const uetrs = [...ledger.attempted];
      for (let i = 0; i < uetrs.length; i += 16) {
        await Promise.all(
          uetrs.slice(i, i + 16).map(async (uetr) => {
            const tracked = await call(leader.url, 'GET', `/v1/payments/${uetr}`, setup.operatorKey);
            if (ledger.acknowledged.has(uetr)) assert.equal(tracked.status, 200, `acknowledged payment ${uetr} is on the new leader`);
            if (ledger.refused.has(uetr)) assert.equal(tracked.status, 404, `payment ${uetr} answered 503 was not recorded`);
            if (tracked.status === 200) {
              assert.equal(tracked.body?.status, 'settled');
              found += 1;
            } else assert.equal(tracked.status, 404);
          }),
        );
      }
      assert.ok(ledger.acknowledged.size > 100, `the load was acknowledged (${ledger.acknowledged.size} payments)`);
      const expected = { sbi: (1_000_000 - found).toFixed(2), hdfc: found.toFixed(2) };
      assert.deepEqual(await balances(leader.url, setup), expected, 'each payment moved money exactly once');
      // The last standby follows too: same balances and the same statement.
      await until('the standby to catch up', async () => JSON.stringify(await balances(standby.url, setup)) === JSON.stringify(expected), standbyLagMsMax * 3);
      const hdfcAccount = ((await call(leader.url, 'GET', '/v1/accounts', setup.hdfc.key)).body as { accounts: { id: string }[] }).accounts[0]!.id;
      const statementPath = `/v1/accounts/${hdfcAccount}/statement?from=2000-01-01T00:00:00.000000Z&to=2099-12-31T00:00:00.000000Z`;
      const onLeader = await call(leader.url, 'GET', statementPath, setup.hdfc.key);
      const onStandby = await call(standby.url, 'GET', statementPath, setup.hdfc.key);
      assert.equal(onStandby.status, 200);
      assert.deepEqual(onStandby.body, onLeader.body);
      assert.equal((onLeader.body as { closingBalance: { value: string } }).closingBalance.value, expected.hdfc);

      await leader.kill('SIGKILL');
      await standby.kill('SIGKILL');
      const report = await verifyJournal(await openStore(setup.location, { readonly: true }));
      assert.equal(report.ok, true, report.ok ? '' : report.where);
      process.stdout.write(`# whole test ${Math.round((performance.now() - testStarted) / 1000)} s\n`);
    });

    it('fences a leader paused past its lease: resumed, it commits nothing, and follows as a standby that forwards writes', { timeout: 180_000 }, async () => {
      const setup = writeSetup();
      const old = new ServeChild(setup, 'fence-a');
      await old.waitForRole('Role: leader');
      const standby = new ServeChild(setup, 'fence-b');
      await standby.waitForRole('Role: standby');
      assert.equal((await call(old.url, 'POST', '/v1/funding', setup.operatorKey, { direction: 'in', participant: 'SBININBB', amount: { value: fundedValue, currency: 'INR' }, reference: 'open' })).status, 201);
      const before = randomUUID();
      assert.equal((await call(old.url, 'POST', '/v1/payments', setup.sbi.key, payment(before))).status, 201);
      const oldEpoch = await leaseEpoch(setup.schema);

      old.process.kill('SIGSTOP');
      // Payments sent to the paused leader wait in its socket buffers.
      const paused = Array.from({ length: 10 }, () => randomUUID());
      const pausedReplies = paused.map((uetr) => call(old.url, 'POST', '/v1/payments', setup.sbi.key, payment(uetr), 30_000));
      const stoppedAt = performance.now();
      await standby.waitForRole('Role: leader', leaseDurationMsDefault + takeoverMsMax);
      const during = randomUUID();
      await until('a write on the new leader', async () => ok(await call(standby.url, 'POST', '/v1/payments', setup.sbi.key, payment(during))), takeoverMsMax);
      process.stdout.write(`# paused leader: the standby acknowledged a write ${Math.round(performance.now() - stoppedAt)} ms after SIGSTOP\n`);
      const newEpoch = await leaseEpoch(setup.schema);
      assert.ok(newEpoch > oldEpoch, 'the new leader writes under a higher epoch');
      const atTakeover = (await journalEpochs(setup.schema)).filter((row) => row.epoch === oldEpoch).length;

      old.process.kill('SIGCONT');
      // Each queued payment is refused (fenced: 503 not-leader, nothing written) or, if the old
      // node noticed first that it lost the lease, forwarded to the new leader and made there.
      const pausedAnswers = await Promise.all(pausedReplies);
      for (const reply of pausedAnswers) {
        if (reply.status === null || ok(reply)) continue;
        assert.equal(reply.body?.type, `${problemTypePrefix}not-leader`, JSON.stringify(reply.body));
      }
      // It follows the new leader as a standby: reads work, writes are forwarded to the new leader.
      await old.waitForRole('Role: standby', 10_000);
      assert.equal(old.alive, true, 'the old leader fell back to standby instead of exiting');
      await until('the old leader to report standby', async () => (await role(old.url))?.role === 'standby', 5_000);
      // (503 not-leader until it has read who leads now; nothing is applied then, so the same payment is sent again.)
      const forwarded = randomUUID();
      await until('a write on the old leader forwarded to the new one', async () => {
        const reply = await call(old.url, 'POST', '/v1/payments', setup.sbi.key, payment(forwarded));
        if (reply.status === 503) return false;
        assert.equal(reply.status, 201, JSON.stringify(reply.body));
        return true;
      }, 5_000, 100);
      assert.equal((await call(standby.url, 'GET', `/v1/payments/${forwarded}`, setup.operatorKey)).status, 200);
      await until('the old leader to show the new leader’s payment', async () => (await call(old.url, 'GET', `/v1/payments/${during}`, setup.operatorKey)).status === 200, standbyLagMsMax * 3);

      const rows = await journalEpochs(setup.schema);
      const firstNew = rows.find((row) => row.epoch === newEpoch)!.seq;
      assert.equal(rows.filter((row) => row.epoch === oldEpoch).length, atTakeover, 'no entry of the old epoch after the takeover');
      assert.ok(rows.every((row) => row.epoch !== oldEpoch || row.seq < firstNew), 'every old-epoch entry precedes the first new-epoch one');
      for (const [i, uetr] of paused.entries()) {
        const expected = ok(pausedAnswers[i]!) ? 200 : 404;
        assert.equal((await call(standby.url, 'GET', `/v1/payments/${uetr}`, setup.operatorKey)).status, expected, `payment ${uetr} sent to the paused leader: recorded only if acknowledged`);
      }
      assert.equal((await call(standby.url, 'GET', `/v1/payments/${before}`, setup.operatorKey)).status, 200);
      await old.kill('SIGKILL');
      await standby.kill('SIGKILL');
      const report = await verifyJournal(await openStore(setup.location, { readonly: true }));
      assert.equal(report.ok, true, report.ok ? '' : report.where);
    });
  });
}
