/* eslint-disable @typescript-eslint/no-explicit-any -- answers are read loosely (default `any`); each test asserts the fields it reads. */
/**
 * A real node for end-to-end tests: a SQLite journal in a temporary directory, the HTTP server
 * on a random local port, and a small network onboarded through the API itself.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { startNode, type RunningNode, type StartNodeOptions } from '../../src/node/start-node.js';
import assert from 'node:assert/strict';
import { problemCatalogue, problemTypePrefix, type ProblemBody, type ProblemSlug } from '../../src/http/problems.js';

export interface TestNode extends RunningNode {
  readonly dir: string;
  readonly dbPath: string;
  /** Closes the node (if still open) and removes its files. */
  dispose(): Promise<void>;
}

export async function startTestNode(options: Partial<StartNodeOptions> & { dir?: string } = {}): Promise<TestNode> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'corridor-http-'));
  const dbPath = join(dir, 'journal.db');
  const running = await startNode({ db: dbPath, port: 0, configCommands: [], logger: pino({ level: 'silent' }), ...options });
  return {
    ...running,
    dir,
    dbPath,
    async dispose() {
      await running.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
  readonly contentType: string;
  readonly headers: Headers;
}

/** One HTTP call; `key` is a bearer token (null: none). A body object is sent as JSON, a string as is. */
export async function call<T = any>(node: { url: string }, method: string, path: string, options: { key?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.key !== undefined && options.key !== null) headers.authorization = `Bearer ${options.key}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(node.url + path, { method, headers, body });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  let parsed: unknown = text;
  if (contentType.includes('json') && text !== '') parsed = JSON.parse(text);
  return { status: response.status, body: parsed as T, contentType, headers: response.headers };
}

/** Throws with the whole answer when the status is not the expected one. */
export async function expectStatus<T = any>(status: number, answer: Promise<Answer<T>>): Promise<T> {
  const got = await answer;
  if (got.status !== status) throw new Error(`expected ${status}, got ${got.status}: ${JSON.stringify(got.body)}`);
  return got.body;
}

export interface SmallNetwork {
  readonly operatorKey: string;
  /** API keys by BIC. */
  readonly keys: Record<string, string>;
  /** Settlement account ids by `${bic} ${currency}`. */
  readonly accounts: Record<string, string>;
}

/**
 * Two currencies with their central banks; INR: SBININBB, HDFCINBB (direct) and COOPINBBXXX
 * (indirect via SBININBB); CNY: ICBKCNBJ, BKCHCNBJ. Banks funded with 1,000,000.00 each, a
 * key per bank and one for the RBI as settlement agent.
 */
export async function onboardSmallNetwork(node: { url: string; operatorKey: string }): Promise<SmallNetwork> {
  const key = node.operatorKey;
  const post = (path: string, body?: unknown) => expectStatus(201, call(node, 'POST', path, { key, body }));
  await post('/v1/participants', { bic: 'RBISINBB', name: 'Reserve Bank of India', country: 'IN', type: 'direct', roles: ['settlement_agent'], currencies: [] });
  await post('/v1/participants', { bic: 'PBOCCNBJ', name: 'People’s Bank of China', country: 'CN', type: 'direct', roles: ['settlement_agent'], currencies: [] });
  await post('/v1/currencies', { code: 'INR', mode: 'rtgs', agent: 'RBISINBB' });
  await post('/v1/currencies', { code: 'CNY', mode: 'rtgs', agent: 'PBOCCNBJ' });
  const banks: [string, string, string, string][] = [
    ['SBININBB', 'State Bank of India', 'IN', 'INR'],
    ['HDFCINBB', 'HDFC Bank', 'IN', 'INR'],
    ['ICBKCNBJ', 'Industrial and Commercial Bank of China', 'CN', 'CNY'],
    ['BKCHCNBJ', 'Bank of China', 'CN', 'CNY'],
  ];
  for (const [bic, name, country, currency] of banks) await post('/v1/participants', { bic, name, country, type: 'direct', roles: ['bank'], currencies: [currency] });
  await post('/v1/participants', { bic: 'COOPINBBXXX', name: 'Cooperative Bank', country: 'IN', type: 'indirect', sponsor: 'SBININBB', roles: ['bank'], currencies: ['INR'] });
  const keys: Record<string, string> = {};
  for (const bic of ['SBININBB', 'HDFCINBB', 'ICBKCNBJ', 'BKCHCNBJ', 'COOPINBBXXX', 'RBISINBB']) {
    keys[bic] = ((await post(`/v1/participants/${bic}/api-keys`)) as { key: string }).key;
  }
  for (const [bic, , , currency] of banks) {
    await post('/v1/funding', { direction: 'in', participant: bic, amount: { value: '1000000.00', currency }, reference: `open-${bic}` });
  }
  const accounts: Record<string, string> = {};
  const listed = await expectStatus<{ accounts: { id: string; participant: string; currency: string; kind: string }[] }>(200, call(node, 'GET', '/v1/accounts', { key }));
  for (const account of listed.accounts) if (account.kind === 'settlement') accounts[`${account.participant} ${account.currency}`] = account.id;
  return { operatorKey: key, keys, accounts };
}

let paymentCounter = 0;

/** A fresh idempotency key per call. */
export function newIdempotencyKey(): string {
  paymentCounter += 1;
  return `test-${process.pid}-${paymentCounter}`;
}

/** Sends a payment as the holder of `key`, with a fresh Idempotency-Key unless one is given. */
export function sendPayment<T = any>(node: { url: string }, key: string, body: unknown, idempotencyKey: string = newIdempotencyKey()): Promise<Answer<T>> {
  return call<T>(node, 'POST', '/v1/payments', { key, body, headers: { 'idempotency-key': idempotencyKey } });
}

/** Polls `check` every `intervalMs` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 5_000, intervalMs = 10): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The node's state fingerprint once everything submitted so far is durable: ledger and network state, hashed. */
export async function fingerprint(node: Pick<RunningNode, 'node'>): Promise<string> {
  await node.node.drain();
  await node.node.readBarrier();
  return node.node.stateHash().toString('hex');
}

/** Runs `action` and asserts that the state fingerprint is the same before and after it. */
export async function expectUnchanged<T>(node: Pick<RunningNode, 'node'>, action: () => Promise<T>, what = 'the request'): Promise<T> {
  const before = await fingerprint(node);
  const result = await action();
  assert.equal(await fingerprint(node), before, `${what} changed the state fingerprint`);
  return result;
}

/** Text that gives away the server's insides: stack frames, source paths. */
export function assertNoInternals(text: string): void {
  assert.doesNotMatch(text, /\bat\s+\S+\s+\(/, 'a stack frame "at f (…)"');
  assert.doesNotMatch(text, /(^|\n|\\n)\s*at\s/, 'a stack frame line');
  assert.doesNotMatch(text, /[\w.-]+\.(ts|js|mjs|cjs):\d+/, 'a source position');
  assert.doesNotMatch(text, /\/work\/|node_modules|file:\/\/|\/src\//, 'a file path');
  assert.doesNotMatch(text, /\b(TypeError|ReferenceError|SyntaxError|RangeError)\b/, 'a JavaScript error name');
}

/**
 * Asserts an RFC 9457 problem answer: the status, application/problem+json, the stable type of
 * `slug` with its catalogued title, `status` in the body equal to the HTTP one, a detail, and
 * nothing of the server's insides. Returns the body.
 */
export function expectProblem(answer: Answer, status: number, slug: ProblemSlug): ProblemBody {
  const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  assert.equal(answer.status, status, `expected ${status} ${slug}, got ${answer.status}: ${text}`);
  assert.match(answer.contentType, /^application\/problem\+json(;|$)/, `content-type of ${text}`);
  const body = answer.body as ProblemBody;
  assert.equal(typeof body, 'object');
  assert.ok(body.type.startsWith(problemTypePrefix), body.type);
  assert.equal(body.type, problemTypePrefix + slug);
  assert.equal(body.title, problemCatalogue[slug][1]);
  assert.equal(body.status, answer.status);
  assert.equal(problemCatalogue[slug][0], status, `the catalogue's status of ${slug}`);
  assert.equal(typeof body.detail, 'string');
  assert.ok(body.detail.length > 0, 'an empty detail');
  assertNoInternals(text);
  return body;
}

/** Every `{name}` in an OpenAPI-style path, in order. */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/\{([A-Za-z]+)\}/g)].map((m) => m[1]!);
}

/** Fills the `{name}`s of a path; a name without a value throws (a new route must say what goes there). */
export function fillPath(path: string, values: Readonly<Record<string, string | undefined>>): string {
  return path.replace(/\{([A-Za-z]+)\}/g, (_all, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`no test value for path parameter {${name}} of ${path}`);
    return encodeURIComponent(value);
  });
}

/** The key id of an API key `<keyId>.<secret>`. */
export function keyIdOfKey(key: string): string {
  const id = key.split('.')[0];
  assert.ok(id !== undefined && /^[A-Za-z0-9]{8,32}$/.test(id), `not an API key: ${key}`);
  return id;
}

export interface ConfiguredKey {
  readonly keyId: string;
  readonly key: string;
  readonly secretHash: string;
}

/** A key as a config file holds it: the id and the SHA-256 of the secret part. */
export function configuredKey(keyId: string): ConfiguredKey {
  const secret = randomBytes(32).toString('base64url');
  return { keyId, key: `${keyId}.${secret}`, secretHash: createHash('sha256').update(secret).digest('hex') };
}

/**
 * Writes `dir/corridor.json` for `corridor serve`: INR with its central bank and two banks
 * (SBININBB, HDFCINBB), one configured key each (ids `SBIN<tag>`, `HDFC<tag>`).
 */
export function writeTwoBankConfig(dir: string, tag: string): { configPath: string; sbi: ConfiguredKey; hdfc: ConfiguredKey } {
  const sbi = configuredKey(`SBIN${tag}`);
  const hdfc = configuredKey(`HDFC${tag}`);
  const configPath = join(dir, 'corridor.json');
  const bank = (bic: string, name: string, key: ConfiguredKey) => ({ bic, name, country: 'IN', type: 'direct', roles: ['bank'], currencies: ['INR'], apiKeys: [{ keyId: key.keyId, secretHash: key.secretHash }] });
  writeFileSync(
    configPath,
    JSON.stringify({
      currencies: [{ code: 'INR', mode: 'rtgs', agent: 'RBISINBB' }],
      participants: [
        { bic: 'RBISINBB', name: 'Reserve Bank of India', country: 'IN', type: 'direct', roles: ['settlement_agent'], currencies: [] },
        bank('SBININBB', 'State Bank of India', sbi),
        bank('HDFCINBB', 'HDFC Bank', hdfc),
      ],
      // Tests check every answer in bursts; the per-key limit has its own test (limits.test.ts).
      limits: { requestsPerSecondPerKey: 1_000_000, bodyBytesMax: 65536 },
    }),
  );
  return { configPath, sbi, hdfc };
}

// ---- the dashboard's event stream -----------------------------------------------------------

export interface StreamEvent {
  readonly name: string;
  readonly data: { journalSeq?: number; payments?: { uetr: string; status: string }[]; more?: number; restarted?: boolean };
}

/** Opens the operator event stream and collects its events until closed. */
export async function openStream(node: { url: string }, key: string): Promise<{ status: number; events: StreamEvent[]; close(): void; ended: Promise<void> }> {
  const controller = new AbortController();
  const response = await fetch(`${node.url}/v1/operator/events`, { headers: { authorization: `Bearer ${key}` }, signal: controller.signal });
  const events: StreamEvent[] = [];
  const ended = (async () => {
    if (response.body === null || response.status !== 200) return;
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const name = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (name !== undefined && data !== undefined) events.push({ name, data: JSON.parse(data) as StreamEvent['data'] });
        }
      }
    } catch {
      // aborted
    }
  })();
  return { status: response.status, events, close: () => controller.abort(), ended };
}
