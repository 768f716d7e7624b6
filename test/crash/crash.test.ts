import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { verifyJournal } from '../../src/sequencer/verify.js';
import { tempDir } from '../../src/sequencer/test-support/temp-db.js';
import { openStore } from '../../src/store/open-store.js';
import { auditJournal } from '../support/journal-audit.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from '../../src/store/postgres/test-support.js';

const crashesPerRunSqlite = 20;
const crashesPerRunPostgres = 10;
const childScript = fileURLToPath(new URL('./load-child.ts', import.meta.url));
const dir = tempDir('corridor-crash-');
after(dir.cleanup);

/** Runs the child until it has acknowledged some work, kills it at a random moment, returns what it acknowledged. */
function loadAndKill(path: string, run: number, killAfterMs: number): Promise<Map<string, string>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, path, String(run)], { stdio: ['ignore', 'pipe', 'inherit'] });
    const acknowledged = new Map<string, string>();
    let timer: NodeJS.Timeout | undefined;
    createInterface({ input: child.stdout }).on('line', (line) => {
      const [kind, id, result] = line.split(' ');
      if (kind === 'READY' && timer === undefined) timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      if (kind === 'ACK' && id !== undefined && result !== undefined) acknowledged.set(id, result);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') reject(new Error(`load child ended with ${code ?? signal} before it was killed`));
      else resolve(acknowledged);
    });
  });
}

/** Kills a loaded node `crashes` times, then checks everything it acknowledged against the journal. */
async function crashAndCheck(location: string, crashes: number): Promise<void> {
  const acknowledged = new Map<string, string>();
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let run = 1; run <= crashes; run += 1) {
    const seen = await loadAndKill(location, run, 100 + Math.floor(random() * 500));
    for (const [id, result] of seen) acknowledged.set(id, result);
  }
  assert.ok(acknowledged.size > 500, `load was acknowledged (${acknowledged.size} outcomes)`);

  const report = await verifyJournal(await openStore(location, { readonly: true }));
  assert.equal(report.ok, true, report.ok ? '' : report.where);

  const node = await LedgerNode.open({ store: await openStore(location) });
  const { createdOk, replayHash } = await auditJournal(location);
  for (const [id, result] of acknowledged) {
    if (result !== 'ok') continue;
    assert.ok(node.state.transfers.has(id), `acknowledged transfer ${id} survived`);
    assert.equal(createdOk.get(id), 1, `transfer ${id} applied exactly once`);
  }
  assert.ok(node.stateHash().equals(replayHash), 'balances equal the replay from empty');
  await node.close({ snapshot: false });
}

describe('crash safety', () => {
  it(`SQLite: keeps every acknowledged transfer exactly once across ${crashesPerRunSqlite} SIGKILLs under load`, { timeout: 300_000 }, () =>
    crashAndCheck(dir.path('crash.db'), crashesPerRunSqlite));

  it(`PostgreSQL: keeps every acknowledged transfer exactly once across ${crashesPerRunPostgres} SIGKILLs under load`, { timeout: 300_000 }, async (t) => {
    if (!(await postgresAvailable())) return t.skip(`SKIPPED: PostgreSQL is not reachable at ${testPostgresUrl}`);
    const schema = uniqueSchema('crash');
    try {
      await crashAndCheck(`${testPostgresUrl}?schema=${schema}`, crashesPerRunPostgres);
    } finally {
      await dropSchema(schema);
    }
  });
});
