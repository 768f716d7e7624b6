import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { account, settlementAccount, transfer } from '../core/ledger/test-support/commands.js';
import { LedgerNode } from '../sequencer/ledger-node.js';
import { tempDir } from '../sequencer/test-support/temp-db.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { captureIo } from './test-support/capture-io.js';
import { verifyVerb } from './verify.js';

const dir = tempDir();
after(dir.cleanup);

async function journalWithEntries(path: string): Promise<void> {
  const node = await LedgerNode.open({ store: openSqliteStore({ path }) });
  await node.submitTogether([account(1n, { kind: 'agent' }), settlementAccount(2n)]);
  await node.submit(transfer(1n, 1n, 2n, 10n));
  await node.close();
}

describe('corridor verify', () => {
  it('prints OK <n> entries and exits 0 for an intact journal', async () => {
    const path = dir.path('intact.db');
    await journalWithEntries(path);
    const io = captureIo();
    assert.equal(await verifyVerb.run(['--db', path], io), 0);
    assert.deepEqual(io.outLines, ['OK 2 entries']);
  });

  it('prints CORRUPT <where> and exits 1 when a stored byte changed', async () => {
    const path = dir.path('damaged.db');
    await journalWithEntries(path);
    const db = new Database(path);
    db.prepare("UPDATE journal SET body = CAST(replace(CAST(body AS TEXT), 'x', 'x') AS BLOB) || x'00' WHERE seq = 2").run();
    db.close();
    const io = captureIo();
    assert.equal(await verifyVerb.run(['--db', path], io), 1);
    assert.match(io.outLines[0] ?? '', /^CORRUPT journal entry 2: /);
  });

  it('exits 2 without --db, and 1 for a file that is not there', async () => {
    assert.equal(await verifyVerb.run([], captureIo()), 2);
    const io = captureIo();
    assert.equal(await verifyVerb.run(['--db', dir.path('missing.db')], io), 1);
    assert.match(io.outLines[0] ?? '', /^CORRUPT /);
  });
});
