import pg from 'pg';
import type { JournalHead, SnapshotRecord, Store } from '../port.js';
import { appendFenced, saveSnapshotFenced } from './fenced-writes.js';
import { acquireLease, type Lease, type LeaseOptions } from './lease.js';
import { migratePostgres } from './migrations.js';
import { serialQueries, type Queryable } from './serial.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** The schema holding Corridor's tables, so several networks (or tests) share one database. */
  readonly schema?: string;
  /** Reads only (verify, the source of a copy): takes no lease and refuses every write. */
  readonly readonly?: boolean;
  /** The sequencer lease every writable store holds (see lease.ts for the defaults). */
  readonly lease?: LeaseOptions;
}

/** A PostgreSQL store, with the lease it writes under (null when read-only). */
export interface PostgresStore extends Store {
  readonly engine: 'postgres';
  readonly lease: Lease | null;
}

interface EntryRow {
  seq: string;
  timestamp: string;
  prev_hash: Buffer;
  hash: Buffer;
  body: Buffer;
}

interface SnapshotRow {
  seq: string;
  chain_hash: Buffer;
  state_hash: Buffer;
  state?: Buffer;
}

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Journal and snapshots in PostgreSQL: every append is committed (fsync on) before it resolves.
 * A writable store first takes the sequencer lease (waiting as a standby if asked to), and
 * every write is fenced by the lease's epoch, so only one node of a cluster ever writes.
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<PostgresStore> {
  const schema = options.schema ?? 'corridor';
  if (!schemaPattern.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not a plain identifier`);
  const client = new pg.Client({ connectionString: options.connectionString });
  let leaseClient: pg.Client | null = null;
  await client.connect();
  try {
    await migratePostgres(client, schema);
    await client.query(`SET search_path TO ${schema}`);
    const queries = serialQueries(client);
    let lease: Lease | null = null;
    if (options.readonly !== true) {
      // The lease has a connection of its own: a renewal must never queue behind a long read
      // (a snapshot being loaded, a page of the journal) or a burst of appends on the store's.
      leaseClient = new pg.Client({ connectionString: options.connectionString });
      // A dropped lease connection shows up as a failed renewal (a loss), not as a crash.
      leaseClient.on('error', () => undefined);
      await leaseClient.connect();
      await leaseClient.query(`SET search_path TO ${schema}`);
      lease = await acquireLease(serialQueries(leaseClient), options.lease);
    }
    return storeOn([client, ...(leaseClient === null ? [] : [leaseClient])], queries, lease);
  } catch (error) {
    await leaseClient?.end().catch(() => undefined);
    await client.end();
    throw error;
  }
}

function storeOn(connections: readonly pg.Client[], client: Queryable, lease: Lease | null): PostgresStore {
  let cachedHead: JournalHead | null | undefined;
  let closed = false;
  const readHead = async (): Promise<JournalHead | null> => {
    if (cachedHead === undefined) {
      const { rows } = await client.query<{ seq: string; hash: Buffer }>('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
      const row = rows[0];
      cachedHead = row === undefined ? null : { seq: Number(row.seq), hash: row.hash };
    }
    return cachedHead;
  };
  return {
    engine: 'postgres',
    lease,
    head: readHead,
    async append(entry) {
      try {
        await appendFenced(client, lease, entry);
      } catch (error) {
        cachedHead = undefined;
        throw error;
      }
      cachedHead = { seq: entry.seq, hash: entry.hash };
    },
    async entries(fromSeq, limit) {
      const { rows } = await client.query<EntryRow>(
        'SELECT seq, timestamp, prev_hash, hash, body FROM journal WHERE seq >= $1 ORDER BY seq LIMIT $2',
        [fromSeq, limit],
      );
      return rows.map((row) => ({ seq: Number(row.seq), timestamp: Number(row.timestamp), prevHash: row.prev_hash, hash: row.hash, body: row.body }));
    },
    saveSnapshot: (snapshot) => saveSnapshotFenced(client, lease, snapshot),
    async latestSnapshot() {
      const { rows } = await client.query<SnapshotRow>('SELECT seq, chain_hash, state_hash, state FROM snapshots ORDER BY seq DESC LIMIT 1');
      return rows[0] === undefined ? null : toSnapshot(rows[0]);
    },
    async snapshotIndex() {
      const { rows } = await client.query<SnapshotRow>('SELECT seq, chain_hash, state_hash FROM snapshots ORDER BY seq');
      return rows.map((row) => ({ seq: Number(row.seq), chainHash: row.chain_hash, stateHash: row.state_hash }));
    },
    async snapshotAt(seq) {
      const { rows } = await client.query<SnapshotRow>('SELECT seq, chain_hash, state_hash, state FROM snapshots WHERE seq = $1', [seq]);
      return rows[0] === undefined ? null : toSnapshot(rows[0]);
    },
    async close() {
      // Idempotent: a node that failed may be closed by its runner and again by its owner.
      if (closed) return;
      closed = true;
      try {
        await lease?.release();
      } finally {
        await Promise.allSettled(connections.map((connection) => connection.end()));
      }
    },
  };
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return { seq: Number(row.seq), chainHash: row.chain_hash, stateHash: row.state_hash, state: row.state ?? Buffer.alloc(0) };
}
