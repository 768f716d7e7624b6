import type { Queryable } from './serial.js';
import type { JournalEntry } from '../../core/journal/index.js';
import { StoreConflictError, type SnapshotRecord } from '../port.js';
import { describeLease, LeaseLostError, type Lease } from './lease.js';

/**
 * Fencing: each write locks the lease row FOR SHARE and checks that it still carries the
 * writer's epoch, in the same statement as the write. A standby's takeover (an UPDATE of that
 * row) therefore waits for any write in flight to commit, and every write after the takeover
 * sees the new epoch and inserts nothing. A paused old leader cannot commit once it is resumed.
 * One statement, so fencing costs no extra round trip.
 */
const appendSql = `
  WITH fence AS (SELECT 1 FROM sequencer_lease WHERE id = 1 AND epoch = $6 FOR SHARE)
  INSERT INTO journal (seq, timestamp, prev_hash, hash, body, epoch)
  SELECT $1::bigint, $2::bigint, $3::bytea, $4::bytea, $5::bytea, $6::bigint
  WHERE EXISTS (SELECT 1 FROM fence) AND coalesce((SELECT max(seq) FROM journal), 0) = $1::bigint - 1`;

const snapshotSql = `
  WITH fence AS (SELECT 1 FROM sequencer_lease WHERE id = 1 AND epoch = $5 FOR SHARE)
  INSERT INTO snapshots (seq, chain_hash, state_hash, state, epoch)
  SELECT $1::bigint, $2::bytea, $3::bytea, $4::bytea, $5::bigint WHERE EXISTS (SELECT 1 FROM fence)
  ON CONFLICT (seq) DO UPDATE SET chain_hash = EXCLUDED.chain_hash, state_hash = EXCLUDED.state_hash, state = EXCLUDED.state, epoch = EXCLUDED.epoch`;

export class ReadOnlyStoreError extends Error {
  override readonly name = 'ReadOnlyStoreError';
}

function writable(lease: Lease | null): Lease {
  if (lease === null) throw new ReadOnlyStoreError('this PostgreSQL store was opened read-only');
  if (lease.lost !== null) throw lease.lost;
  return lease;
}

/** After a write inserted nothing: was the lease taken over (then the node must stop), or was the seq wrong? */
async function fenceError(client: Queryable, lease: Lease, what: string): Promise<LeaseLostError | null> {
  const now = await describeLease(client);
  if (now.epoch === lease.epoch) return null;
  const error = new LeaseLostError(`${what} refused: node ${JSON.stringify(lease.nodeId)} no longer holds the sequencer lease (its epoch ${lease.epoch}; lease now ${now.text})`);
  lease.markLost(error);
  return error;
}

/** Appends one entry if, and only if, this node still holds the lease and the seq is head + 1. */
export async function appendFenced(client: Queryable, lease: Lease | null, entry: JournalEntry): Promise<void> {
  const held = writable(lease);
  const result = await client.query(appendSql, [entry.seq, entry.timestamp, entry.prevHash, entry.hash, entry.body, held.epoch]);
  if (result.rowCount === 1) return;
  throw (await fenceError(client, held, `journal entry ${entry.seq}`)) ?? new StoreConflictError(`journal entry ${entry.seq} is not the next one`);
}

export async function saveSnapshotFenced(client: Queryable, lease: Lease | null, snapshot: SnapshotRecord): Promise<void> {
  const held = writable(lease);
  const result = await client.query(snapshotSql, [snapshot.seq, snapshot.chainHash, snapshot.stateHash, snapshot.state, held.epoch]);
  if (result.rowCount === 1) return;
  throw (await fenceError(client, held, `snapshot at entry ${snapshot.seq}`)) ?? new StoreConflictError(`snapshot at entry ${snapshot.seq} was not written`);
}
