import { replayPageEntries, type Store } from './port.js';

/** The target already holds a journal or snapshots: a copy would mix two histories. */
export class TargetNotEmptyError extends Error {
  override readonly name = 'TargetNotEmptyError';
}

export interface CopyReport {
  readonly entries: number;
  readonly snapshots: number;
}

/**
 * Copies every journal entry, byte for byte and in order, then every snapshot, from one store
 * into an empty one. Entries keep their seq, timestamp and hashes, so the copy's chain is the
 * source's chain. Verification is the caller's job (`verifyJournal` on both ends).
 */
export async function copyStore(from: Store, to: Store): Promise<CopyReport> {
  const head = await to.head();
  if (head !== null) throw new TargetNotEmptyError(`the target journal is not empty (it ends at entry ${head.seq})`);
  if ((await to.snapshotIndex()).length > 0) throw new TargetNotEmptyError('the target holds snapshots');
  let entries = 0;
  for (let seq = 1; ; ) {
    const page = await from.entries(seq, replayPageEntries);
    if (page.length === 0) break;
    // Both adapters apply appends in the order they were issued, so a page goes out at once
    // and costs one wait instead of one per entry.
    const written = await Promise.allSettled(page.map((entry) => to.append(entry)));
    const failed = written.find((result) => result.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    entries += page.length;
    seq = page.at(-1)!.seq + 1;
  }
  const index = await from.snapshotIndex();
  for (const { seq } of index) {
    const snapshot = await from.snapshotAt(seq);
    if (snapshot !== null) await to.saveSnapshot(snapshot);
  }
  return { entries, snapshots: index.length };
}
