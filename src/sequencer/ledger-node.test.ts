import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { batchCommandsMax, transferFlags } from '../core/ledger/index.js';
import { account, id, settlementAccount, transfer } from '../core/ledger/test-support/commands.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { CommandShapeError, LedgerNode } from './ledger-node.js';
import { CorruptJournalError } from './replay.js';
import { verifyJournal } from './verify.js';
import { tempDir } from './test-support/temp-db.js';

const dir = tempDir();
after(dir.cleanup);
let files = 0;

async function openNode(path: string, options: { snapshotEveryJournalBytes?: number } = {}): Promise<LedgerNode> {
  return LedgerNode.open({ store: openSqliteStore({ path }), ...options });
}

/** A node with an agent account 1 and settlement accounts 2 and 3 holding 1000 each. */
async function fundedNode(path: string, options: { snapshotEveryJournalBytes?: number } = {}): Promise<LedgerNode> {
  const node = await openNode(path, options);
  await node.submitTogether([account(1n, { kind: 'agent' }), settlementAccount(2n), settlementAccount(3n)]);
  await node.submitTogether([transfer(100n, 1n, 2n, 1000n), transfer(101n, 1n, 3n, 1000n)]);
  return node;
}

describe('ledger node', () => {
  it('answers after the batch is in the journal: a reopened node has the transfer', async () => {
    const path = dir.path(`node-${++files}.db`);
    const node = await fundedNode(path);
    assert.equal((await node.submit(transfer(1n, 2n, 3n, 10n))).result, 'ok');
    await node.close({ snapshot: false });
    const reopened = await openNode(path);
    assert.equal(reopened.state.transfers.get(id(1n))?.amount, 10n);
    assert.equal((await reopened.submit(transfer(1n, 2n, 3n, 10n))).result, 'exists');
    await reopened.close();
  });

  it('puts commands that arrive together into one batch: one journal entry, one fsync', async () => {
    const node = await fundedNode(dir.path(`node-${++files}.db`));
    const before = node.headSeq;
    const outcomes = await Promise.all(Array.from({ length: 500 }, (_, i) => node.submit(transfer(BigInt(1000 + i), 2n, 3n, 1n))));
    assert.ok(outcomes.every((o) => o.result === 'ok'));
    assert.equal(node.headSeq, before + 1);
    await node.close();
  });

  it('keeps a linked chain in one batch even when it would straddle the batch limit', async () => {
    const node = await fundedNode(dir.path(`node-${++files}.db`));
    const fillers = Array.from({ length: batchCommandsMax - 1 }, (_, i) => node.submit(transfer(BigInt(10_000 + i), 1n, 2n, 1n)));
    const chain = node.submitTogether([transfer(1n, 2n, 3n, 5n, { flags: transferFlags.linked }), transfer(2n, 3n, 2n, 5n)]);
    await Promise.all(fillers);
    assert.deepEqual((await chain).map((o) => o.result), ['ok', 'ok']);
    await node.close();
  });

  it('restarts from snapshot plus journal tail into exactly the state it had', async () => {
    const path = dir.path(`node-${++files}.db`);
    const node = await fundedNode(path, { snapshotEveryJournalBytes: 2_000 });
    for (let i = 0; i < 30; i += 1) await node.submit(transfer(BigInt(i + 1), 2n + BigInt(i % 2), 3n - BigInt(i % 2), 7n, { flags: i % 3 === 0 ? transferFlags.pending : 0 }));
    const live = node.stateHash();
    await node.close({ snapshot: false });
    const store = openSqliteStore({ path });
    assert.ok((await store.snapshotIndex()).length > 0, 'snapshots were taken');
    await store.close();
    const reopened = await openNode(path);
    assert.ok(reopened.stateHash().equals(live));
    await reopened.close();
    assert.deepEqual(await verifyJournal(openSqliteStore({ path, readonly: true })), { ok: true, entries: 32 });
  });

  it('releases a reservation by itself when its timeout passes, with nothing else happening', async () => {
    const node = await fundedNode(dir.path(`node-${++files}.db`));
    await node.submit(transfer(1n, 2n, 3n, 300n, { flags: transferFlags.pending, timeoutMs: 30 }));
    const deadline = Date.now() + 5_000;
    while (node.state.pendingStatus.get(id(1n)) === 'pending' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    assert.equal(node.state.pendingStatus.get(id(1n)), 'expired');
    assert.equal(node.state.accounts.get(id(2n))!.debitsPending, 0n);
    await node.close();
  });

  it('refuses a command with a malformed field before it reaches a batch', async () => {
    const node = await fundedNode(dir.path(`node-${++files}.db`));
    const seq = node.headSeq;
    await assert.rejects(node.submit({ ...transfer(1n, 2n, 3n, 1n), id: 'not-hex' }), CommandShapeError);
    await assert.rejects(node.submit({ ...transfer(1n, 2n, 3n, -5n) }), CommandShapeError);
    await assert.rejects(node.submit({ ...transfer(1n, 2n, 3n, 1n), ledger: 2 ** 40 }), CommandShapeError);
    await node.drain();
    assert.equal(node.headSeq, seq);
    await node.close();
  });
});

describe('verify and start-up on a damaged journal', () => {
  const columns = {
    journal: ['seq', 'timestamp', 'prev_hash', 'hash', 'body'],
    snapshots: ['seq', 'chain_hash', 'state_hash', 'state'],
  } as const;

  it('says CORRUPT when any byte of any stored row changes, and the node refuses to start', async () => {
    const path = dir.path(`damaged-${++files}.db`);
    const node = await fundedNode(path);
    for (let i = 0; i < 5; i += 1) await node.submit(transfer(BigInt(i + 1), 2n, 3n, 1n));
    await node.close();
    // Closing checkpoints the WAL into the main file, so copying the file copies the journal.
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('journal', 'snapshots'), fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), async (table, rowPick, columnPick, bytePick, xor) => {
        const copy = dir.path(`damaged-copy-${++files}.db`);
        copyFileSync(path, copy);
        const db = new Database(copy);
        const rows = db.prepare(`SELECT rowid AS r, * FROM ${table}`).all() as Record<string, unknown>[];
        const row = rows[rowPick % rows.length]!;
        const column = columns[table][columnPick % columns[table].length]!;
        const value = row[column];
        const damaged = Buffer.isBuffer(value) ? Buffer.from(value) : null;
        if (damaged !== null) damaged[bytePick % damaged.length]! ^= xor;
        // Numbers move past every existing value: seq is a primary key, so it cannot take one in use.
        const newValue = damaged ?? (value as number) + 1_000_000 + xor;
        db.prepare(`UPDATE ${table} SET ${column} = ? WHERE rowid = ?`).run(newValue, row.r);
        db.close();
        const report = await verifyJournal(openSqliteStore({ path: copy, readonly: true }));
        assert.equal(report.ok, false, `${table}.${column} damaged, yet verify said OK`);
        await assert.rejects(openNode(copy), (error: Error) => error instanceof CorruptJournalError || error.name === 'RangeError' || error.name === 'InvariantError');
      }),
      { numRuns: 40 },
    );
  });
});

describe('snapshots under load', () => {
  it('takes snapshots even when commands never stop arriving', async () => {
    const path = dir.path(`busy-${++files}.db`);
    const node = await fundedNode(path, { snapshotEveryJournalBytes: 4_000 });
    let next = 1n;
    // Keep the queue non-empty the whole time: each acknowledgement submits the next command.
    const chains = Array.from({ length: 20 }, async () => {
      for (let i = 0; i < 40; i += 1) await node.submit(transfer(next++, 2n, 3n, 1n));
    });
    await Promise.all(chains);
    await node.close({ snapshot: false });
    const store = openSqliteStore({ path, readonly: true });
    const snapshots = await store.snapshotIndex();
    await store.close();
    assert.ok(snapshots.length >= 3, `snapshots taken under load: ${snapshots.length}`);
    assert.deepEqual(await verifyJournal(openSqliteStore({ path, readonly: true })), { ok: true, entries: node.headSeq });
  });
});

describe('a node that must stop', () => {
  it('answers every caller with the error when a journal write fails, reports it once and refuses what follows', async () => {
    const path = dir.path(`failing-${++files}.db`);
    const real = openSqliteStore({ path });
    let writesLeft = 2;
    const store = { ...real, append: (entry: Parameters<typeof real.append>[0]) => (writesLeft-- > 0 ? real.append(entry) : Promise.reject(new Error('disk full'))) };
    const failures: Error[] = [];
    const node = await LedgerNode.open({ store, onFailure: (error) => failures.push(error) });
    await node.submitTogether([account(1n, { kind: 'agent' }), settlementAccount(2n)]);
    await node.submit(transfer(1n, 1n, 2n, 5n));
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => node.submit(transfer(BigInt(100 + i), 1n, 2n, 1n))));
    assert.ok(outcomes.every((o) => o.status === 'rejected' && (o.reason as Error).message === 'disk full'));
    await assert.rejects(node.submit(transfer(200n, 1n, 2n, 1n)), /disk full/);
    assert.equal(failures.length, 1);
    await assert.rejects(node.close(), /disk full/);
    assert.deepEqual(await verifyJournal(openSqliteStore({ path, readonly: true })), { ok: true, entries: 2 });
  });

  it('stops without journaling the batch when an invariant breaks, and start-up refuses nothing that was written', async () => {
    const path = dir.path(`broken-${++files}.db`);
    const failures: Error[] = [];
    const node = await LedgerNode.open({ store: openSqliteStore({ path }), invariantsEveryBatches: 1, onFailure: (error) => failures.push(error) });
    await node.submitTogether([account(1n, { kind: 'agent' }), settlementAccount(2n)]);
    node.state.accounts.get(id(2n))!.creditsPosted += 1n; // memory corrupted: debits no longer equal credits
    await assert.rejects(node.submit(transfer(1n, 1n, 2n, 5n)), (error: Error) => error.name === 'InvariantError');
    assert.equal(failures.length, 1);
    await assert.rejects(node.close());
    const reopened = await openNode(path);
    assert.equal(reopened.headSeq, 1, 'the batch that found the corruption was not journaled');
    assert.equal(reopened.state.transfers.has(id(1n)), false);
    await reopened.close();
  });
});
