/**
 * Stopping a node: `corridor serve` (the real CLI, as a child process) stopped by SIGTERM in the
 * middle of a burst of payments exits 0, every payment it acknowledged with a 2xx is in the
 * journal, and nothing it refused was recorded. Also how promptly it stops with clients that
 * keep connections alive, or wait on the inbox.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcessByStdio } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { verbs } from '../../src/cli/verbs.js';
import { generateOperatorKey } from '../../src/http/auth.js';
import { verifyJournal } from '../../src/sequencer/verify.js';
import { openStore } from '../../src/store/open-store.js';
import { call, onboardSmallNetwork, startTestNode, writeTwoBankConfig, type ConfiguredKey } from './support.js';

const childScript = fileURLToPath(new URL('./sigterm-child.ts', import.meta.url));
const burstSize = 300;
const afterSignalSize = 100;
/** The burst is signalled once this many of its payments have been answered: the rest are in flight. */
const answersBeforeSignal = 30;



interface Setup {
  readonly dir: string;
  readonly dbPath: string;
  readonly configPath: string;
  readonly operatorKey: string;
  readonly sbi: ConfiguredKey;
  readonly hdfc: ConfiguredKey;
}

/** A config file with INR, its agent and two banks with one key each; the journal goes next to it. */
function writeSetup(): Setup {
  const dir = mkdtempSync(join(tmpdir(), 'corridor-sigterm-'));
  const { configPath, sbi, hdfc } = writeTwoBankConfig(dir, 'sigterm01');
  // startTestNode({ dir }) opens dir/journal.db: the same journal the child wrote.
  return { dir, dbPath: join(dir, 'journal.db'), configPath, operatorKey: generateOperatorKey(), sbi, hdfc };
}

interface Serving {
  readonly child: ChildProcessByStdio<null, Readable, Readable>;
  readonly url: string;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

/** Starts `corridor serve` as a child and waits for its first two lines. */
async function startServe(setup: Setup): Promise<Serving> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, 'serve', '--config', setup.configPath, '--db', setup.dbPath, '--port', '0'], {
    env: { ...process.env, CORRIDOR_OPERATOR_KEY: setup.operatorKey, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const stdout: string[] = [];
  await new Promise<void>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      stdout.push(line);
      if (stdout.length === 2) resolve();
    });
    void exited.then(({ code, signal }) => reject(new Error(`serve ended (${code ?? signal}) before it listened: ${stderr}`)));
  });
  const listening = /^Corridor node listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(stdout[0]!);
  assert.ok(listening !== null, `first line: ${stdout[0]}`);
  assert.notEqual(listening[2], '0');
  assert.equal(stdout[1], 'Operator key: (from CORRIDOR_OPERATOR_KEY)');
  return { child, url: listening[1]!, exited, stderr: () => stderr };
}

/** Waits for the child to exit; SIGKILLs it after `withinMs` and reports that. */
async function exitWithin(serving: Serving, withinMs: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; tookMs: number }> {
  const startedMs = performance.now();
  const killer = setTimeout(() => serving.child.kill('SIGKILL'), withinMs);
  try {
    const { code, signal } = await serving.exited;
    return { code, signal, tookMs: Math.round(performance.now() - startedMs) };
  } finally {
    clearTimeout(killer);
  }
}

type HttpOutcome = { readonly status: number; readonly body: string } | { readonly status: null; readonly error: string };

/** One request through node:http (so the test decides about keep-alive), never throwing. */
function send(url: string, options: { agent: Agent | false; method: string; path: string; key?: string; headers?: Record<string, string>; body?: unknown }): Promise<HttpOutcome> {
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve) => {
    const request = httpRequest(
      `${url}${options.path}`,
      {
        agent: options.agent,
        method: options.method,
        headers: {
          ...options.headers,
          ...(options.key === undefined ? {} : { authorization: `Bearer ${options.key}` }),
          ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, error: error.code ?? error.message }));
      },
    );
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, error: error.code ?? error.message }));
    request.end(body);
  });
}

const ok = (outcome: HttpOutcome): boolean => outcome.status !== null && outcome.status >= 200 && outcome.status <= 299;

describe('corridor serve and SIGTERM', () => {
  it('lists a serve verb', () => {
    assert.ok(verbs.some((verb) => verb.name === 'serve'), `verbs: ${verbs.map((verb) => verb.name).join(', ')}`);
  });

  it('exits 0 on SIGTERM mid-burst; every payment answered 2xx is in the journal, and no refused one', { timeout: 60_000 }, async () => {
    const setup = writeSetup();
    const serving = await startServe(setup);
    // Keep-alive, as a bank's client would: later requests reuse the burst's connections.
    const agent = new Agent({ keepAlive: true, maxSockets: burstSize });
    try {
      const server = { url: serving.url };
      // The configured keys work, and so does the operator key from the environment.
      const funded = await call(server, 'POST', '/v1/funding', { key: setup.operatorKey, body: { direction: 'in', participant: 'SBININBB', amount: { value: '100000.00', currency: 'INR' }, reference: 'sigterm-open' } });
      assert.equal(funded.status, 201, JSON.stringify(funded.body));
      assert.equal((await call(server, 'GET', '/v1/accounts', { key: setup.hdfc.key })).status, 200);

      type Outcome = HttpOutcome & { readonly uetr: string; readonly wave: 'burst' | 'after-signal'; readonly endedAfterSignal: boolean };
      let signalled = false;
      let answered = 0;
      const pay = async (wave: Outcome['wave'], i: number): Promise<Outcome> => {
        const uetr = randomUUID();
        const outcome = await send(serving.url, {
          agent,
          method: 'POST',
          path: '/v1/payments',
          key: setup.sbi.key,
          headers: { 'idempotency-key': `sigterm-${wave}-${i}` },
          body: { uetr, endToEndId: `SIGTERM-${wave}-${i}`, amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' },
        });
        const ended = { ...outcome, uetr, wave, endedAfterSignal: signalled };
        answered += 1;
        if (answered === answersBeforeSignal) {
          signalled = true;
          serving.child.kill('SIGTERM');
        }
        return ended;
      };

      const burst = Array.from({ length: burstSize }, (_, i) => pay('burst', i));
      while (!signalled) await sleep(1);
      const afterSignal = Array.from({ length: afterSignalSize }, (_, i) => pay('after-signal', i));
      const outcomes = [...(await Promise.all(burst)), ...(await Promise.all(afterSignal))];
      const label = (o: Outcome): string => `${o.wave} ${o.status ?? o.error}`;
      const summary = JSON.stringify({
        inFlightAtSignal: outcomes.filter((o) => o.wave === 'burst' && o.endedAfterSignal).length,
        outcomes: Object.fromEntries([...new Set(outcomes.map(label))].map((k) => [k, outcomes.filter((o) => label(o) === k).length])),
      });
      // The client lets go of its idle connections (see the keep-alive test below for why it must).
      agent.destroy();
      const exit = await exitWithin(serving, 20_000);
      assert.deepEqual([exit.code, exit.signal], [0, null], `serve exits 0 after SIGTERM (${exit.tookMs} ms); ${summary}; stderr: ${serving.stderr().slice(-2000)}`);
      assert.match(serving.stderr(), /corridor: SIGTERM: finishing what is in flight and closing the journal/);

      const acknowledged = outcomes.filter(ok);
      assert.ok(acknowledged.length >= answersBeforeSignal - 5, `most answers before the signal were 2xx: ${summary}`);
      assert.ok(outcomes.some((o) => o.wave === 'burst' && o.endedAfterSignal), `some of the burst was in flight at SIGTERM: ${summary}`);
      // A payment is answered 201, or 503 while the node closes, or not at all; never another error.
      for (const o of outcomes) assert.ok(o.status === null || o.status === 201 || o.status === 503, `${o.wave} payment ${o.uetr}: ${o.status ?? o.error} (${summary})`);

      // The journal is intact and holds every acknowledged payment.
      const report = await verifyJournal(await openStore(setup.dbPath, { readonly: true }));
      assert.equal(report.ok, true, report.ok ? '' : report.where);
      const restarted = await startTestNode({ dir: setup.dir, operatorKey: setup.operatorKey, webhooks: false });
      try {
        const found = new Set<string>();
        for (const o of outcomes) {
          const tracked = await call<{ status: string; amount: { value: string } }>(restarted, 'GET', `/v1/payments/${o.uetr}`, { key: setup.operatorKey });
          if (ok(o)) assert.equal(tracked.status, 200, `acknowledged payment ${o.uetr} (${o.wave}) is in the journal`);
          if (tracked.status === 200) {
            assert.deepEqual([tracked.body.status, tracked.body.amount.value], ['settled', '1.00']);
            found.add(o.uetr);
          } else assert.equal(tracked.status, 404);
          // A 503 is a refusal: it left nothing behind.
          if (o.status === 503) assert.equal(tracked.status, 404, `payment ${o.uetr} answered 503 is not in the journal`);
        }
        assert.ok(found.size >= acknowledged.length, `${found.size} payments found for ${acknowledged.length} acknowledged`);
        // Nothing else moved: the payee holds exactly the payments the journal has.
        const accounts = await call<{ accounts: { balance: { value: string } }[] }>(restarted, 'GET', '/v1/accounts', { key: setup.hdfc.key });
        assert.equal(accounts.body.accounts[0]!.balance.value, `${found.size}.00`);
      } finally {
        await restarted.dispose();
      }
    } finally {
      agent.destroy();
      if (serving.child.exitCode === null && serving.child.signalCode === null) serving.child.kill('SIGKILL');
      rmSync(setup.dir, { recursive: true, force: true });
    }
  });

  it(
    'answers a request in flight on a keep-alive connection at SIGTERM, then exits 0 promptly',
    { timeout: 60_000 },
    async () => {
      const setup = writeSetup();
      const serving = await startServe(setup);
      const agent = new Agent({ keepAlive: true });
      try {
        const funded = await call({ url: serving.url }, 'POST', '/v1/funding', { key: setup.operatorKey, body: { direction: 'in', participant: 'SBININBB', amount: { value: '10.00', currency: 'INR' }, reference: 'open' } });
        assert.equal(funded.status, 201);
        // A payment whose body is still arriving when the signal comes: the server has its headers, so it is in flight.
        const uetr = randomUUID();
        const body = JSON.stringify({ uetr, endToEndId: 'SIGTERM-SLOW', amount: { value: '1.00', currency: 'INR' }, creditorAgent: 'HDFCINBB' });
        const answer = new Promise<HttpOutcome>((resolve) => {
          const request = httpRequest(
            `${serving.url}/v1/payments`,
            { agent, method: 'POST', headers: { authorization: `Bearer ${setup.sbi.key}`, 'idempotency-key': 'slow-1', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } },
            (response) => {
              const chunks: Buffer[] = [];
              response.on('data', (chunk: Buffer) => chunks.push(chunk));
              response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
            },
          );
          request.on('error', (error: NodeJS.ErrnoException) => resolve({ status: null, error: error.code ?? error.message }));
          request.write(body.slice(0, 20));
          setTimeout(() => {
            serving.child.kill('SIGTERM');
            setTimeout(() => request.end(body.slice(20)), 300);
          }, 300);
        });
        const outcome = await answer;
        assert.equal(outcome.status, 201, `the payment in flight is answered: ${JSON.stringify(outcome)}`);
        // The client keeps its idle connection, as pooling clients and proxies do. A node told to stop should not wait on it.
        const exit = await exitWithin(serving, 8_000);
        assert.deepEqual([exit.code, exit.signal], [0, null], `serve exits 0 by itself within 8 s of the answer (took ${exit.tookMs} ms, signal ${exit.signal})`);
        const restarted = await startTestNode({ dir: setup.dir, operatorKey: setup.operatorKey, webhooks: false });
        try {
          assert.equal((await call(restarted, 'GET', `/v1/payments/${uetr}`, { key: setup.operatorKey })).status, 200);
        } finally {
          await restarted.close();
        }
      } finally {
        agent.destroy();
        if (serving.child.exitCode === null && serving.child.signalCode === null) serving.child.kill('SIGKILL');
        rmSync(setup.dir, { recursive: true, force: true });
      }
    },
  );

  it(
    'closing a node answers a waiting long poll at once instead of at the end of its waitMs',
    { timeout: 30_000 },
    async () => {
      const node = await startTestNode({ webhooks: false });
      try {
        const net = await onboardSmallNetwork(node);
        const inbox = await call<{ next: number }>(node, 'GET', '/v1/inbox', { key: net.keys.HDFCINBB! });
        const waitMs = 5_000;
        // No keep-alive, so only the long poll itself can hold the close up.
        const polling = send(node.url, { agent: false, method: 'GET', path: `/v1/inbox?after=${inbox.body.next}&waitMs=${waitMs}`, key: net.keys.HDFCINBB! });
        await sleep(200);
        const closeStartedMs = performance.now();
        const closed = node.close();
        const outcome = await polling;
        const answeredAfterMs = Math.round(performance.now() - closeStartedMs);
        await closed;
        const closedAfterMs = Math.round(performance.now() - closeStartedMs);
        assert.ok(outcome.status === 200 || outcome.status === 503, `the long poll is answered: ${JSON.stringify(outcome)}`);
        assert.ok(answeredAfterMs < 1_500, `the long poll was answered ${answeredAfterMs} ms after close() began (waitMs ${waitMs})`);
        assert.ok(closedAfterMs < 2_000, `close() took ${closedAfterMs} ms`);
      } finally {
        await node.dispose();
      }
    },
  );
});
