import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { account, settlementAccount, transfer } from '../core/ledger/test-support/commands.js';
import { LedgerNode } from '../sequencer/ledger-node.js';
import { tempDir } from '../sequencer/test-support/temp-db.js';
import { openStore } from '../store/open-store.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from '../store/postgres/test-support.js';
import { captureIo } from './test-support/capture-io.js';
import { copyVerb } from './copy.js';

const dir = tempDir();
const schemas: string[] = [];
after(async () => {
  dir.cleanup();
  for (const schema of schemas) await dropSchema(schema);
});
const available = await postgresAvailable();

/** A journal of several batches with a snapshot in the middle and one at the end. */
async function journalWithSnapshots(path: string): Promise<void> {
  const node = await LedgerNode.open({ store: openSqliteStore({ path }) });
  await node.submitTogether([account(1n, { kind: 'agent' }), settlementAccount(2n), settlementAccount(3n)]);
  for (let i = 1n; i <= 5n; i += 1n) await node.submit(transfer(i, 1n, 2n, 10n * i));
  await node.snapshot();
  for (let i = 6n; i <= 9n; i += 1n) await node.submit(transfer(i, 2n, 3n, i));
  await node.close();
}

async function stateHashAt(location: string): Promise<Buffer> {
  const node = await LedgerNode.open({ store: await openStore(location) });
  const hash = node.stateHash();
  await node.close({ snapshot: false });
  return hash;
}

async function copy(from: string, to: string): Promise<{ code: number; out: string[] }> {
  const io = captureIo();
  const code = await copyVerb.run(['--from', from, '--to', to], io);
  return { code, out: io.outLines };
}

describe('corridor copy', () => {
  it('SQLite -> PostgreSQL -> SQLite: both ends verify each time, with the same head and state', { skip: !available && `SKIPPED: PostgreSQL is not reachable at ${testPostgresUrl}` }, async () => {
    const source = dir.path('source.db');
    const back = dir.path('back.db');
    schemas.push(uniqueSchema('copy'));
    const postgres = `${testPostgresUrl}?schema=${schemas.at(-1)!}`;
    await journalWithSnapshots(source);
    const there = await copy(source, postgres);
    assert.equal(there.code, 0, there.out.join('\n'));
    assert.deepEqual(there.out.slice(0, 3), ['copied 10 entries and 2 snapshots', 'source: OK 10 entries', 'target: OK 10 entries']);
    assert.match(there.out[3] ?? '', /^head: entry 10 [0-9a-f]{64}$/);
    const again = await copy(postgres, back);
    assert.equal(again.code, 0, again.out.join('\n'));
    assert.deepEqual(again.out, there.out);
    const hashes = await Promise.all([source, postgres, back].map(stateHashAt));
    assert.ok(hashes[0]!.equals(hashes[1]!) && hashes[0]!.equals(hashes[2]!), 'the same state at all three');
  });

  it('refuses a non-empty target and leaves it as it was', async () => {
    const source = dir.path('refuse-source.db');
    const target = dir.path('refuse-target.db');
    await journalWithSnapshots(source);
    await journalWithSnapshots(target);
    const before = await stateHashAt(target);
    const refused = await copy(source, target);
    assert.equal(refused.code, 1);
    assert.match(refused.out[0] ?? '', /^FAILED copy to .* refused: the target journal is not empty \(it ends at entry 10\)$/);
    assert.ok((await stateHashAt(target)).equals(before));
  });

  it('prints --help, exits 2 on bad usage and 1 for a source that is not there', async () => {
    const help = captureIo();
    assert.equal(await copyVerb.run(['--help'], help), 0);
    assert.match(help.outLines[0] ?? '', /^Usage: corridor copy --from/);
    assert.equal(await copyVerb.run(['--from', dir.path('a.db')], captureIo()), 2);
    assert.equal(await copyVerb.run(['--from', 'x.db', '--to', 'x.db'], captureIo()), 2);
    assert.equal(await copyVerb.run(['--from', 'a', '--to', 'b', '--bogus'], captureIo()), 2);
    const missing = await copy(dir.path('missing.db'), dir.path('never.db'));
    assert.equal(missing.code, 1);
    assert.match(missing.out[0] ?? '', /^FAILED cannot open the source /);
  });
});
