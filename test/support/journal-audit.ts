import { createHash } from 'node:crypto';
import { decodeBody, encodeState } from '../../src/core/journal/index.js';
import { applyNodeBatch } from '../../src/core/network/apply.js';
import { createNodeState } from '../../src/core/network/state.js';
import { openStore } from '../../src/store/open-store.js';

export interface JournalAudit {
  /** How many times each transfer id was created with outcome ok. */
  readonly createdOk: Map<string, number>;
  /** SHA-256 of the state that replaying the journal from empty gives. */
  readonly replayHash: Buffer;
}

/** One pass over a journal, as an auditor would make it: what was created, and what replay gives. */
export async function auditJournal(location: string): Promise<JournalAudit> {
  const store = await openStore(location, { readonly: true });
  const createdOk = new Map<string, number>();
  const state = createNodeState();
  try {
    for (let from = 1; ; ) {
      const entries = await store.entries(from, 256);
      if (entries.length === 0) break;
      for (const entry of entries) {
        const { commands, results } = decodeBody(entry.body);
        commands.forEach((c, i) => {
          if (c.type === 'create_transfer' && results[i] === 'ok') createdOk.set(c.id, (createdOk.get(c.id) ?? 0) + 1);
        });
        applyNodeBatch(state, { timestamp: entry.timestamp, commands });
        from = entry.seq + 1;
      }
    }
  } finally {
    await store.close();
  }
  return { createdOk, replayHash: createHash('sha256').update(encodeState(state)).digest() };
}
