import type { JournalEntry } from '../core/journal/index.js';

/** A saved copy of the whole ledger state after journal entry `seq`, so start-up replays only the tail. */
export interface SnapshotRecord {
  readonly seq: number;
  /** The hash of journal entry `seq`: ties the snapshot to the chain. */
  readonly chainHash: Buffer;
  /** SHA-256 of `state`, which is the canonical state encoding. */
  readonly stateHash: Buffer;
  readonly state: Buffer;
}

export interface JournalHead {
  readonly seq: number;
  readonly hash: Buffer;
}

/**
 * The storage port. The journal is the single source of truth; snapshots are a cache of it.
 * Every adapter passes the conformance suite in `conformance.ts`.
 */
export interface Store {
  readonly engine: 'sqlite' | 'postgres';
  /** The last entry, or null for an empty journal. */
  head(): Promise<JournalHead | null>;
  /** Appends one entry; durable (fsynced) when the promise resolves. Refuses a seq that is not head + 1. */
  append(entry: JournalEntry): Promise<void>;
  /** Entries with seq >= fromSeq, in order, at most `limit`. */
  entries(fromSeq: number, limit: number): Promise<JournalEntry[]>;
  saveSnapshot(snapshot: SnapshotRecord): Promise<void>;
  latestSnapshot(): Promise<SnapshotRecord | null>;
  /** Every snapshot's seq and hashes (without the state bytes), oldest first. */
  snapshotIndex(): Promise<Omit<SnapshotRecord, 'state'>[]>;
  snapshotAt(seq: number): Promise<SnapshotRecord | null>;
  close(): Promise<void>;
}

/** Journal entries read per round trip during replay and verification. */
export const replayPageEntries = 64;

/** A write another writer's work made impossible (a seq that is not next, a lease taken over). */
export class StoreConflictError extends Error {
  override readonly name: string = 'StoreConflictError';
}
