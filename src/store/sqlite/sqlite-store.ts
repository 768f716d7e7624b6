import Database from 'better-sqlite3';
import type { JournalEntry } from '../../core/journal/index.js';
import { StoreConflictError, type JournalHead, type SnapshotRecord, type Store } from '../port.js';
import { migrate } from './migrations.js';
import { startWriterThread, type WriterThread } from './writer-thread.js';

export interface SqliteStoreOptions {
  readonly path: string;
  /** FULL makes every commit survive power loss (fsync of the WAL); NORMAL only a process crash. */
  readonly synchronous?: 'FULL' | 'NORMAL';
  readonly readonly?: boolean;
  /**
   * Write on a thread of its own (the default for a writable store): appends then resolve
   * when durable without blocking the event loop. Reads stay on this thread (WAL readers).
   */
  readonly writerThread?: boolean;
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
  const writer: WriterThread | null = !options.readonly && (options.writerThread ?? true) ? startWriterThread(options.path, options.synchronous ?? 'FULL') : null;
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
      cachedHead = { seq: entry.seq, hash: entry.hash };
      if (writer === null) {
        appendTransaction(entry);
        return Promise.resolve();
      }
      // The primary key refuses a second entry with the same seq, so another writer cannot fork the chain.
      return writer.request('append', { entry: { seq: entry.seq, timestamp: entry.timestamp, prevHash: entry.prevHash, hash: entry.hash, body: entry.body } });
    },
    entries(fromSeq, limit) {
      const rows = selectEntries.all(fromSeq, limit) as EntryRow[];
      return Promise.resolve(rows.map((row) => ({ seq: row.seq, timestamp: row.timestamp, prevHash: row.prev_hash, hash: row.hash, body: row.body })));
    },
    saveSnapshot(snapshot) {
      if (writer !== null) return writer.request('snapshot', { snapshot });
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
    async close() {
      if (writer !== null) {
        await writer.request('close', {});
        await writer.terminate();
      }
      db.close();
    },
  };
}

function toSnapshot(row: SnapshotRow): SnapshotRecord {
  return { seq: row.seq, chainHash: row.chain_hash, stateHash: row.state_hash, state: row.state ?? Buffer.alloc(0) };
}
