/**
 * Screening again after a list change goes on by itself: with more waiting payments than one
 * batch screens (rescreensPerBatchMax), the sequencer commits empty batches until none is left,
 * with nothing else submitted; the journal verifies and a reopened node has the same state.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { rescreensPerBatchMax } from '../core/network/rescreen.js';
import { bank, networkSetup, payment } from '../core/network/test-support/commands.js';
import { importList, listEntry } from '../core/network/test-support/screening-commands.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { LedgerNode } from './ledger-node.js';
import { tempDir } from './test-support/temp-db.js';
import { verifyJournal } from './verify.js';

const dir = tempDir();
after(dir.cleanup);

describe('re-screening driven by the sequencer', () => {
  it('screens every waiting payment again in bounded batches, with nothing else submitted; replay agrees', async () => {
    const path = dir.path('rescreen.db');
    const node = await LedgerNode.open({ store: openSqliteStore({ path }) });
    await node.submitTogether(networkSetup());
    // A has no liquidity: every payment waits in its queue.
    const count = rescreensPerBatchMax * 2 + 5;
    const waiting = Array.from({ length: count }, (_, i) => ({ ...payment({ seed: `seq-${i}`, from: bank.A, to: bank.B, amount: 5n }), creditorName: 'Jane Roe' }));
    const submitted = await node.submitTogether(waiting);
    assert.ok(submitted.every((o) => o.result === 'accepted'));
    assert.ok(waiting.every((p) => node.network.payments.get(p.uetr)!.status === 'queued'));
    const before = node.headSeq;
    const imported = await node.submitTogether(importList('NEW', 'v1', [listEntry('NEW', 'N-1', 'Jane Roe')]));
    assert.ok(imported.every((o) => o.result === 'accepted'));
    // No further command: empty batches carry the rest (the wait is bounded only so a bug fails the test).
    const deadline = Date.now() + 60_000;
    while (node.network.screening.rescreen.length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await node.drain();
    assert.deepEqual(node.network.screening.rescreen, []);
    assert.ok(waiting.every((p) => node.network.payments.get(p.uetr)!.status === 'held'));
    // The import's batch and at least two empty ones.
    assert.ok(node.headSeq >= before + 3, `${node.headSeq - before} batches`);
    const live = node.stateHash();
    await node.close({ snapshot: false });
    const reopened = await LedgerNode.open({ store: openSqliteStore({ path }) });
    assert.ok(reopened.stateHash().equals(live));
    await reopened.close();
    assert.deepEqual(await verifyJournal(openSqliteStore({ path, readonly: true })), { ok: true, entries: node.headSeq });
  });
});
