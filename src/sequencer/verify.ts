import { assertLedgerInvariants } from '../core/ledger/index.js';
import { assertNetworkInvariants } from '../core/network/invariants.js';
import { createNodeState } from '../core/network/state.js';
import { stateHash } from '../core/journal/index.js';
import type { Store } from '../store/port.js';
import { checkSnapshotIntegrity, CorruptJournalError, genesisHash, replayTail } from './replay.js';

export type VerifyReport = { ok: true; entries: number } | { ok: false; where: string };

/**
 * An auditor's check: the hash chain links from the first entry to the last, every entry's
 * recorded outcomes are what replaying it gives, the invariants hold, and every snapshot
 * equals the state that replay from empty reaches at its entry.
 */
export async function verifyJournal(store: Store): Promise<VerifyReport> {
  try {
    return await verifyOpenJournal(store);
  } finally {
    await store.close();
  }
}

async function verifyOpenJournal(store: Store): Promise<VerifyReport> {
  try {
    const snapshots = await store.snapshotIndex();
    let nextSnapshot = 0;
    const state = createNodeState();
    let snapshotError: string | null = null;
    await replayTail(store, state, genesisHash, (entry) => {
      while (nextSnapshot < snapshots.length && snapshots[nextSnapshot]!.seq === entry.seq) {
        const snapshot = snapshots[nextSnapshot]!;
        if (!snapshot.chainHash.equals(entry.hash)) snapshotError ??= `snapshot at entry ${entry.seq}: chain hash differs from the journal`;
        else if (!stateHash(state).equals(snapshot.stateHash)) snapshotError ??= `snapshot at entry ${entry.seq}: state differs from the replay`;
        nextSnapshot += 1;
      }
    });
    assertLedgerInvariants(state.ledger);
    assertNetworkInvariants(state, { deep: true });
    if (nextSnapshot < snapshots.length) return { ok: false, where: `snapshot at entry ${snapshots[nextSnapshot]!.seq}: beyond the journal` };
    if (snapshotError !== null) return { ok: false, where: snapshotError };
    for (const { seq } of snapshots) {
      const snapshot = await store.snapshotAt(seq);
      if (snapshot === null) return { ok: false, where: `snapshot at entry ${seq}: unreadable` };
      checkSnapshotIntegrity(snapshot);
    }
    return { ok: true, entries: state.ledger.batchesApplied };
  } catch (error) {
    if (error instanceof CorruptJournalError) return { ok: false, where: error.message };
    if (error instanceof Error) return { ok: false, where: `${error.name}: ${error.message}` };
    throw error;
  }
}
