/**
 * Hot takeover: the standby's follower hands its state (replayed from the shared journal) to the
 * sequencer that takes over, which checks it against the journal and replays only the entries
 * after it, reading no snapshot. The result equals the old leader's state; a state that does
 * not match the journal is refused.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { JournalFollower } from '../../src/cluster/follower.js';
import { account, settlementAccount, transfer } from '../../src/core/ledger/test-support/commands.js';
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { CorruptJournalError } from '../../src/sequencer/replay.js';
import type { Store } from '../../src/store/port.js';
import { openPostgresStore } from '../../src/store/postgres/postgres-store.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from '../../src/store/postgres/test-support.js';

const available = await postgresAvailable();
const schemas: string[] = [];
after(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

const testLease = { durationMs: 2_000, renewEveryMs: 500, pollEveryMs: 50 };

/** The store, counting what is read from it. */
function counting(store: Store): { store: Store; snapshotsRead: () => number; entriesRead: () => number } {
  let snapshots = 0;
  let entries = 0;
  return {
    store: {
      ...store,
      latestSnapshot: () => ((snapshots += 1), store.latestSnapshot()),
      entries: async (fromSeq, limit) => {
        const page = await store.entries(fromSeq, limit);
        entries += page.length;
        return page;
      },
    },
    snapshotsRead: () => snapshots,
    entriesRead: () => entries,
  };
}

/** Ten batches of transfers between two funded accounts, starting at transfer id `from`. */
async function pay(node: LedgerNode, from: number, batches: number): Promise<void> {
  for (let b = 0; b < batches; b += 1) {
    await node.submitTogether(Array.from({ length: 10 }, (_, i) => transfer(BigInt(from + b * 10 + i), 2n, 3n, 1n)));
  }
}

if (!available) {
  describe('hot takeover', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
} else {
  describe('hot takeover', () => {
    it('the new sequencer starts from the follower’s state, replays only the tail after it, and equals the old leader', { timeout: 30_000 }, async () => {
      const schema = uniqueSchema('hot');
      schemas.push(schema);
      const location = `${testPostgresUrl}?schema=${schema}`;
      const leader = await LedgerNode.open({ store: await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId: 'hot-a' } }) });
      await leader.submitTogether([account(1n, { kind: 'agent' }), settlementAccount(2n), settlementAccount(3n)]);
      await leader.submitTogether([transfer(100n, 1n, 2n, 100_000n), transfer(101n, 1n, 3n, 100_000n)]);
      await pay(leader, 1_000, 5);
      await leader.snapshot();
      await pay(leader, 2_000, 3);

      // The follower loads the snapshot and the tail; it does not poll by itself during the test.
      const follower = await JournalFollower.open({ location, pollEveryMs: 60_000 });
      await pay(leader, 3_000, 4);
      const handed = await follower.handOver();
      assert.ok(handed !== null);
      assert.equal(handed.state.ledger.batchesApplied, leader.headSeq, 'handing over catches up with the journal first');
      // Entries the old leader committed after the handover (its last moments before dying).
      await pay(leader, 4_000, 2);
      const leaderHash = leader.stateHash();
      const leaderSeq = leader.headSeq;
      await leader.close({ snapshot: false });

      const reads = counting(await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId: 'hot-b' } }));
      const taken = await LedgerNode.openFrom({ store: reads.store }, handed);
      assert.equal(taken.node, handed.state, 'the very state object, not a copy');
      assert.equal(taken.headSeq, leaderSeq);
      assert.deepEqual(taken.stateHash(), leaderHash, 'the same state as the old leader');
      assert.equal(reads.snapshotsRead(), 0, 'no snapshot read');
      // The entry it stood on (one, to check its hash) and the two-entry tail.
      assert.equal(reads.entriesRead(), 3);
      assert.equal(follower.headSeq, leaderSeq, 'the follower (same object) is not read from after the handover');
      await assert.rejects(follower.readBarrier(), { name: 'LedgerClosedError' });

      // It writes on: the chain continues and a cold open agrees with it.
      await pay(taken, 5_000, 1);
      const takenHash = taken.stateHash();
      await taken.close();
      const cold = await LedgerNode.open({ store: await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId: 'hot-c' } }) });
      assert.deepEqual(cold.stateHash(), takenHash);
      await cold.close();
    });

    it('refuses a handed state that is not the journal’s, and closes the store (releasing the lease)', { timeout: 30_000 }, async () => {
      const schema = uniqueSchema('hotbad');
      schemas.push(schema);
      const location = `${testPostgresUrl}?schema=${schema}`;
      const leader = await LedgerNode.open({ store: await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId: 'bad-a' } }) });
      await leader.submitTogether([account(1n, { kind: 'agent' }), settlementAccount(2n), settlementAccount(3n)]);
      await leader.submitTogether([transfer(100n, 1n, 2n, 100_000n), transfer(101n, 1n, 3n, 100_000n)]);
      await pay(leader, 1_000, 2);
      await leader.close();

      const follower = await JournalFollower.open({ location, pollEveryMs: 60_000 });
      const handed = (await follower.handOver())!;
      const forged = { state: handed.state, headHash: Buffer.alloc(32, 7) };
      const store = await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId: 'bad-b' } });
      await assert.rejects(LedgerNode.openFrom({ store }, forged), CorruptJournalError);
      // The lease was released by the close: another node takes it at once.
      const next = await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId: 'bad-c' } });
      await next.close();
    });
  });
}
