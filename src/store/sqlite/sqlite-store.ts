import Database from 'better-sqlite3';
import type { JournalEntry } from '../../core/journal/index.js';
import { StoreConflictError, type JournalHead, type SnapshotRecord, type Store } from '../port.js';
import { migrate } from './migrations.js';

export interface SqliteStoreOptions {
  readonly path: string;
  /** FULL makes every commit survive power loss (fsync of the WAL); NORMAL only a process crash. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly readonly?: boolean;
}

interface EntryRow {
  seq: number;
  timestamp: number;
  prev_hash: Buffer;
  hash: Buffer;
  body: Buffer;
}

interface SnapshotRow {
  seq: number;
  chain_hash: Buffer;
  state_hash: Buffer;
  state?: Buffer;
}

/** Journal and snapshots in one SQLite file (WAL mode): zero setup, one fsync per batch. */
export function openSqliteStore(options: SqliteStoreOptions): Store {
  const db = new Database(options.path, { readonly: options.readonly ?? false });
  if (!options.readonly) {
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    migrate(db);
  }
  db.defaultSafeIntegers(false);
  const insertEntry = db.prepare('INSERT INTO journal (seq, timestamp, prev_hash, hash, body) VALUES (?, ?, ?, ?, ?)');
  const selectHead = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const selectEntries = db.prepare('SELECT seq, timestamp, prev_hash, hash, body FROM journal WHERE seq >= ? ORDER BY seq LIMIT ?');
  const insertSnapshot = db.prepare('INSERT OR REPLACE INTO snapshots (seq, chain_hash, state_hash, state) VALUES (?, ?, ?, ?)');
  const selectLatestSnapshot = db.prepare('SELECT seq, chain_hash, state_hash, state FROM snapshots ORDER BY seq DESC LIMIT 1');
  const selectSnapshotIndex = db.prepare('SELECT seq, chain_hash, state_hash FROM snapshots ORDER BY seq');
  const selectSnapshotAt = db.prepare('SELECT seq, chain_hash, state_hash, state FROM snapshots WHERE seq = ?');
  let cachedHead: JournalHead | null | undefined;

  const readHead = (): JournalHead | null => {
    if (cachedHead === undefined) {
      const row = selectHead.get() as { seq: number; hash: Buffer } | undefined;
      cachedHead = row === undefined ? null : { seq: row.seq, hash: row.hash };
    }
    return cachedHead;
  };

  const appendTransaction = db.transaction((entry: JournalEntry) => {
    insertEntry.run(entry.seq, entry.timestamp, entry.prevHash, entry.hash, entry.body);
  });

  return {
    engine: 'sqlite',
    head: () => Promise.resolve(readHead()),
    append(entry) {
      const head = readHead();
      const expected = (head?.seq ?? 0) + 1;
      if (entry.seq !== expected) return Promise.reject(new StoreConflictError(`journal entry ${entry.seq} is not the next (${expected})`));
      appendTransaction(entry);
      cachedHead = { seq: entry.seq, hash: entry.hash };
      return Promise.resolve();
    },
    entries(fromSeq, limit) {
      const rows = selectEntries.all(fromSeq, limit) as EntryRow[];
      return Promise.resolve(rows.map((row) => ({ seq: row.seq, timestamp: row.timestamp, prevHash: row.prev_hash, hash: row.hash, body: row.body })));
    },
    saveSnapshot(snapshot) {
      insertSnapshot.run(snapshot.seq, snapshot.chainHash, snapshot.stateHash, snapshot.state);
      return Promise.resolve();
    },
    latestSnapshot() {
      const row = selectLatestSnapshot.get() as SnapshotRow | undefined;
      return Promise.resolve(row === undefined ? null : toSnapshot(row));
    },
    snapshotIndex() {
      const rows = selectSnapshotIndex.all() as SnapshotRow[];
      return Promise.resolve(rows.map((row) => ({ seq: row.seq, chainHash: row.chain_hash, stateHash: row.state_hash })));
    },
    snapshotAt(seq) {
      const row = selectSnapshotAt.get(seq) as SnapshotRow | undefined;
      return Promise.resolve(row === undefined ? null : toSnapshot(row));
    },
    close() {
      db.close();
      return Promise.resolve();
    },
  };
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return { seq: row.seq, chainHash: row.chain_hash, stateHash: row.state_hash, state: row.state ?? Buffer.alloc(0) };
}
