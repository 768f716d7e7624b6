import pg from 'pg';
import type { JournalEntry } from '../../core/journal/index.js';
import { StoreConflictError, type JournalHead, type SnapshotRecord, type Store } from '../port.js';
import { migratePostgres } from './migrations.js';

export interface PostgresStoreOptions {
  readonly connectionString: string;
  /** The schema holding Corridor's tables, so several networks (or tests) share one database. */
  readonly schema?: string;
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

/** Journal and snapshots in PostgreSQL: every append is committed (fsync on) before it resolves. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const schema = options.schema ?? 'corridor';
  if (!schemaPattern.test(schema)) throw new Error(`schema name ${JSON.stringify(schema)} is not a plain identifier`);
  const client = new pg.Client({ connectionString: options.connectionString });
  await client.connect();
  await migratePostgres(client, schema);
  await client.query(`SET search_path TO ${schema}`);
  let cachedHead: JournalHead | null | undefined;

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
    head: readHead,
    async append(entry: JournalEntry) {
      // The seq check runs in the database, so a second writer can never fork the chain.
      const result = await client.query(
        `INSERT INTO journal (seq, timestamp, prev_hash, hash, body)
         SELECT $1::bigint, $2::bigint, $3::bytea, $4::bytea, $5::bytea
         WHERE coalesce((SELECT max(seq) FROM journal), 0) = $1::bigint - 1`,
        [entry.seq, entry.timestamp, entry.prevHash, entry.hash, entry.body],
      );
      if (result.rowCount !== 1) {
        cachedHead = undefined;
        throw new StoreConflictError(`journal entry ${entry.seq} is not the next one`);
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
    async saveSnapshot(snapshot) {
      await client.query(
        `INSERT INTO snapshots (seq, chain_hash, state_hash, state) VALUES ($1, $2, $3, $4)
         ON CONFLICT (seq) DO UPDATE SET chain_hash = EXCLUDED.chain_hash, state_hash = EXCLUDED.state_hash, state = EXCLUDED.state`,
        [snapshot.seq, snapshot.chainHash, snapshot.stateHash, snapshot.state],
      );
    },
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
      await client.end();
    },
  };
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return { seq: Number(row.seq), chainHash: row.chain_hash, stateHash: row.state_hash, state: row.state ?? Buffer.alloc(0) };
}
