import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { encodeBody, genesisHash, sealEntry, type JournalEntry } from '../core/journal/index.js';
import { StoreConflictError, type Store } from './port.js';

/** A store factory gives a fresh, empty store each call, and can reopen the last one. */
export interface StoreFactory {
  readonly fresh: () => Promise<Store>;
  readonly reopen: () => Promise<Store>;
}

function chain(count: number): JournalEntry[] {
  const entries: JournalEntry[] = [];
  let prev = genesisHash;
  for (let seq = 1; seq <= count; seq += 1) {
    const entry = sealEntry(prev, seq, 1_000 + seq, encodeBody([], [], []));
    entries.push(entry);
    prev = entry.hash;
  }
  return entries;
}

/** Opens a store, runs the check, and closes the store even when the check fails. */
async function withStore(open: () => Promise<Store>, check: (store: Store) => Promise<void>): Promise<void> {
  const store = await open();
  try {
    await check(store);
  } finally {
    await store.close();
  }
}

/** Every store adapter passes these, against a real database. */
export function storeConformance(name: string, factory: StoreFactory): void {
  void describe(`${name} store conformance`, () => {
    void it('starts empty', () =>
      withStore(factory.fresh, async (store) => {
        assert.equal(await store.head(), null);
        assert.deepEqual(await store.entries(1, 10), []);
        assert.equal(await store.latestSnapshot(), null);
      }));

    void it('appends entries in order and reads them back byte for byte, also after reopening', async () => {
      const entries = chain(5);
      await withStore(factory.fresh, async (store) => {
        for (const entry of entries) await store.append(entry);
        assert.deepEqual(await store.head(), { seq: 5, hash: entries[4]!.hash });
      });
      await withStore(factory.reopen, async (reopened) => {
        assert.deepEqual(await reopened.head(), { seq: 5, hash: entries[4]!.hash });
        assert.deepEqual(await reopened.entries(1, 100), entries);
        assert.deepEqual(await reopened.entries(4, 1), [entries[3]]);
      });
    });

    void it('refuses an entry that is not the next one and keeps the journal as it was', () =>
      withStore(factory.fresh, async (store) => {
        const entries = chain(3);
        await store.append(entries[0]!);
        await assert.rejects(store.append(entries[2]!), StoreConflictError);
        await assert.rejects(store.append(entries[0]!), StoreConflictError);
        assert.equal((await store.head())?.seq, 1);
        assert.equal((await store.entries(1, 10)).length, 1);
      }));

    void it('keeps snapshots and returns the latest, the index and one by seq', () =>
      withStore(factory.fresh, async (store) => {
        const entries = chain(3);
        for (const entry of entries) await store.append(entry);
        const first = { seq: 1, chainHash: entries[0]!.hash, stateHash: Buffer.alloc(32, 1), state: Buffer.from('one') };
        const third = { seq: 3, chainHash: entries[2]!.hash, stateHash: Buffer.alloc(32, 3), state: Buffer.from('three') };
        await store.saveSnapshot(first);
        await store.saveSnapshot(third);
        assert.deepEqual(await store.latestSnapshot(), third);
        assert.deepEqual(await store.snapshotAt(1), first);
        assert.equal(await store.snapshotAt(2), null);
        assert.deepEqual((await store.snapshotIndex()).map((s) => s.seq), [1, 3]);
      }));
  });
}
