import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { LedgerNode } from '../../src/sequencer/ledger-node.js';
import { verifyJournal } from '../../src/sequencer/verify.js';
import { tempDir } from '../../src/sequencer/test-support/temp-db.js';
import { openStore } from '../../src/store/open-store.js';
import { crashRepeatedly } from '../support/crash-harness.js';
import { auditJournal } from '../support/journal-audit.js';
import { dropSchema, postgresAvailable, testPostgresUrl, uniqueSchema } from '../../src/store/postgres/test-support.js';

const crashesPerRunSqlite = 20;
const crashesPerRunPostgres = 10;
const childScript = fileURLToPath(new URL('./load-child.ts', import.meta.url));
const dir = tempDir('corridor-crash-');
after(dir.cleanup);

/** Kills a loaded node `crashes` times, then checks everything it acknowledged against the journal. */
async function crashAndCheck(location: string, crashes: number): Promise<void> {
  const acknowledged = await crashRepeatedly(childScript, location, crashes, { seed: 7, killAfterMinMs: 100, killAfterSpreadMs: 500 });
  assert.ok(acknowledged.size > 500, `load was acknowledged (${acknowledged.size} outcomes)`);

  const report = await verifyJournal(await openStore(location, { readonly: true }));
  assert.equal(report.ok, true, report.ok ? '' : report.where);

  const node = await LedgerNode.open({ store: await openStore(location) });
  const { createdOk, replayHash } = await auditJournal(location);
  for (const [id, result] of acknowledged) {
    if (result !== 'ok') continue;
    assert.ok(node.state.transfers.has(id), `acknowledged transfer ${id} survived`);
    assert.equal(createdOk.get(id), 1, `transfer ${id} applied exactly once`);
  }
  assert.ok(node.stateHash().equals(replayHash), 'balances equal the replay from empty');
  await node.close({ snapshot: false });
}

describe('crash safety', () => {
  it(`SQLite: keeps every acknowledged transfer exactly once across ${crashesPerRunSqlite} SIGKILLs under load`, { timeout: 300_000 }, () =>
    crashAndCheck(dir.path('crash.db'), crashesPerRunSqlite));

  it(`PostgreSQL: keeps every acknowledged transfer exactly once across ${crashesPerRunPostgres} SIGKILLs under load`, { timeout: 300_000 }, async (t) => {
    if (!(await postgresAvailable())) return t.skip(`SKIPPED: PostgreSQL is not reachable at ${testPostgresUrl}`);
    const schema = uniqueSchema('crash');
    try {
      await crashAndCheck(`${testPostgresUrl}?schema=${schema}`, crashesPerRunPostgres);
    } finally {
      await dropSchema(schema);
    }
  });
});
