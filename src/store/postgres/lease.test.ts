import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { encodeBody, genesisHash, sealEntry, type JournalEntry } from '../../core/journal/index.js';
import { LeaseHeldError, LeaseLostError } from './lease.js';
import { ReadOnlyStoreError } from './fenced-writes.js';
import { openPostgresStore, type PostgresStore } from './postgres-store.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from './test-support.js';

const available = await postgresAvailable();
const schemas: string[] = [];
after(async () => {
  for (const schema of schemas) await dropSchema(schema);
});

/** Short leases keep the test quick; the ratio matches the defaults. */
const testLease = { durationMs: 600, renewEveryMs: 150, pollEveryMs: 50 };

function chain(count: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let prev = genesisHash;
  for (let seq = 1; seq <= count; seq += 1) {
    entries.push(sealEntry(prev, seq, 1_000 + seq, encodeBody([], [], [])));
    prev = entries.at(-1)!.hash;
  }
  return entries;
}

function open(schema: string, nodeId: string, extra: { wait?: boolean; signal?: AbortSignal } = {}): Promise<PostgresStore> {
  return openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId, ...extra } });
}

/** Makes the holder's lease lapse at once, as if it had been paused past its expiry. */
async function expireLease(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    await client.query(`UPDATE ${schema}.sequencer_lease SET expires_at = '-infinity'`);
  } finally {
    await client.end();
  }
}

/**
 * Another node takes the lease as if its holder had been paused past its expiry: a waiting
 * standby, and the lease made to lapse until the standby has it (the holder keeps renewing, so
 * a single lapse could be renewed away before the standby's next poll on a busy machine).
 */
async function takeOver(schema: string, nodeId: string): Promise<PostgresStore> {
  let taken: PostgresStore | null = null;
  const standby = open(schema, nodeId, { wait: true }).then((store) => (taken = store));
  while (taken === null) {
    await expireLease(schema);
    await Promise.race([standby, new Promise((resolve) => setTimeout(resolve, 20))]);
  }
  return taken;
}

async function journalEpochs(schema: string): Promise<{ seq: number; epoch: number }[]> {
  const client = new pg.Client({ connectionString: testPostgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ seq: string; epoch: string }>(`SELECT seq, epoch FROM ${schema}.journal ORDER BY seq`);
    return rows.map((row) => ({ seq: Number(row.seq), epoch: Number(row.epoch) }));
  } finally {
    await client.end();
  }
}

function fresh(): string {
  schemas.push(uniqueSchema('lease'));
  return schemas.at(-1)!;
}

if (!available) {
  describe('postgres sequencer lease', () => {
    it('SKIPPED: PostgreSQL is not reachable at ' + testPostgresUrl, { skip: true }, () => undefined);
  });
} else {
  describe('postgres sequencer lease', () => {
    it('lets one node write; a second is refused, or waits as a standby and takes over when the first closes', async () => {
      const schema = fresh();
      const leader = await open(schema, 'a');
      await assert.rejects(open(schema, 'b'), LeaseHeldError);
      const standby = open(schema, 'b', { wait: true });
      await leader.append(chain(1)[0]!);
      await leader.close();
      const follower = await standby;
      assert.equal(follower.lease?.epoch, (leader.lease?.epoch ?? 0) + 1);
      await follower.append(chain(2)[1]!);
      await follower.close();
      assert.deepEqual(await journalEpochs(schema), [{ seq: 1, epoch: 1 }, { seq: 2, epoch: 2 }]);
    });

    it('fences a leader whose lease was taken over: its appends and snapshots commit nothing', async () => {
      const schema = fresh();
      const entries = chain(3);
      const lost: LeaseLostError[] = [];
      const leader = await openPostgresStore({ connectionString: testPostgresUrl, schema, lease: { ...testLease, nodeId: 'a', onLost: (e) => lost.push(e) } });
      await leader.append(entries[0]!);
      const follower = await takeOver(schema, 'b');
      await assert.rejects(leader.append(entries[1]!), LeaseLostError);
      await assert.rejects(leader.saveSnapshot({ seq: 1, chainHash: entries[0]!.hash, stateHash: Buffer.alloc(32), state: Buffer.alloc(1) }), LeaseLostError);
      assert.equal(lost.length, 1, 'onLost is called once');
      assert.ok(leader.lease?.lost instanceof LeaseLostError);
      await follower.append(entries[1]!);
      assert.deepEqual(await journalEpochs(schema), [{ seq: 1, epoch: 1 }, { seq: 2, epoch: 2 }]);
      assert.equal(await follower.latestSnapshot(), null);
      await leader.close();
      await follower.close();
    });

    it('a leader finds out by itself at its next renewal that it lost the lease', async () => {
      const schema = fresh();
      const leader = await open(schema, 'a');
      const follower = await takeOver(schema, 'b');
      const error = await leader.lease!.whenLost;
      assert.match(error.message, /taken over/);
      await leader.close();
      await follower.close();
    });

    it('a node restarting with the holder\'s id takes the lease at once and fences its predecessor', async () => {
      const schema = fresh();
      const before = await open(schema, 'a');
      const restarted = await open(schema, 'a');
      assert.equal(restarted.lease?.epoch, 2);
      await assert.rejects(before.append(chain(1)[0]!), LeaseLostError);
      await restarted.append(chain(1)[0]!);
      await before.close();
      await restarted.close();
    });

    it('a standby stops waiting when its signal aborts', async () => {
      const schema = fresh();
      const leader = await open(schema, 'a');
      const controller = new AbortController();
      const standby = open(schema, 'b', { wait: true, signal: controller.signal });
      setTimeout(() => controller.abort(new Error('shutting down')), 100);
      await assert.rejects(standby, /shutting down/);
      await leader.close();
    });

    it('renews the lease on its own connection while a long read holds the store\'s', async () => {
      const schema = fresh();
      const leader = await open(schema, 'a');
      await leader.append(chain(1)[0]!);
      const blocker = new pg.Client({ connectionString: testPostgresUrl });
      await blocker.connect();
      try {
        // The journal is locked, so the store's next read waits for three lease durations.
        await blocker.query('BEGIN');
        await blocker.query(`LOCK TABLE ${schema}.journal IN ACCESS EXCLUSIVE MODE`);
        const longRead = leader.entries(1, 10);
        const liveWhileBlocked: boolean[] = [];
        for (let round = 0; round < 3; round += 1) {
          await new Promise((resolve) => setTimeout(resolve, testLease.durationMs));
          const { rows } = await blocker.query<{ live: boolean }>(`SELECT expires_at > clock_timestamp() AS live FROM ${schema}.sequencer_lease WHERE epoch = $1`, [leader.lease!.epoch]);
          liveWhileBlocked.push(rows[0]?.live === true);
        }
        await blocker.query('COMMIT');
        assert.equal((await longRead).length, 1, 'the long read completes once the lock is gone');
        assert.deepEqual(liveWhileBlocked, [true, true, true], 'the lease stayed renewed while the read waited');
        assert.equal(leader.lease!.lost, null);
      } finally {
        await blocker.end();
      }
      await leader.close();
    });

    it('a read-only store takes no lease and refuses writes', async () => {
      const schema = fresh();
      const leader = await open(schema, 'a');
      const reader = await openPostgresStore({ connectionString: testPostgresUrl, schema, readonly: true });
      assert.equal(reader.lease, null);
      await assert.rejects(reader.append(chain(1)[0]!), ReadOnlyStoreError);
      await leader.append(chain(1)[0]!);
      assert.equal((await reader.head())?.seq, 1);
      await reader.close();
      await leader.close();
    });
  });
}
