import { createHash } from 'node:crypto';
import { applyNodeBatch } from '../core/network/apply.js';
import type { NodeState } from '../core/network/state.js';
import { decodeBody, entryHash, genesisHash, type JournalEntry } from '../core/journal/index.js';
import { replayPageEntries, type SnapshotRecord, type Store } from '../store/port.js';

/** The journal or a snapshot does not match what was written: never run on it. */
export class CorruptJournalError extends Error {
  override readonly name = 'CorruptJournalError';
}

/**
 * Checks one entry against the chain and re-applies it. The stored outcomes must equal the
 * recomputed ones, or the journal (or this program) is not what wrote it.
 */
export function replayEntry(node: NodeState, entry: JournalEntry, prevHash: Buffer): void {
  const state = node.ledger;
  const where = `journal entry ${entry.seq}`;
  if (entry.seq !== state.batchesApplied + 1) throw new CorruptJournalError(`${where}: expected entry ${state.batchesApplied + 1}`);
  if (!entry.prevHash.equals(prevHash)) throw new CorruptJournalError(`${where}: previous hash does not link to entry ${entry.seq - 1}`);
  if (!entryHash(entry.prevHash, entry.seq, entry.timestamp, entry.body).equals(entry.hash)) {
    throw new CorruptJournalError(`${where}: hash does not match its contents`);
  }
  let decoded;
  try {
    decoded = decodeBody(entry.body);
  } catch (error) {
    throw new CorruptJournalError(`${where}: body does not decode (${(error as Error).message})`);
  }
  if (entry.timestamp <= state.lastTimestamp) throw new CorruptJournalError(`${where}: timestamp does not increase`);
  const outcome = applyNodeBatch(node, { timestamp: entry.timestamp, commands: decoded.commands });
  const sameResults = outcome.results.length === decoded.results.length && outcome.results.every((r, i) => r === decoded.results[i]);
  const sameExpired = outcome.expired.length === decoded.expired.length && outcome.expired.every((id, i) => id === decoded.expired[i]);
  if (!sameResults || !sameExpired) throw new CorruptJournalError(`${where}: replayed outcomes differ from the recorded ones`);
}

/** Replays every entry after the state's last one; returns the hash of the last entry applied. */
export async function replayTail(store: Store, state: NodeState, prevHash: Buffer, onEntry?: (entry: JournalEntry) => void): Promise<Buffer> {
  let hash = prevHash;
  for (;;) {
    const page = await store.entries(state.ledger.batchesApplied + 1, replayPageEntries);
    if (page.length === 0) return hash;
    for (const entry of page) {
      replayEntry(state, entry, hash);
      hash = entry.hash;
      onEntry?.(entry);
    }
  }
}

/**
 * Checks the links and hashes of entries 1..toSeq without replaying them: start-up does this
 * for the part of the journal that a snapshot stands in for, so a damaged old entry is still
 * found. It costs one SHA-256 pass over those bytes.
 */
export async function checkChain(store: Store, toSeq: number): Promise<Buffer> {
  let hash = genesisHash;
  let seq = 1;
  while (seq <= toSeq) {
    const page = await store.entries(seq, Math.min(replayPageEntries, toSeq - seq + 1));
    if (page.length === 0) throw new CorruptJournalError(`journal entry ${seq}: missing`);
    for (const entry of page) {
      const where = `journal entry ${seq}`;
      if (entry.seq !== seq) throw new CorruptJournalError(`${where}: missing (found ${entry.seq})`);
      if (!entry.prevHash.equals(hash)) throw new CorruptJournalError(`${where}: previous hash does not link to entry ${seq - 1}`);
      if (!entryHash(entry.prevHash, entry.seq, entry.timestamp, entry.body).equals(entry.hash)) {
        throw new CorruptJournalError(`${where}: hash does not match its contents`);
      }
      hash = entry.hash;
      seq += 1;
    }
  }
  return hash;
}

export function checkSnapshotIntegrity(snapshot: SnapshotRecord): void {
  const actual = createHash('sha256').update(snapshot.state).digest();
  if (!actual.equals(snapshot.stateHash)) throw new CorruptJournalError(`snapshot at entry ${snapshot.seq}: state bytes do not match their hash`);
}

export { genesisHash };
