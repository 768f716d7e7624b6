import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { verifyJournal } from '../../src/sequencer/verify.js';
import { openStore } from '../../src/store/open-store.js';
import { testPostgresUrl } from '../../src/store/postgres/test-support.js';
import { auditJournal } from '../support/journal-audit.js';

const childScript = fileURLToPath(new URL('./cluster-child.ts', import.meta.url));
/** How long a child may take to reach a line it must print (start-up with tsx on a busy 2-core machine). */
export const childLineTimeoutMs = 45_000;

/** A cluster node in a child process; its acknowledged outcomes go into a map shared by the whole test. */
export class ClusterChild {
  readonly process: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  epoch = 0;
  /** Milliseconds the child took to open the ledger once it held the lease. */
  openMs = 0;
  firstAckAt: number | null = null;
  readonly lines: string[] = [];
  private readonly waiters = new Map<string, () => void>();
  private readonly seen = new Set<string>();

  constructor(location: string, nodeId: string, run: number, acknowledged: Map<string, string>) {
    this.process = spawn(process.execPath, ['--import', 'tsx', childScript, location, nodeId, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
    this.exited = new Promise((resolve) => this.process.on('exit', (code, signal) => resolve({ code, signal })));
    createInterface({ input: this.process.stdout! }).on('line', (line) => {
      const [kind, first, second] = line.split(' ');
      if (kind === undefined) return;
      if (kind === 'ACK' && first !== undefined && second !== undefined) {
        this.firstAckAt ??= performance.now();
        acknowledged.set(first, second);
      } else this.lines.push(line);
      if (kind === 'LEADER') [this.epoch, this.openMs] = [Number(first), Number(line.split(' ')[3])];
      this.seen.add(kind);
      this.waiters.get(kind)?.();
    });
  }

  /** Resolves once the child printed a line of this kind (ACK, READY, STANDBY, LEADER, LOST). */
  waitFor(kind: string, timeoutMs = childLineTimeoutMs): Promise<void> {
    if (this.seen.has(kind)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child did not print ${kind} within ${timeoutMs} ms; it printed ${JSON.stringify(this.lines)}`)), timeoutMs);
      this.waiters.set(kind, () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill(signal);
    if (signal === 'SIGKILL') await this.exited;
  }
}

export async function withPg<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every journal row's seq and the lease epoch that wrote it. */
export function journalEpochs(schema: string): Promise<{ seq: number; epoch: number }[]> {
  return withPg(async (client) => {
    const { rows } = await client.query<{ seq: string; epoch: string }>(`SELECT seq, epoch FROM ${schema}.journal ORDER BY seq`);
    return rows.map((row) => ({ seq: Number(row.seq), epoch: Number(row.epoch) }));
  });
}

/** The chain verifies, and every acknowledged ok transfer is in the journal exactly once; returns the state hash. */
export async function checkAcknowledged(location: string, acknowledged: Map<string, string>): Promise<Buffer> {
  const report = await verifyJournal(await openStore(location, { readonly: true }));
  assert.equal(report.ok, true, report.ok ? '' : report.where);
  const { createdOk: counts, replayHash } = await auditJournal(location);
  let ok = 0;
  for (const [id, result] of acknowledged) {
    if (result !== 'ok') continue;
    ok += 1;
    assert.equal(counts.get(id), 1, `acknowledged transfer ${id} is in the journal exactly once`);
  }
  assert.ok(ok > 100, `load was acknowledged (${ok} ok transfers)`);
  return replayHash;
}
