import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { tempDir } from '../sequencer/test-support/temp-db.js';
import { benchVerb } from './bench.js';
import { captureIo } from './test-support/capture-io.js';
import { verifyVerb } from './verify.js';

const dir = tempDir();
after(dir.cleanup);

describe('corridor bench ledger', () => {
  it('prints the contract JSON object and leaves a journal that verify reads', async () => {
    const db = dir.path('bench.db');
    const io = captureIo();
    assert.equal(await benchVerb.run(['ledger', '--transfers', '3000', '--accounts', '50', '--hot-accounts', '2', '--db', db, '--json'], io), 0);
    const report = JSON.parse(io.outLines[0] ?? '') as Record<string, unknown>;
    assert.deepEqual(Object.keys(report), ['engine', 'transfers', 'accounts', 'hotAccounts', 'seconds', 'transfersPerSecond', 'ceilingRowsPerSecond', 'ratio', 'durable']);
    assert.equal(report.engine, 'sqlite');
    assert.equal(report.transfers, 3000);
    assert.equal(report.hotAccounts, 2);
    assert.equal(report.durable, true);
    assert.ok((report.transfersPerSecond as number) > 0 && (report.ceilingRowsPerSecond as number) > 0);
    const verify = captureIo();
    assert.equal(await verifyVerb.run(['--db', db], verify), 0);
    assert.match(verify.outLines[0] ?? '', /^OK \d+ entries$/);
  });

  it('refuses to write over an existing journal, and bad usage, with exit 2', async () => {
    const db = dir.path('used.db');
    assert.equal(await benchVerb.run(['ledger', '--transfers', '10', '--accounts', '5', '--db', db, '--json'], captureIo()), 0);
    assert.equal(await benchVerb.run(['ledger', '--transfers', '10', '--db', db], captureIo()), 2);
    assert.equal(await benchVerb.run(['ledger', '--transfers', 'many'], captureIo()), 2);
    assert.equal(await benchVerb.run(['disk'], captureIo()), 2);
  });
});
